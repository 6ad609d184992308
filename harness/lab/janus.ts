/**
 * Janus as a lab reference platform: Debian's janus 1.1.2 started in its own namespace from a config folder
 * meetbench generates (janus-config.ts), plus the official demo pages from /usr/share/janus/demos served by
 * static-server.ts in the same namespace on port 8000. The demo pages are served unmodified (quirks
 * included: adapters must cope with real deployments); every script and stylesheet they load is a local
 * Debian file, so they work without internet. One exception, an alias: the bootswatch theme looks for
 * glyphicon fonts in bootswatch/fonts/, which Debian ships in bootstrap/fonts/.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../errors.ts';
import { DEFAULT_ROOMS, generateJanusConfig, JANUS_HTTP_PORT, JANUS_WS_PORT, type JanusModules } from './janus-config.ts';
import { answers } from './http-probe.ts';
import { logTail, spawnInNamespace } from './namespace-spawn.ts';
import { isAlive } from '../system/processes.ts';
import type { LabHost, ReferencePlatform, ReferencePlatformEndpoints } from './reference-platform.ts';

export const JANUS_BINARY = '/usr/bin/janus';
export const JANUS_DEMOS = '/usr/share/janus/demos';
export const DEMO_PORT = 8000;
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STATIC_SERVER = fileURLToPath(new URL('./static-server.ts', import.meta.url));
/** WebSockets cost nothing and let adapters use ws:// instead of HTTP long-polls */
const WEBSOCKETS = true;

const MULTIARCH: Record<string, string> = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu', arm: 'arm-linux-gnueabihf' };

/** MEETBENCH_JANUS_LIB_DIR points at another module folder (a Janus built elsewhere, or one without a plugin, to test that case) */
export function findJanusLibDir(): string | null {
  if (process.env.MEETBENCH_JANUS_LIB_DIR)
    return existsSync(path.join(process.env.MEETBENCH_JANUS_LIB_DIR, 'plugins')) ? process.env.MEETBENCH_JANUS_LIB_DIR : null;
  const candidates = [`/usr/lib/${MULTIARCH[process.arch] ?? ''}/janus`, '/usr/lib/janus', '/usr/local/lib/janus', '/opt/janus/lib/janus'];
  return candidates.find((dir) => existsSync(path.join(dir, 'plugins'))) ?? null;
}

export function listModules(libDir: string): JanusModules {
  const list = (sub: string): string[] => (existsSync(path.join(libDir, sub)) ? readdirSync(path.join(libDir, sub)) : []);
  return { libDir, plugins: list('plugins'), transports: list('transports'), events: list('events'), loggers: list('loggers') };
}

/** Janus 1.1.2 prints its version and then exits 1, so read stdout whatever the exit code. */
export function janusVersion(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(JANUS_BINARY, ['--version'], { encoding: 'utf8', timeout: 10_000 }, (_error, stdout) => {
      resolve(/Janus version: \d+ \(([\d.]+)\)/.exec(stdout ?? '')?.[1] ?? null);
    });
  });
}

export const janus: ReferencePlatform = {
  id: 'janus',

  async check() {
    const version = existsSync(JANUS_BINARY) ? await janusVersion() : null;
    if (!version) return { ok: false, detail: `${JANUS_BINARY} not found (apt-get install -y janus janus-demos)` };
    if (!existsSync(path.join(JANUS_DEMOS, 'videoroomtest.html')))
      return { ok: false, detail: `Janus ${version}, but no demo pages in ${JANUS_DEMOS} (apt-get install -y janus-demos)` };
    if (!findJanusLibDir()) return { ok: false, detail: `Janus ${version}, but no plugin folder found` };
    return { ok: true, detail: `Janus ${version}, demos in ${JANUS_DEMOS}` };
  },

  async start(host: LabHost, rooms = DEFAULT_ROOMS): Promise<ReferencePlatformEndpoints> {
    const libDir = findJanusLibDir();
    if (!existsSync(JANUS_BINARY) || !libDir) {
      throw new HarnessError('LAB_FAILED', `Janus is not installed (${JANUS_BINARY})`, { hint: 'as root: apt-get install -y janus janus-demos' });
    }
    const configDir = path.join(host.workDir, 'config');
    mkdirSync(configDir, { recursive: true });
    const files = generateJanusConfig({
      configDir,
      interfaceName: host.interfaceName,
      address: host.address,
      rooms,
      websockets: WEBSOCKETS,
      modules: listModules(libDir),
      eventLoops: os.availableParallelism(),
    });
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(configDir, name), content);

    // -F: our folder instead of /etc/janus; -o: no colour codes in the log; no -b: we keep the pid ourselves
    const janusPid = spawnInNamespace(host.namespace, JANUS_BINARY, ['-F', configDir, '-o'], { logFile: path.join(host.workDir, 'janus.log') });
    const webPid = spawnInNamespace(
      host.namespace,
      process.execPath,
      [
        '--import',
        'tsx',
        STATIC_SERVER,
        '--root',
        JANUS_DEMOS,
        '--host',
        host.address,
        '--port',
        String(DEMO_PORT),
        '--alias',
        '/javascript/bootswatch/fonts/=/usr/share/javascript/bootstrap/fonts/',
      ],
      { logFile: path.join(host.workDir, 'demo-web.log'), cwd: REPO_ROOT },
    );
    const base = `http://${host.address}`;
    return {
      pageUrl: `${base}:${DEMO_PORT}/videoroomtest.html?room={room}`,
      extra: {
        api: `${base}:${JANUS_HTTP_PORT}/janus`,
        info: `${base}:${JANUS_HTTP_PORT}/janus/info`,
        ...(WEBSOCKETS ? { websocket: `ws://${host.address}:${JANUS_WS_PORT}` } : {}),
        demos: `${base}:${DEMO_PORT}/`,
        janusLog: path.join(host.workDir, 'janus.log'),
        webLog: path.join(host.workDir, 'demo-web.log'),
      },
      pids: [janusPid, webPid],
    };
  },

  async waitReady(host: LabHost, endpoints: ReferencePlatformEndpoints, timeoutMs: number): Promise<void> {
    const info = endpoints.extra.info ?? '';
    const page = endpoints.pageUrl.replace('{room}', '1');
    const deadline = Date.now() + timeoutMs;
    let apiUp = false;
    let pageUp = false;
    while (Date.now() < deadline) {
      const dead = endpoints.pids.find((pid) => !isAlive(pid));
      if (dead !== undefined) {
        const which = dead === endpoints.pids[0] ? 'janus' : 'the demo web server';
        const log = dead === endpoints.pids[0] ? endpoints.extra.janusLog : endpoints.extra.webLog;
        throw new HarnessError('LAB_FAILED', `${which} (pid ${dead}) exited while starting in ${host.namespace}`, { details: logTail(log ?? '') });
      }
      apiUp ||= await answers(info);
      pageUp ||= await answers(page);
      if (apiUp && pageUp) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new HarnessError('LAB_FAILED', `Janus did not answer within ${timeoutMs} ms (${apiUp ? '' : `${info} `}${pageUp ? '' : page})`.trim(), {
      details: logTail(endpoints.extra.janusLog ?? ''),
    });
  },
};
