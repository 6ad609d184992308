/**
 * Writes scenarios/suite.schema.json from the zod schema of suite files, so editors complete and check
 * suite files with the same rules `meetbench nightly` applies. Run after changing the schema:
 *   npx tsx scripts/suite-schema.ts        (writes)
 *   npx tsx scripts/suite-schema.ts --check (exit 1 when the file is out of date)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { suiteSchema } from '../harness/scenario/suite-schema.ts';

const target = fileURLToPath(new URL('../scenarios/suite.schema.json', import.meta.url));
// io: 'input' describes what users write (defaults make fields optional), not what the loader returns
const text = `${JSON.stringify({ title: 'meetbench suite file', ...(z.toJSONSchema(suiteSchema, { io: 'input', unrepresentable: 'any' }) as object) }, null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing counts as out of date
  }
  if (current !== text) {
    process.stderr.write(`${target} is out of date: run npx tsx scripts/suite-schema.ts\n`);
    process.exitCode = 1;
  }
} else {
  writeFileSync(target, text);
}
