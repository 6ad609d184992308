/** npm run schemas: writes scenarios/*.schema.json from the zod schemas (see scripts/json-schemas.ts). */
import { writeFileSync } from 'node:fs';
import { jsonSchemaFiles } from './json-schemas.ts';

for (const [file, text] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(file, text);
  process.stdout.write(`wrote ${file}\n`);
}
