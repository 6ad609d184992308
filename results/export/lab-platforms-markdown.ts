/**
 * The report's word on lab platforms that stand for a product (reconstructions): what each is named,
 * that it is a reconstruction and not the product, and the public sources it was built from.
 */
import type { LabPlatformInfo, RunRecord } from '../run-record.ts';
import { markdownText as cell } from './markdown-text.ts';

export function labPlatformsMarkdown(run: RunRecord, lang: 'fr' | 'en'): string[] {
  const seen = new Map<string, { info: LabPlatformInfo; platforms: Set<string> }>();
  for (const trial of run.trials) {
    if (!trial.labPlatform) continue;
    const entry = seen.get(trial.labPlatform.id) ?? { info: trial.labPlatform, platforms: new Set<string>() };
    entry.platforms.add(trial.platform);
    seen.set(trial.labPlatform.id, entry);
  }
  if (seen.size === 0) return [];
  const fr = lang === 'fr';
  const lines = ['', fr ? '## Plateformes reconstituées dans le laboratoire' : '## Platforms reconstructed in the lab', ''];
  for (const { info, platforms } of seen.values()) {
    const note = info.reconstruction
      ? fr
        ? 'une reconstitution à partir de sources publiques, pas le produit lui-même'
        : 'a reconstruction from public sources, not the product itself'
      : '';
    lines.push(`- **${cell(info.title)}** (${[...platforms].map(cell).join(', ')})${note ? `: ${note}` : ''}`);
    // stored text, addresses included: a report never carries a link that stored data put there
    for (const source of info.sources) lines.push(`  - ${cell(source.label)}: ${cell(source.url)}`);
  }
  return lines;
}
