/**
 * One error catalogue: every code has its exit code in results/errors.ts and the same exit code in the
 * table of docs/architecture.md, and the docs list no code the catalogue lacks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, EXIT_CODES, ExpectedError } from '../../../results/errors.ts';

const docs = readFileSync('docs/architecture.md', 'utf8');
const documented = new Map([...docs.matchAll(/^\| `([A-Z_]+)` \| (\d+) \|/gm)].map((m) => [m[1]!, Number(m[2])]));

describe('the error catalogue', () => {
  it('documents every code with its exit code', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) expect(documented.get(code), code).toBe(entry.exit);
    expect([...documented.keys()].filter((code) => !(code in ERROR_CATALOGUE))).toEqual([]);
  });

  it('gives every code an exit code the CLI knows', () => {
    const known = new Set<number>(Object.values(EXIT_CODES));
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) expect(known.has(entry.exit), code).toBe(true);
  });

  it('takes the exit code from the catalogue, not from the place that throws', () => {
    expect(new ExpectedError('STORE_LOCKED', 'locked').exitCode).toBe(3);
    expect(new ExpectedError('INVALID_FLAG', 'bad flag').exitCode).toBe(2);
    expect(new ExpectedError('INTERRUPTED', 'stopped').exitCode).toBe(130);
  });
});
