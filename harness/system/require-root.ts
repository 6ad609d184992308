/** The lab creates namespaces, veths and qdiscs: all of that needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN). */
import { HarnessError } from '../errors.ts';

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** @param command what the user should re-run under sudo */
export function requireRoot(what: string, command = 'node bin/meetbench.js lab up'): void {
  if (isRoot()) return;
  throw new HarnessError('NEEDS_ROOT', `${what} needs root: it creates network namespaces, veth pairs and a bridge`, {
    hint: `run as root: sudo ${command}`,
  });
}
