/**
 * What of meetbench runs on this machine now, for tests that kill runners and count what is left: the
 * Chromium processes of a profile tag (MEETBENCH_PROFILE_TAG names a run's browser profiles
 * `meetbench-profile-<tag>-…`) and the lab's network namespaces.
 */
import { execFileSync } from 'node:child_process';

/** pids of the Chromium processes whose profile carries `tag` */
export function browsersTagged(tag: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', '--', `meetbench-profile-${tag}-`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    // pgrep exits 1 when nothing matches
    return [];
  }
}

/** meetbench's namespaces (mb-…): the lab's platforms and its participants */
export function labNamespaces(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n.startsWith('mb-'));
}

/** the participants' namespaces (mb-p1, mb-p2 …) */
export const participantNamespaces = (): string[] => labNamespaces().filter((n) => /^mb-p\d+$/.test(n));
