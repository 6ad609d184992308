/**
 * The house's plan, checked on every test run (docs/architecture.md "Import rules"):
 * - no import cycle between files;
 * - between folders, one arrow at most runs back up, and it is the one named here;
 * - the lint zones are in force (a forbidden import written into a folder is refused by ESLint).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOTS = ['harness', 'results', 'server', 'scripts'];
const IMPORT = /(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of ROOTS.flatMap(sources)) {
    const targets = new Set<string>();
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) targets.add(path.normalize(path.join(path.dirname(file), match[1]!)));
    graph.set(file, targets);
  }
  return graph;
}

/** strongly connected components of more than one node (Tarjan) */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indexes.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indexes.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indexes.get(next)!));
    }
    if (low.get(node) === indexes.get(node)) {
      const component: string[] = [];
      let top: string;
      do {
        top = stack.pop()!;
        onStack.delete(top);
        component.push(top);
      } while (top !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indexes.has(node)) visit(node);
  return found;
}

/** a file's room: harness/<folder> (a file directly in harness/ is a room of its own), or the top folder */
const room = (file: string): string => {
  const parts = file.split(path.sep);
  if (parts[0] !== 'harness') return parts[0]!;
  return parts.length > 2 ? `harness/${parts[1]}` : file;
};

/** the one arrow allowed to run back up: network functions read the scenario's type, whose schema uses network profiles */
const BACK_UP = new Set(['harness/network -> harness/scenario']);

describe('the import graph', () => {
  const graph = importGraph();

  it('has no cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has no cycle between folders but the one arrow named as running back up', () => {
    const rooms = new Map<string, Set<string>>();
    for (const [file, targets] of graph) {
      for (const target of targets) {
        const [from, to] = [room(file), room(target)];
        if (from === to || BACK_UP.has(`${from} -> ${to}`)) continue;
        rooms.set(from, (rooms.get(from) ?? new Set()).add(to));
      }
    }
    expect(cycles(rooms)).toEqual([]);
    expect(BACK_UP.size).toBeLessThanOrEqual(1);
  });
});

describe('the lint zones', () => {
  const eslint = new ESLint();
  const refused = async (filePath: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each([
    ['server/routes/zone.ts', "import { labUp } from '../../harness/lab/index.ts';\nexport const x = labUp;\n", /server\/ reads results\/ only/],
    ['results/zone.ts', "import { labUp } from '../harness/lab/index.ts';\nexport const x = labUp;\n", /results\/ imports neither/],
    ['harness/page-scripts/zone.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /no Node imports/],
    ['harness/runner/zone.ts', "import { labUp } from '../lab/lab.ts';\nexport const x = labUp;\n", /public API, harness\/lab\/index.ts/],
    ['harness/collectors/zone.ts', "import { runTrial } from '../runner/run-trial.ts';\nexport const x = runTrial;\n", /sit below the runner/],
    ['harness/system/zone.ts', "import { executeRun } from '../cli/commands/run.ts';\nexport const x = executeRun;\n", /sit below the runner/],
    ['harness/devices/zone.ts', "import { runTrial } from '../runner/run-trial.ts';\nexport const x = runTrial;\n", /sit below the runner/],
    [
      'harness/adapters/galene/zone.ts',
      "import { janusVideoroomAdapter } from '../janus-videoroom/index.ts';\nexport const x = janusVideoroomAdapter;\n",
      /one adapter never imports another/,
    ],
  ])('refuses a forbidden import in %s', async (file, code, reason) => {
    const messages = await refused(file, code);
    expect(
      messages.some((m) => reason.test(m)),
      messages.join('\n'),
    ).toBe(true);
  });

  it('lets the runner use the lab through its public API', async () => {
    expect(await refused('harness/runner/zone.ts', "import { labUp } from '../lab/index.ts';\nexport const x = labUp;\n")).toEqual([]);
  });
});

describe('the unit tests', () => {
  it('mirror the source tree: each folder of test/unit/ is a folder of the product', () => {
    const folders = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) =>
        statSync(path.join(dir, name)).isDirectory() && name !== 'fixtures' ? [path.join(dir, name), ...folders(path.join(dir, name))] : [],
      );
    const strays = folders('test/unit')
      .map((dir) => path.relative('test/unit', dir))
      .filter((dir) => dir !== 'architecture')
      .filter((dir) => !statSync(dir, { throwIfNoEntry: false })?.isDirectory());
    expect(strays).toEqual([]);
  });
});
