/**
 * Every path built from stored or user input (run and trial ids, artifact names) is made here before any
 * filesystem call, and must stay inside its root: a run id such as `../../victim` in a hostile store, or a
 * data folder replaced by a link to elsewhere, must never lead a delete or a read outside the data directory.
 * `pathInside` checks the words (no separator, no `..`, nothing absolute); `realPathInside` also follows
 * the links that exist on the way, for deletes and reads.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ExpectedError } from '../errors.ts';

export class OutsideRootError extends ExpectedError {
  constructor(root: string, segments: readonly string[], why: string) {
    super('PATH_OUTSIDE_ROOT', `refused ${JSON.stringify(segments.join('/'))} under ${root}: ${why}`, {
      hint: 'a stored id or a name given may only name something inside the data directory; nothing was touched',
    });
  }
}

/** one name of a folder or file: not empty, no separator, no NUL, not `.` or `..` */
function isOneName(segment: string): boolean {
  return segment !== '' && segment !== '.' && segment !== '..' && !/[/\\\0]/.test(segment);
}

function isStrictlyInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** `root/segment/…`, each segment one plain name; throws OutsideRootError otherwise */
export function pathInside(root: string, ...segments: string[]): string {
  const bad = segments.find((s) => typeof s !== 'string' || !isOneName(s));
  if (bad !== undefined) throw new OutsideRootError(root, segments, `${JSON.stringify(bad)} is not one plain name`);
  const base = path.resolve(root);
  const full = path.resolve(base, ...segments);
  if (!isStrictlyInside(base, full)) throw new OutsideRootError(root, segments, 'it would lead outside');
  return full;
}

/**
 * The same path with every link on the way followed, walking down from the root's real path: refused when
 * a link leads outside it, or leads nowhere (writing through a dangling link would create its target,
 * wherever it points). What does not exist yet is appended as named: it cannot be a link.
 */
export async function realPathInside(root: string, ...segments: string[]): Promise<string> {
  const full = pathInside(root, ...segments);
  let current: string;
  try {
    current = await fs.realpath(root);
  } catch {
    return full; // no root yet, so nothing below it to follow
  }
  const realRoot = current;
  for (const [index, segment] of segments.entries()) {
    const next = path.join(current, segment);
    let stat;
    try {
      stat = await fs.lstat(next);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return path.join(next, ...segments.slice(index + 1));
      throw error;
    }
    if (!stat.isSymbolicLink()) {
      current = next;
      continue;
    }
    let target: string;
    try {
      target = await fs.realpath(next);
    } catch {
      throw new OutsideRootError(root, segments, `${segments.slice(0, index + 1).join('/')} is a link that leads nowhere`);
    }
    if (!isStrictlyInside(realRoot, target)) throw new OutsideRootError(root, segments, `${segments.slice(0, index + 1).join('/')} is a link to ${target}`);
    current = target;
  }
  return current;
}
