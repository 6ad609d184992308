import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../../scripts/json-schemas.ts';

describe('the JSON Schemas shipped for editors', () => {
  for (const [file, text] of Object.entries(jsonSchemaFiles())) {
    it(`${file.split('/').pop()} matches the zod schema meetbench validates with (run npm run schemas)`, () => {
      expect(readFileSync(file, 'utf8')).toBe(text);
    });
  }
});
