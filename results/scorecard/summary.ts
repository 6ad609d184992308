/**
 * The one sentence per platform a decision-maker reads, in French and English:
 * "Galène meets all 6 must-haves (score 92/100)." / "Janus fails: uplink 1.83 Mbit/s, above 1.5 Mbit/s
 * on the vpn profile." Broken and inconclusive say so plainly instead of pretending to judge.
 */
import type { Bilingual } from '../criteria/criteria-schema.ts';
import type { Trial } from '../run-record.ts';
import { failurePhrase, formatNumber } from './describe.ts';
import type { CriterionRow, Lang, Scorecard } from './scorecard-types.ts';

const MAX_REASONS = 3;

export function summarize(card: Omit<Scorecard, 'summary'>, trials: Trial[]): Bilingual {
  return { fr: sentence(card, trials, 'fr'), en: sentence(card, trials, 'en') };
}

function sentence(card: Omit<Scorecard, 'summary'>, trials: Trial[], lang: Lang): string {
  const fr = lang === 'fr';
  const { name, mustHaves } = card;
  const score = card.score === null ? '' : ` (score ${formatNumber(card.score, lang, 0)}/100)`;

  if (card.verdict === 'broken') {
    const broken = trials.filter((t) => t.verdict === 'broken');
    const why = broken.find((t) => t.reason)?.reason;
    if (trials.length === 0) return fr ? `${name} n’a pas pu être évalué : aucun essai.` : `${name} could not be judged: no trial.`;
    return fr
      ? `${name} n’a pas pu être évalué : ${broken.length} essai(s) sur ${trials.length} en échec technique${why ? ` (${why})` : ''}.`
      : `${name} could not be judged: ${broken.length} of ${trials.length} trial(s) broken${why ? ` (${why})` : ''}.`;
  }
  if (card.verdict === 'inconclusive') {
    const why = trials.find((t) => t.verdict === 'inconclusive')?.reason ?? card.rows.find((r) => r.outcome === 'error' && r.level === 'error')?.reason;
    return fr
      ? `${name} : résultat non concluant, mesures peu fiables${why ? ` (${why})` : ''}.`
      : `${name}: inconclusive, the measurements cannot be trusted${why ? ` (${why})` : ''}.`;
  }

  const failedGates = card.rows.filter((r) => r.level === 'error' && r.met === false);
  if (failedGates.length > 0) return fr ? `${name} échoue : ${reasons(failedGates, lang)}.` : `${name} fails: ${reasons(failedGates, lang)}.`;

  const warnings = card.rows.filter((r) => r.level === 'warn' && r.met === false);
  const base =
    mustHaves.total === 0
      ? fr
        ? `${name} n’a aucun critère obligatoire${score}`
        : `${name} has no must-have criterion${score}`
      : fr
        ? `${name} satisfait ${mustHaves.total === 1 ? 'le critère obligatoire' : `les ${mustHaves.total} critères obligatoires`}${score}`
        : `${name} meets ${mustHaves.total === 1 ? 'its must-have' : `all ${mustHaves.total} must-haves`}${score}`;
  if (warnings.length === 0) return `${base}.`;
  return fr ? `${base} ; à surveiller : ${reasons(warnings, lang)}.` : `${base}; to watch: ${reasons(warnings, lang)}.`;
}

function reasons(rows: CriterionRow[], lang: Lang): string {
  const shown = rows.slice(0, MAX_REASONS).map((r) => failurePhrase(r, lang));
  const more = rows.length - shown.length;
  if (more > 0) shown.push(lang === 'fr' ? `et ${more} autre(s)` : `and ${more} more`);
  return shown.join('; ');
}
