/**
 * The LiveKit server the lab runs: one pinned release of its Go module, built at set-up
 * (build-livekit-server.ts) into meetbench's cache, one folder per version:
 *   <cache>/livekit-server/<version>/livekit-server   the binary
 *   <cache>/livekit-server/BUILD-ERROR                 why the last build failed (Go's own words)
 * The pin is here and only here. v1.13.5 is the newest release that builds from the module proxy alone:
 * every later one (v1.13.6 to v1.13.11 when this was written) replaces pion's webrtc, dtls and ice with
 * LiveKit forks in its go.mod, and the proxy refuses those forks (403).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const LIVEKIT_SERVER_MODULE = 'github.com/livekit/livekit-server';
export const LIVEKIT_SERVER_VERSION = 'v1.13.5';

/** meetbench's own cache: MEETBENCH_CACHE, else $XDG_CACHE_HOME/meetbench, else ~/.cache/meetbench */
export function meetbenchCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MEETBENCH_CACHE ?? path.join(env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'meetbench');
}

export interface LivekitServerInstall {
  version: string;
  /** the version's folder */
  dir: string;
  binary: string;
  /** the last failed build's message, shared by every version (the newest failure is the one to read) */
  errorFile: string;
}

export function livekitServerInstall(version = LIVEKIT_SERVER_VERSION, env: NodeJS.ProcessEnv = process.env): LivekitServerInstall {
  const root = path.join(meetbenchCacheDir(env), 'livekit-server');
  const dir = path.join(root, version);
  return { version, dir, binary: path.join(dir, 'livekit-server'), errorFile: path.join(root, 'BUILD-ERROR') };
}

/** `livekit-server --version` prints "livekit-server version 1.13.5"; null when it does not run. */
export function binaryVersion(binary: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 }, (error, stdout) => {
      const version = /version\s+v?(\d+\.\d+\.\d+\S*)/.exec(stdout ?? '')?.[1];
      resolve(error || !version ? null : `v${version}`);
    });
  });
}

export interface LivekitServerStatus {
  ok: boolean;
  /** "LiveKit v1.13.5 at PATH", or why it is missing, with the last build's error when there was one */
  detail: string;
}

/** Is the pinned LiveKit server built and runnable? The reason when not (for doctor and the lab). */
export async function checkLivekitServer(install = livekitServerInstall()): Promise<LivekitServerStatus> {
  if (existsSync(install.binary)) {
    const version = await binaryVersion(install.binary);
    if (version === install.version) return { ok: true, detail: `LiveKit server ${version} at ${install.binary}` };
    return {
      ok: false,
      detail: `${install.binary} does not run as LiveKit ${install.version} (it says ${version ?? 'nothing'}); run node scripts/setup.mjs to build it again`,
    };
  }
  const lastError = existsSync(install.errorFile) ? readFileSync(install.errorFile, 'utf8').trim() : '';
  return {
    ok: false,
    detail:
      `LiveKit server ${install.version} is not built (no ${install.binary}); node scripts/setup.mjs builds it with Go` +
      (lastError ? `; the last build said: ${lastError.replace(/\s+/g, ' ')}` : ''),
  };
}
