import { describe, expect, it } from 'vitest';
import { markdownText } from '../../../../results/export/markdown-text.ts';
import { formatMessage } from '../../../../harness/nightly/notify/format-message.ts';
import type { NightReport } from '../../../../harness/nightly/night-report.ts';

describe('stored text in Markdown and chat messages', () => {
  it('turns link, image, HTML and bare-address syntax into text', () => {
    expect(markdownText('![x](https://t.example/p.png) <b>hi</b> | www.e.example\nnext')).toBe(
      '\\!\\[x\\](https\\://t.example/p.png) \\<b\\>hi\\</b\\> \\| www\\.e.example next',
    );
    expect(markdownText('95 % of joins under 5 s (demo/lan)')).toBe('95 % of joins under 5 s (demo/lan)');
  });

  it('escapes platform names in every chat format, each with its own markup', () => {
    const report = {
      suite: 'nightly',
      verdict: 'passed',
      trials: { measured: 1, planned: 1, broken: 0, inconclusive: 0 },
      stoppedBy: null,
      platforms: [{ platform: 'p', name: '[click](https://evil.example) <!here>', verdict: 'passed', score: 90, summary: '', trials: 1 }],
      history: { regressions: [], baselineRuns: [] },
      link: null,
    } as unknown as NightReport;
    expect((formatMessage('slack', report) as { text: string }).text).toContain('[click](https://evil.example) &lt;!here&gt;');
    expect((formatMessage('mattermost', report) as { text: string }).text).toContain('\\[click\\](https\\://evil.example) \\<\\!here\\>');
  });
});
