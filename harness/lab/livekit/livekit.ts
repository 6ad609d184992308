/**
 * LiveKit as a lab reference platform: the pinned server built at set-up (livekit-release.ts), started in
 * its own namespace with a configuration generated for this start (livekit-config.ts), beside the meeting
 * page's server (meeting-page-server.ts: LiveKit's own components, and tokens minted with the start's keys).
 * Participants open http://ADDRESS:8000/rooms/<room> (PreJoin) or /custom?liveKitUrl=…&token=… .
 * Ready when the server answers "OK" on its HTTP port and the page server answers the page.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { HarnessError } from '../../errors.ts';
import { isAlive } from '../../system/processes.ts';
import { answers } from '../http-probe.ts';
import { logTail, spawnInNamespace } from '../namespace-spawn.ts';
import type { LabHost, LabServices, ReferencePlatform, ReferencePlatformEndpoints } from '../reference-platform.ts';
import { buildMeetingPage } from './build-meeting-page.ts';
import { keysFromConfig, LIVEKIT_PORTS, livekitConfigYaml, randomKeys, type LivekitKeys } from './livekit-config.ts';
import { checkLivekitServer, livekitServerInstall } from './livekit-release.ts';

export const MEETING_PAGE_PORT = 8000;
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PAGE_SERVER = fileURLToPath(new URL('./meeting-page-server.ts', import.meta.url));

/** "OK" from LiveKit's health check, or why not (for the readiness error). */
async function healthy(url: string): Promise<true | string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    const body = (await response.text()).trim();
    return response.ok && body === 'OK' ? true : `HTTP ${response.status} ${body.slice(0, 60)}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/** What a dead server said: "address already in use" becomes a sentence that names the port. */
export function whyItDied(log: string[]): string | null {
  const taken = log.map((line) => /listen (tcp|udp)\d?\s+([\d.]+:\d+): bind: address already in use/.exec(line)).find(Boolean);
  if (taken) return `its ${taken[1]!.toUpperCase()} port ${taken[2]} is taken by another process in the namespace`;
  return null;
}

export function createLivekitPlatform(install = livekitServerInstall()): ReferencePlatform {
  return {
    id: 'livekit',

    check: async () => ({
      ...(await checkLivekitServer(install)),
      hint: "node scripts/setup.mjs builds it from its Go module (needs Go); doctor shows the last build's error",
    }),

    async start(host: LabHost, _rooms, services: LabServices): Promise<ReferencePlatformEndpoints> {
      const status = await checkLivekitServer(install);
      if (!status.ok)
        throw new HarnessError('LAB_FAILED', status.detail, { hint: 'build it with node scripts/setup.mjs (needs Go), or leave LiveKit out of the lab' });
      if (!services.turn) throw new HarnessError('LAB_FAILED', "LiveKit needs the lab's coturn, and it is not running");
      const page = await buildMeetingPage();
      const configFile = path.join(host.workDir, 'livekit.yaml');
      // the file holds this start's API secret: readable by root only
      writeFileSync(configFile, livekitConfigYaml({ address: host.address, interfaceName: host.interfaceName, keys: randomKeys(), turn: services.turn }), {
        mode: 0o600,
      });
      const serverUrl = `ws://${host.address}:${LIVEKIT_PORTS.http}`;
      const log = path.join(host.workDir, 'livekit.log');
      const pageLog = path.join(host.workDir, 'meeting-page.log');
      const serverPid = spawnInNamespace(host.namespace, install.binary, ['--config', configFile], { logFile: log, cwd: host.workDir });
      const pagePid = spawnInNamespace(
        host.namespace,
        process.execPath,
        [
          '--import',
          'tsx',
          PAGE_SERVER,
          '--root',
          page.dir,
          '--host',
          host.address,
          '--port',
          String(MEETING_PAGE_PORT),
          '--livekit-config',
          configFile,
          '--server-url',
          serverUrl,
        ],
        { logFile: pageLog, cwd: REPO_ROOT },
      );
      const base = `http://${host.address}:${MEETING_PAGE_PORT}`;
      return {
        pageUrl: `${base}/rooms/{room}`,
        extra: {
          serverUrl,
          api: `http://${host.address}:${LIVEKIT_PORTS.http}`,
          health: `http://${host.address}:${LIVEKIT_PORTS.http}/`,
          connectionDetails: `${base}/api/connection-details`,
          config: configFile,
          log,
          pageLog,
          version: install.version,
        },
        pids: [serverPid, pagePid],
      };
    },

    async waitReady(host: LabHost, endpoints: ReferencePlatformEndpoints, timeoutMs: number): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      const page = endpoints.pageUrl.replace('{room}', 'ready');
      let server: true | string = 'no answer yet';
      let pageUp = false;
      while (Date.now() < deadline) {
        const dead = endpoints.pids.find((pid) => !isAlive(pid));
        if (dead !== undefined) {
          const isServer = dead === endpoints.pids[0];
          const tail = logTail((isServer ? endpoints.extra.log : endpoints.extra.pageLog) ?? '');
          const why = isServer ? whyItDied(tail) : null;
          throw new HarnessError(
            'LAB_FAILED',
            `${isServer ? 'LiveKit' : 'the LiveKit meeting page server'} (pid ${dead}) exited while starting in ${host.namespace}${why ? `: ${why}` : ''}`,
            { details: tail },
          );
        }
        if (server !== true) server = await healthy(endpoints.extra.health ?? '');
        pageUp ||= await answers(page);
        if (server === true && pageUp) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new HarnessError(
        'LAB_FAILED',
        `LiveKit did not answer within ${timeoutMs} ms (${server === true ? '' : `${endpoints.extra.health}: ${server}; `}${pageUp ? '' : `${page} not served`})`,
        {
          details: logTail(endpoints.extra.log ?? ''),
        },
      );
    },
  };
}

export const livekit: ReferencePlatform = createLivekitPlatform();

/** The API key and secret of a running lab LiveKit, from the configuration it was started with (tests mint their own tokens). */
export function labLivekitKeys(endpoints: ReferencePlatformEndpoints): LivekitKeys | null {
  const file = endpoints.extra.config;
  if (!file || !existsSync(file)) return null;
  return keysFromConfig(parse(readFileSync(file, 'utf8')) as { keys?: Record<string, string> });
}
