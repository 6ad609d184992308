/**
 * Writes scenarios/criteria.schema.json from the zod schema of the criteria file, so editors complete and
 * check criteria files with the same rules meetbench applies. Run after changing the schema:
 *   npx tsx scripts/criteria-schema.ts        (writes)
 *   npx tsx scripts/criteria-schema.ts --check (exit 1 when the file is out of date)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { criteriaFileSchema } from '../results/criteria/criteria-schema.ts';
import { METRIC_IDS } from '../results/metrics.ts';

const target = fileURLToPath(new URL('../scenarios/criteria.schema.json', import.meta.url));

export function criteriaJsonSchema(): Record<string, unknown> {
  // io: 'input' describes what users write (defaults make fields optional), not what the loader returns
  const schema = z.toJSONSchema(criteriaFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const measured = (schema.properties as Record<string, { items?: { properties?: Record<string, Record<string, unknown>> } }>).measured;
  // the metric list lives in the catalogue; the editor offers it as a list
  const metric = measured?.items?.properties?.metric;
  if (metric) metric.enum = [...METRIC_IDS];
  return { title: 'meetbench criteria file', ...schema };
}

const text = `${JSON.stringify(criteriaJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== text) {
    process.stderr.write(`${target} is out of date: run npx tsx scripts/criteria-schema.ts\n`);
    process.exitCode = 1;
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
