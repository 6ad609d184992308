/**
 * The scale sections of the Markdown report: web-tier load per trial, capacity searches with their curve
 * and the reason they stopped, and the bandwidth plan projected from the run's measured rates.
 */
import type { RunRecord } from '../run-record.ts';
import { MODEL_ASSUMPTIONS, type PlatformModel } from './model-comparison.ts';
import { planFromRun } from './plan-from-run.ts';
import { markdownText as cell } from '../export/markdown-text.ts';

type Lang = 'fr' | 'en';

const n = (v: number | null | undefined, unit = ''): string => (typeof v === 'number' && Number.isFinite(v) ? `${Math.round(v * 10) / 10}${unit}` : '—');

export function webLoadMarkdown(run: RunRecord, lang: Lang): string[] {
  const trials = run.trials.filter((t) => t.webLoad);
  if (trials.length === 0) return [];
  const fr = lang === 'fr';
  const lines = ['', fr ? '## Charge sur le serveur web' : '## Web-tier load', ''];
  lines.push(
    fr ? '| essai | requêtes | req/s | p50 | p95 | p99 | erreurs |' : '| trial | requests | req/s | p50 | p95 | p99 | errors |',
    '|---|---|---|---|---|---|---|',
  );
  for (const t of trials) {
    const w = t.webLoad!;
    lines.push(
      `| ${cell(t.id)} | ${w.requests} | ${n(w.requestsPerS)} | ${n(w.latencyMs.p50, ' ms')} | ${n(w.latencyMs.p95, ' ms')} | ${n(w.latencyMs.p99, ' ms')} | ${w.errorRate === null ? '—' : `${n(w.errorRate * 100)} %`} |`,
    );
  }
  return lines;
}

export function capacityMarkdown(run: RunRecord, lang: Lang): string[] {
  if (!run.capacity || run.capacity.length === 0) return [];
  const fr = lang === 'fr';
  const lines: string[] = [];
  for (const s of run.capacity) {
    lines.push('', `## ${fr ? 'Capacité' : 'Capacity'}: ${cell(s.platform)} (${cell(s.network)})`, '');
    lines.push(`${fr ? 'Plus grande salle conforme' : 'Largest room that met the criteria'}: **${s.largestPassing ?? '—'}**. ${cell(s.explanation)}`, '');
    lines.push(
      fr
        ? '| taille | verdict | rejoints | connexion p50 | p95 | montant | descendant | pertes | CPU runner |'
        : '| size | verdict | joined | join p50 | p95 | uplink | downlink | loss | runner CPU |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const st of s.steps) {
      lines.push(
        `| ${st.size} | ${st.verdict} | ${st.joined} | ${n(st.joinTimeMs.p50, ' ms')} | ${n(st.joinTimeMs.p95, ' ms')} | ${n(st.uplinkKbps, ' kbit/s')} | ${n(st.downlinkKbps, ' kbit/s')} | ${n(st.packetLossPct, ' %')} | ${n(st.runnerCpuPct, ' %')} |`,
      );
    }
  }
  return lines;
}

export function bandwidthMarkdown(run: RunRecord, lang: Lang): string[] {
  const plan = planFromRun(run);
  const fr = lang === 'fr';
  const lines = ['', fr ? '## Dimensionnement des liens' : '## Bandwidth planning', ''];
  if (plan.plans.length === 0) {
    if (!run.trials.some((t) => t.runner.saturated)) return [];
    return [...lines, fr ? 'Aucune mesure fiable : le poste de mesure était saturé.' : 'No trustworthy measurement to project from: the runner was saturated.'];
  }
  lines.push(
    fr
      ? '| réunions × taille | par participant ↑/↓ | lien du site ↑/↓ | concentrateur VPN (25 %) |'
      : '| meetings × size | per participant up/down | site link up/down | VPN concentrator (25 %) |',
    '|---|---|---|---|',
  );
  for (const p of plan.plans) {
    lines.push(
      `| ${p.request.meetings} × ${p.request.size} | ${n(p.perParticipant.uplinkKbps)} / ${n(p.perParticipant.downlinkKbps)} kbit/s | ${n(p.site.uplinkMbps)} / ${n(p.site.downlinkMbps)} Mbit/s | ${p.vpn ? `${n(p.vpn.throughputMbps)} Mbit/s` : '—'} |`,
    );
  }
  const assumptions = new Set(plan.plans.flatMap((p) => p.assumptions));
  lines.push('', fr ? 'Hypothèses :' : 'Assumptions:', ...[...assumptions].map((a) => `- ${cell(a)}`));
  lines.push(...modelsMarkdown(plan.models, lang));
  return lines;
}

/** the media models side by side: per participant and for the site link, at each of the DSI's sizes */
export function modelsMarkdown(models: readonly PlatformModel[], lang: Lang): string[] {
  if (models.length === 0) return [];
  const fr = lang === 'fr';
  const lines = ['', fr ? '### Modèles de média côte à côte' : '### Media models side by side', ''];
  const sizes = models[0]!.projections;
  lines.push(
    `| ${fr ? 'plateforme' : 'platform'} | ${fr ? 'modèle' : 'model'} | ${fr ? 'un flux audio + vidéo' : 'one audio + video stream'} | ${sizes.map((p) => `${p.meetings} × ${p.size}: ${fr ? 'par personne ↑/↓, lien du site ↑/↓' : 'per person up/down, site up/down'}`).join(' | ')} |`,
    `|---|---|---|${sizes.map(() => '---').join('|')}|`,
  );
  for (const m of models) {
    const cells = m.projections.map((p) =>
      p.perParticipant && p.site
        ? `${n(p.perParticipant.uplinkKbps)} / ${n(p.perParticipant.downlinkKbps)} kbit/s, ${n(p.site.uplinkMbps)} / ${n(p.site.downlinkMbps)} Mbit/s`
        : `${fr ? 'refusé' : 'refused'}: ${cell(p.refused ?? '')}`,
    );
    lines.push(
      `| ${cell(m.title)} | ${cell(m.modelName)} | ${n(m.stream.audioKbps)} + ${n(m.stream.videoKbps)} kbit/s (${m.stream.source}) | ${cells.join(' | ')} |`,
    );
  }
  lines.push('', ...MODEL_ASSUMPTIONS.map((a) => `- ${cell(a)}`));
  return lines;
}

export function scaleMarkdown(run: RunRecord, lang: Lang): string[] {
  return [...webLoadMarkdown(run, lang), ...capacityMarkdown(run, lang), ...bandwidthMarkdown(run, lang)];
}
