/**
 * The body of a webhook per format. `json` posts the whole night report (for scripts and monitoring);
 * the chat formats post short markdown-like text: the verdict per platform, the regressions with their
 * numbers, and the link. Mattermost, Rocket.Chat and Slack incoming webhooks take `{ text }` (Slack's
 * mrkdwn uses *bold* and <url|label>); Teams workflows take an Adaptive Card in a message attachment.
 */
import type { NotifyTarget } from '../../scenario/suite-schema.ts';
import type { NightReport } from '../night-report.ts';
import { markdownText } from '../../../results/export/markdown-text.ts';

const ICON: Record<string, string> = { passed: '✅', failed: '❌', inconclusive: '⚠️', broken: '🛑' };

/** stored text as literal text of the chat's markup: Slack's mrkdwn escapes only &, < and >; the others read Markdown */
type Escape = (text: string) => string;
const slackText: Escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function describeRegression(r: NightReport['history']['regressions'][number], esc: Escape): string {
  const change = r.changePct === null ? 'from 0' : `${r.changePct > 0 ? '+' : ''}${r.changePct} %`;
  return `${esc(r.platform)} · ${esc(r.scenario)} · ${esc(r.network)} · ${r.metric}: ${change} (median ${round(r.tonight.median)} vs ${round(r.baseline.median)} over ${r.baseline.nights} night(s), n = ${r.tonight.n}/${r.baseline.n}, p = ${formatP(r.p)})`;
}

const round = (v: number): number => Math.round(v * 100) / 100;
/** p-values as people read them: 0.012, or 7.0e-5 when tiny */
export const formatP = (p: number): string => (p >= 0.001 ? p.toPrecision(2) : p.toExponential(1));

/** plain lines shared by the chat formats; `bold` and `link` adapt the markup */
function chatLines(report: NightReport, bold: (s: string) => string, link: (url: string, label: string) => string, esc: Escape): string[] {
  const lines = [
    `${ICON[report.verdict] ?? ''} ${bold(`meetbench ${esc(report.suite)}`)}: ${report.verdict.toUpperCase()} (${report.trials.measured}/${report.trials.planned} trials)`,
  ];
  if (report.stoppedBy) lines.push(`Stopped early by the ${report.stoppedBy}: ${esc(report.reason ?? '')}`);
  for (const p of report.platforms) lines.push(`- ${ICON[p.verdict] ?? ''} ${esc(p.name)}: ${p.verdict}${p.score === null ? '' : ` (score ${p.score})`}`);
  if (report.history.regressions.length > 0) {
    lines.push(bold(`Regressions against previous nights (${report.history.regressions.length}):`));
    for (const r of report.history.regressions) lines.push(`- ${describeRegression(r, esc)}`);
  } else {
    lines.push(`No regression against ${report.history.baselineRuns.length} previous night(s).`);
  }
  if (report.link) lines.push(link(report.link, 'Open the scorecard'));
  return lines;
}

export function formatMessage(format: NotifyTarget['format'], report: NightReport): unknown {
  switch (format) {
    case 'json':
      return report;
    case 'slack':
      return {
        text: chatLines(
          report,
          (s) => `*${s}*`,
          (url, label) => `<${url}|${label}>`,
          slackText,
        ).join('\n'),
      };
    case 'mattermost':
    case 'rocketchat':
      return {
        text: chatLines(
          report,
          (s) => `**${s}**`,
          (url, label) => `[${label}](${url})`,
          markdownText,
        ).join('\n'),
      };
    case 'teams':
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: chatLines(
                report,
                (s) => `**${s}**`,
                (url, label) => `[${label}](${url})`,
                markdownText,
              ).map((text) => ({ type: 'TextBlock', text, wrap: true })),
            },
          },
        ],
      };
  }
}
