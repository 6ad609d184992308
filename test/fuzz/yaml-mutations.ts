/**
 * Inputs for the loader fuzzer: random YAML documents built from random values, mutations of the valid
 * files we ship (byte flips, cut and doubled lines, hostile YAML tokens spliced in), and plain random bytes.
 */
import { stringify } from 'yaml';
import { pick } from './seeded-random.ts';

/** keys a hostile or careless file may hold */
const KEYS = [
  'name',
  'platforms',
  'participants',
  'count',
  'id',
  'adapter',
  'url',
  'options',
  'measured',
  'declared',
  'threshold',
  'metric',
  'level',
  'version',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'thresold',
  'abortOnfail',
  '<<',
  '',
  ' ',
  'ключ',
  '🎥',
];
const SCALARS: unknown[] = [
  0,
  -1,
  1e308,
  -0,
  0.5,
  2 ** 53 + 1,
  true,
  false,
  null,
  '',
  'x',
  'p(95) < 5000',
  'lab:janus',
  'http://127.0.0.1:1',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'NaN',
  '.inf',
  '\u0000',
  '\uFEFF',
  'a'.repeat(5000),
];

/** splices that hit the YAML parser's corners */
const TOKENS = [
  '&a ',
  '*a',
  '*nope',
  '<<: ',
  '<<: *a',
  '!!binary ',
  '!!js/function ',
  '!!python/object ',
  '!custom ',
  '? ',
  '- ',
  ': ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '|',
  '>',
  '#',
  '%YAML 1.1\n',
  '---\n',
  '...\n',
  '\t',
  '\u0000',
  '\uFEFF',
  '\r',
  '\n',
  '  ',
  '__proto__: ',
  'constructor: ',
  '~',
  '.nan',
  '0x1F',
  '1e999',
  '\u2028',
  '\\u0000',
];

function randomValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth > 4 || roll < 0.45) return SCALARS[pick(random, SCALARS.length)];
  if (roll < 0.7) return Array.from({ length: pick(random, 5) }, () => randomValue(random, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < pick(random, 6); i += 1) {
    // defineProperty: a plain assignment of "__proto__" would set the prototype instead of a key
    Object.defineProperty(out, KEYS[pick(random, KEYS.length)]!, {
      value: randomValue(random, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

export function randomDocument(random: () => number): string {
  const value = randomValue(random, 0);
  try {
    return stringify(value, { aliasDuplicateObjects: random() < 0.5 });
  } catch {
    return String(value);
  }
}

export function mutate(random: () => number, text: string): string {
  let out = text;
  const edits = 1 + pick(random, 4);
  for (let e = 0; e < edits; e += 1) {
    const at = pick(random, out.length + 1);
    switch (pick(random, 7)) {
      case 0: // flip a character
        out = `${out.slice(0, at)}${String.fromCharCode(pick(random, 0x250))}${out.slice(at + 1)}`;
        break;
      case 1: // delete a run
        out = out.slice(0, at) + out.slice(at + 1 + pick(random, 20));
        break;
      case 2: // splice a hostile token
        out = out.slice(0, at) + TOKENS[pick(random, TOKENS.length)] + out.slice(at);
        break;
      case 3: {
        // double a line (duplicate keys)
        const lines = out.split('\n');
        const i = pick(random, lines.length);
        lines.splice(i, 0, lines[i] ?? '');
        out = lines.join('\n');
        break;
      }
      case 4: {
        // swap two lines (indentation goes wrong)
        const lines = out.split('\n');
        const i = pick(random, lines.length);
        const j = pick(random, lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        out = lines.join('\n');
        break;
      }
      case 5: // cut the file (a crash mid-save)
        out = out.slice(0, at);
        break;
      default: // indent a line with a tab
        out = `${out.slice(0, at)}\t${out.slice(at)}`;
    }
  }
  return out;
}

export function randomBytes(random: () => number): string {
  const bytes = Buffer.alloc(pick(random, 400));
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = pick(random, 256);
  return bytes.toString(random() < 0.5 ? 'utf8' : 'latin1');
}

/** an alias bomb of `levels` levels, each 9 references to the previous */
export function aliasBomb(levels: number): string {
  const lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= levels; i += 1) lines.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}
