/**
 * Root-only and package-dependent tests say out loud when they skip, and why. In CI
 * (MEETBENCH_NO_SKIP=1, set by .ci/run) a skip for a missing prerequisite is a failure instead: CI installs
 * everything and runs as root, so a skip there would hide a broken set-up. A part that is blocked by
 * something outside the project (a package the registries refuse) is allowed to skip, named as blocked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { livekitServerInstall } from '../../harness/lab/livekit/livekit-release.ts';

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** The first missing prerequisite of the lab, or null when the lab can run here. */
export function labMissing(): string | null {
  if (!isRoot()) return 'needs root (network namespaces, veth pairs, a bridge)';
  if (!existsSync('/usr/bin/janus')) return 'Janus is not installed (apt-get install -y janus janus-demos)';
  if (!existsSync('/usr/bin/chromium')) return 'Chromium is not installed (apt-get install -y chromium)';
  return null;
}

/** Why the lab cannot run LiveKit here (not built by the set-up, with the build's own error), or null. */
export function livekitMissing(): string | null {
  const install = livekitServerInstall();
  if (existsSync(install.binary)) return null;
  const said = existsSync(install.errorFile) ? `: ${readFileSync(install.errorFile, 'utf8').trim().split('\n')[0]}` : '';
  return `the LiveKit server ${install.version} is not built (node scripts/setup.mjs builds it with Go)${said}`;
}

/** The module proxy refused what the LiveKit build needs (403): outside the project, so a skip, not a failure, in CI. */
export function livekitBlocked(): boolean {
  const install = livekitServerInstall();
  return !existsSync(install.binary) && existsSync(install.errorFile) && /\b403\b|not available/.test(readFileSync(install.errorFile, 'utf8'));
}

export function chromiumMissing(): string | null {
  return existsSync(process.env.MEETBENCH_CHROMIUM ?? '/usr/bin/chromium') ? null : 'Chromium is not installed (apt-get install -y chromium)';
}

/**
 * @returns true when the tests must be skipped (after printing why); throws in CI unless `blocked`.
 */
export function shouldSkip(file: string, what: string, reason: string | null, options: { blocked?: boolean } = {}): boolean {
  if (reason === null) return false;
  if (process.env.MEETBENCH_NO_SKIP === '1' && !options.blocked) {
    throw new Error(`${file} (${what}) would be skipped in CI: ${reason}`);
  }
  process.stdout.write(`\n${options.blocked ? 'BLOCKED' : 'SKIPPED'} ${file} (${what}): ${reason}\n`);
  return true;
}
