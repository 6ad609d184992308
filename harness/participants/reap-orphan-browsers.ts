/**
 * The startup reaper of participant browsers (fault catalogue case B5, README "Reliability"). A browser normally exits
 * by itself when its runner dies (its DevTools pipe closes), but a frozen one (hung GPU, SIGSTOP, full
 * disk) does not; inside a lab namespace the lab reaper kills it, elsewhere nobody would. An orphan is a
 * main browser process whose user-data-dir is one of ours (`meetbench-profile-`) and whose parent is no
 * longer a Node process (the runner died and it was re-parented). Its process group is killed and its
 * profile removed; so are profiles no live browser uses whose owner (`.meetbench-owner`) is dead, or,
 * without an owner file, older than an hour.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isAlive } from '../system/processes.ts';
import { readProcStat } from '../system/proc-stat.ts';
import { killTree, OWNER_FILE } from './browser-process.ts';

const PROFILE_PREFIX = 'meetbench-profile-';
const STALE_PROFILE_MS = 60 * 60 * 1000;

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const parentOf = (pid: number): number => readProcStat(pid)?.ppid ?? 0;

export interface ReapedBrowsers {
  killed: number[];
  profiles: string[];
}

export function reapOrphanBrowsers(): ReapedBrowsers {
  const root = tmpdir();
  const marker = `--user-data-dir=${path.join(root, PROFILE_PREFIX)}`;
  const inUse = new Set<string>();
  const killed: number[] = [];
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    const pid = Number(entry);
    const args = read(`/proc/${pid}/cmdline`).split('\0');
    const dirArg = args.find((a) => a.startsWith(marker));
    if (!dirArg) continue;
    const profile = dirArg.slice('--user-data-dir='.length);
    if (args.some((a) => a.startsWith('--type='))) {
      inUse.add(profile);
      continue;
    }
    const parentArgs = read(`/proc/${parentOf(pid)}/cmdline`).split('\0')[0] ?? '';
    if (path.basename(parentArgs).startsWith('node')) {
      inUse.add(profile);
      continue;
    }
    killTree(pid);
    killed.push(pid);
    rmSync(profile, { recursive: true, force: true });
  }
  const profiles: string[] = [];
  for (const name of readdirSync(root).filter((n) => n.startsWith(PROFILE_PREFIX))) {
    const dir = path.join(root, name);
    try {
      if (inUse.has(dir)) continue;
      // the owner's pid when it wrote one (a dead owner's profile goes at once), else an age
      const owner = Number(read(path.join(dir, OWNER_FILE)).trim());
      const ownerGone = Number.isInteger(owner) && owner > 0 && !isAlive(owner);
      if (!ownerGone && Date.now() - statSync(dir).mtimeMs < STALE_PROFILE_MS) continue;
      rmSync(dir, { recursive: true, force: true });
      profiles.push(dir);
    } catch {
      // removed meanwhile
    }
  }
  return { killed, profiles };
}
