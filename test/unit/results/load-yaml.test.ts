import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../../results/input-error.ts';
import { loadYamlWithSchema, parseYamlWithSchema } from '../../../results/load-yaml.ts';

const schema = z.strictObject({
  name: z.string(),
  items: z.array(z.strictObject({ id: z.string(), weight: z.number().min(0) })),
});

function problems(text: string): InputError['problems'] {
  try {
    parseYamlWithSchema(text, 'f.yaml', schema);
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseYamlWithSchema', () => {
  it('returns the typed value of a valid document', () => {
    expect(parseYamlWithSchema('name: a\nitems:\n  - id: x\n    weight: 2\n', 'f.yaml', schema)).toEqual({ name: 'a', items: [{ id: 'x', weight: 2 }] });
  });

  it('reports every schema problem at once with its line and path', () => {
    const found = problems('name: 3\nitems:\n  - id: x\n    weight: -1\n  - id: y\n    wieght: 2\n');
    expect(found.map((p) => [p.line, p.path])).toEqual([
      [1, 'name'],
      [4, 'items[0].weight'],
      [5, 'items[1].weight'],
      [6, 'items[1].wieght'],
    ]);
    expect(found[0]?.message).toMatch(/expected string/);
    expect(found[3]?.message).toMatch(/unknown key/);
  });

  it('refuses duplicate keys, naming the line of the second one', () => {
    const found = problems('name: a\nname: b\nitems: []\n');
    expect(found).toEqual([{ path: '', line: 2, message: expect.stringMatching(/duplicate key/) }]);
  });

  it('refuses merge keys', () => {
    const found = problems('base: &b {id: x, weight: 1}\nname: a\nitems:\n  - <<: *b\n');
    expect(found.some((p) => p.line === 4 && /merge keys/.test(p.message))).toBe(true);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(problems(lines.join('\n'))[0]?.message).toMatch(/too many aliases/);
  });

  it('refuses several documents in one file', () => {
    expect(problems('name: a\nitems: []\n---\nname: b\n')[0]?.message).toMatch(/several YAML documents/);
  });

  it('reports an empty file as the wrong type on line 1', () => {
    expect(problems('')).toEqual([{ path: '', line: 1, message: expect.stringMatching(/expected object/) }]);
  });
});

describe('loadYamlWithSchema', () => {
  it('names a missing file without a line', () => {
    expect(() => loadYamlWithSchema('/nonexistent/meetbench.yaml', schema)).toThrow(/file not found/);
  });

  it('reads and validates a real file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mb-yaml-'));
    const file = path.join(dir, 'ok.yaml');
    writeFileSync(file, 'name: a\nitems: []\n');
    try {
      expect(loadYamlWithSchema(file, schema)).toEqual({ name: 'a', items: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
