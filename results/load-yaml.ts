/**
 * Load a YAML file and check it against a zod schema, reporting every problem at once with its file,
 * line and path. Generic on purpose: criteria files use it, and so can scenario and suite files.
 *
 * YAML is parsed defensively: duplicate keys are refused (the second one would silently win), merge
 * keys (`<<`) are refused (they hide where a value comes from), aliases are capped (billion-laughs),
 * only one document per file, and files over 1 MiB (or not regular files) are refused before reading.
 */
import { LineCounter, isMap, isPair, isScalar, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { InputError, formatPath, type InputProblem } from './input-error.ts';
import { readInputFile } from './read-input-file.ts';

export const MAX_YAML_BYTES = 1024 * 1024;
/** a few anchors for shared blocks are fine; thousands are an attack */
export const MAX_ALIAS_COUNT = 50;

/** Read `file` and validate it; throws InputError listing every problem. */
export function loadYamlWithSchema<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  return parseYamlWithSchema(readYamlFile(file), file, schema);
}

/** The text of a YAML input file: a regular UTF-8 file of at most MAX_YAML_BYTES, read without blocking. */
export function readYamlFile(file: string): string {
  return readInputFile(file, MAX_YAML_BYTES);
}

/**
 * A loader that reads each file once per process: catalogues (network profiles, devices) are read by
 * every trial and every validation, and do not change while meetbench runs.
 */
export function cachedYamlLoader<S extends z.ZodType>(schema: S): (file: string) => z.output<S> {
  const cache = new Map<string, z.output<S>>();
  return (file) => {
    if (!cache.has(file)) cache.set(file, loadYamlWithSchema(file, schema));
    return cache.get(file) as z.output<S>;
  };
}

/** Same as loadYamlWithSchema, from text already in memory; `file` is only used in messages. */
export function parseYamlWithSchema<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  // the same cap for text already in memory (validate --stdin, tests): parse time grows with the node count
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_YAML_BYTES) throw new InputError(file, [{ path: '', line: null, message: `file is ${bytes} bytes; expected at most ${MAX_YAML_BYTES}` }]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, merge: false, lineCounter, prettyErrors: false });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;

  const problems: InputProblem[] = doc.errors.map((e) => ({ path: '', line: lineAt(e.pos[0]), message: yamlMessage(e.code, e.message) }));
  problems.push(...mergeKeyProblems(doc, lineAt));
  if (problems.length > 0) throw new InputError(file, sortByLine(problems));

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof ReferenceError ? `too many aliases (more than ${MAX_ALIAS_COUNT} expansions); write the values out` : String(error);
    throw new InputError(file, [{ path: '', line: null, message }]);
  }

  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const schemaProblems: InputProblem[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      // point at each unknown key itself, not at the object holding it
      for (const key of issue.keys) {
        schemaProblems.push({
          path: formatPath([...path, key]),
          line: keyLine(doc, path, key, lineAt),
          message: 'unknown key (check the spelling; see the JSON Schema for the keys allowed here)',
        });
      }
      continue;
    }
    schemaProblems.push({ path: formatPath(path), line: nodeLine(doc, path, lineAt), message: issue.message });
  }
  throw new InputError(file, sortByLine(schemaProblems));
}

function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear once in a mapping';
  if (code === 'MULTIPLE_DOCS') return 'several YAML documents (---) in one file; expected one';
  return `YAML syntax: ${message}`;
}

function mergeKeyProblems(doc: Document, lineAt: (offset: number) => number): InputProblem[] {
  const problems: InputProblem[] = [];
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<') {
        problems.push({ path: '', line: pair.key.range ? lineAt(pair.key.range[0]) : null, message: 'merge keys (<<) are not supported; write the keys out' });
      }
      // never a real setting; under a free-form map (adapter options) zod dropped it silently instead of refusing it
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        problems.push({ path: '', line: pair.key.range ? lineAt(pair.key.range[0]) : null, message: 'the key __proto__ is not allowed' });
      }
    },
  });
  return problems;
}

/** line of the node at `path`, or of its nearest existing ancestor (a missing key is reported where its parent is) */
function nodeLine(doc: Document, path: readonly PropertyKey[], lineAt: (offset: number) => number): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : (doc.getIn(path.slice(0, depth) as unknown[], true) as Node | undefined);
    if (node && typeof node === 'object' && 'range' in node && node.range) return lineAt(node.range[0]);
  }
  return doc.contents ? null : 1;
}

function keyLine(doc: Document, path: readonly PropertyKey[], key: string, lineAt: (offset: number) => number): number | null {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) return lineAt(pair.key.range[0]);
    }
  }
  return nodeLine(doc, path, lineAt);
}

function sortByLine(problems: InputProblem[]): InputProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
