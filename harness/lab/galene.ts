/**
 * Galène as a lab reference platform: the real server (built by scripts/install-galene.sh from its Go
 * module) with its own web client, run inside the lab namespace given by the lab and bound to that
 * namespace's address over plain HTTP. Participants open http://ADDRESS:8443/group/meetbench-N/.
 *
 * ICE: Galène (pion) gathers host candidates on the namespace's interfaces, which are only lo (skipped by
 * pion) and the lab veth; the built-in TURN server is disabled and the ICE server list is empty, so no
 * address outside the lab is ever advertised.
 */
import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HarnessError } from '../errors.ts';
import type { LabHost, ReferencePlatform, ReferencePlatformEndpoints } from './reference-platform.ts';
import { logTail, spawnInNamespace } from './namespace-spawn.ts';
import { isAlive } from '../system/processes.ts';
import { GALENE_HTTP_PORT, GALENE_UDP_RANGE, galeneArgs, galeneFiles, galeneRoomName, writeGaleneFiles } from './galene-config.ts';

const run = promisify(execFile);

export interface GaleneInstall {
  home: string;
  binary: string;
  staticDir: string;
}

/** Where scripts/install-galene.sh puts Galène; MEETBENCH_GALENE_HOME (or GALENE_HOME) moves it. */
export function galeneInstall(env: NodeJS.ProcessEnv = process.env): GaleneInstall {
  const home = env.MEETBENCH_GALENE_HOME ?? env.GALENE_HOME ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'meetbench', 'galene');
  return { home, binary: join(home, 'bin', 'galene'), staticDir: join(home, 'static') };
}

async function exists(path: string, mode = constants.R_OK): Promise<boolean> {
  try {
    await access(path, mode);
    return true;
  } catch {
    return false;
  }
}

async function readTrimmed(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

/** Is Galène installed? The reason when not, including the install script's recorded error. */
export async function checkGaleneInstall(install = galeneInstall()): Promise<{ ok: boolean; detail: string; version?: string }> {
  const binOk = await exists(install.binary, constants.X_OK);
  const staticOk = await exists(join(install.staticDir, 'galene.html'));
  if (binOk && staticOk) {
    const version = (await readTrimmed(join(install.home, 'VERSION'))) ?? 'unknown version';
    return { ok: true, detail: `Galène ${version} in ${install.home}`, version };
  }
  const missing = [binOk ? null : install.binary, staticOk ? null : join(install.staticDir, 'galene.html')].filter(Boolean).join(' and ');
  const lastError = await readTrimmed(join(install.home, 'INSTALL-ERROR'));
  return {
    ok: false,
    detail:
      `Galène is not installed (missing ${missing}); run scripts/install-galene.sh (needs Go)` +
      (lastError ? `; its last attempt said: ${lastError.replace(/\s+/g, ' ')}` : ''),
  };
}

/** `-udp-range` appeared in later Galène releases: ask the binary rather than guess from a version. */
async function supportsUdpRange(binary: string): Promise<boolean> {
  try {
    const { stdout, stderr } = await run(binary, ['-help'], { timeout: 5000 });
    return `${stdout}${stderr}`.includes('-udp-range');
  } catch (error) {
    // Go's flag package exits 0 on -help in recent versions and 2 in older ones; the usage is there either way.
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`.includes('-udp-range');
  }
}

export function createGalenePlatform(install = galeneInstall(), port = GALENE_HTTP_PORT): ReferencePlatform {
  return {
    id: 'galene',

    check: async () => checkGaleneInstall(install),

    async start(host: LabHost, rooms): Promise<ReferencePlatformEndpoints> {
      const status = await checkGaleneInstall(install);
      if (!status.ok)
        throw new HarnessError('LAB_FAILED', status.detail, { hint: 'install Galène with scripts/install-galene.sh, or leave galene out of the lab' });
      // Galène has no per-group bitrate cap: rooms.bitrateBps is left to the clients' own "send" setting.
      const files = galeneFiles(host.workDir, rooms);
      await writeGaleneFiles(files);
      const udpRange = (await supportsUdpRange(install.binary)) ? GALENE_UDP_RANGE : null;
      const args = galeneArgs({ address: host.address, port, files, staticDir: install.staticDir, udpRange });
      const logPath = join(host.workDir, 'galene.log');
      const pid = spawnInNamespace(host.namespace, install.binary, args, { logFile: logPath, cwd: host.workDir });
      const base = `http://${host.address}:${port}`;
      return {
        pageUrl: `${base}/group/{room}/`,
        extra: { base, status: `${base}/group/${galeneRoomName(1)}/.status`, log: logPath, version: status.version ?? 'unknown' },
        pids: [pid],
      };
    },

    async waitReady(_host, endpoints, timeoutMs): Promise<void> {
      const statusUrl = endpoints.extra.status ?? '';
      const deadline = Date.now() + timeoutMs;
      let last = 'no answer yet';
      while (Date.now() < deadline) {
        const dead = endpoints.pids.find((pid) => !isAlive(pid));
        if (dead !== undefined) {
          throw new HarnessError('LAB_FAILED', `Galène (pid ${dead}) exited during start-up`, { details: logTail(endpoints.extra.log ?? '') });
        }
        try {
          // recent Galène serves the group status at .status, older releases at .status.json
          let response = await fetch(statusUrl, { signal: AbortSignal.timeout(1000) });
          if (response.status === 404) response = await fetch(`${statusUrl}.json`, { signal: AbortSignal.timeout(1000) });
          if (response.ok) {
            const body = (await response.json()) as { name?: string };
            if (body.name) return;
            last = `status without a group name: ${JSON.stringify(body).slice(0, 120)}`;
          } else last = `HTTP ${response.status}`;
        } catch (error) {
          last = (error as Error).message;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new HarnessError('LAB_FAILED', `Galène did not answer on ${statusUrl} within ${timeoutMs} ms (${last})`, {
        details: logTail(endpoints.extra.log ?? ''),
      });
    },
  };
}

export const galene: ReferencePlatform = createGalenePlatform();
