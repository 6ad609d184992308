/** The processes of a tree (a browser and its descendants), from one reading of /proc. */
import { readAllProcStats } from './proc-stat.ts';

function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of readAllProcStats()) {
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  return children;
}

export function processTree(root: number): number[] {
  return processTrees([root]);
}

/** the processes of several trees, from one reading of /proc */
export function processTrees(roots: number[]): number[] {
  const children = childrenOf();
  const out: number[] = [];
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}
