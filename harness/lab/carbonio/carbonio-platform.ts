/**
 * `lab:carbonio`: Carbonio's media plane, reconstructed in the lab from its public sources. Three parts in
 * one namespace: Debian's Janus configured as Carbonio's video server (carbonio-janus-config.ts), the
 * meeting service in the role of Carbonio's (meeting-service/main.ts: the only holder of the api_secret,
 * Janus's API on the namespace's loopback), and the meeting page it serves, which behaves as Carbonio's
 * client does at the WebRTC level (page/). Reports name it "Carbonio media plane (lab reconstruction)".
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../../errors.ts';
import { JANUS_HTTP_PORT } from '../janus-config.ts';
import { findJanusLibDir, JANUS_BINARY, janusVersion, listModules } from '../janus.ts';
import { spawnLabService, waitForHealth } from '../lab-service.ts';
import { spawnInNamespace } from '../namespace-spawn.ts';
import type { LabHost, ReferencePlatform, ReferencePlatformEndpoints } from '../reference-platform.ts';
import { generateCarbonioJanusConfig, missingCarbonioPlugins } from './carbonio-janus-config.ts';
import { CARBONIO_SOURCES } from './carbonio-sources.ts';

export const MEETING_SERVICE_PORT = 8090;
const MEETING_SERVICE = fileURLToPath(new URL('./meeting-service/main.ts', import.meta.url));
export const FIX_MISSING_PLUGIN = "reinstall Debian's janus package, which ships the AudioBridge and VideoRoom plugins: apt-get install --reinstall -y janus";

/** where the meeting service reads the api_secret (mode 0600; the page never sees it) */
export const secretFileOf = (workDir: string): string => path.join(workDir, 'api-secret');

export const carbonio: ReferencePlatform = {
  id: 'carbonio',
  describes: { id: 'carbonio', title: 'Carbonio media plane (lab reconstruction)', reconstruction: true, sources: CARBONIO_SOURCES },

  async check() {
    const version = existsSync(JANUS_BINARY) ? await janusVersion() : null;
    if (!version) return { ok: false, detail: `${JANUS_BINARY} not found`, hint: 'apt-get install -y janus' };
    const libDir = findJanusLibDir();
    if (!libDir) return { ok: false, detail: `Janus ${version}, but no plugin folder found` };
    const missing = missingCarbonioPlugins(listModules(libDir).plugins);
    if (missing.length > 0)
      return {
        ok: false,
        detail: `Janus ${version} has no ${missing.join(' and ')} plugin in ${libDir}/plugins: Carbonio's video server needs it`,
        hint: FIX_MISSING_PLUGIN,
      };
    return { ok: true, detail: `Janus ${version} with the AudioBridge and VideoRoom plugins, as Carbonio's video server` };
  },

  async start(host: LabHost): Promise<ReferencePlatformEndpoints> {
    const libDir = findJanusLibDir();
    if (!existsSync(JANUS_BINARY) || !libDir)
      throw new HarnessError('LAB_FAILED', `Janus is not installed (${JANUS_BINARY})`, { hint: 'as root: apt-get install -y janus' });
    const configDir = path.join(host.workDir, 'config');
    mkdirSync(configDir, { recursive: true });
    // as Carbonio's postinst makes it: `openssl rand -base64 24`
    const apiSecret = randomBytes(24).toString('base64');
    const files = generateCarbonioJanusConfig({
      configDir,
      address: host.address,
      interfaceName: host.interfaceName,
      modules: listModules(libDir),
      apiSecret,
      eventLoops: os.availableParallelism(),
    });
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(configDir, name), content, { mode: 0o600 });
    const secretFile = secretFileOf(host.workDir);
    writeFileSync(secretFile, `${apiSecret}\n`, { mode: 0o600 });

    const janusLog = path.join(host.workDir, 'janus.log');
    const janusPid = spawnInNamespace(host.namespace, JANUS_BINARY, ['-F', configDir, '-o'], { logFile: janusLog });
    const janusApi = `http://127.0.0.1:${JANUS_HTTP_PORT}/janus`;
    const service = spawnLabService(
      host,
      MEETING_SERVICE,
      ['--host', host.address, '--port', String(MEETING_SERVICE_PORT), '--janus', janusApi, '--secret-file', secretFile],
      'meeting-service.log',
    );
    const base = `http://${host.address}:${MEETING_SERVICE_PORT}`;
    return {
      pageUrl: `${base}/carbonio/focus-mode/meetings/{room}`,
      extra: {
        health: `${base}/health`,
        connections: `${base}/lab/connections`,
        janusApi: `${janusApi} (inside ${host.namespace} only)`,
        janusLog,
        serviceLog: service.log,
        secretFile,
      },
      pids: [janusPid, service.pid],
    };
  },

  async waitReady(_host, endpoints, timeoutMs) {
    const [janusPid, servicePid] = endpoints.pids as [number, number];
    await waitForHealth({
      what: 'the Carbonio meeting service',
      url: endpoints.extra.health ?? '',
      processes: [
        { pid: janusPid, name: 'Janus (Carbonio video server)', log: endpoints.extra.janusLog ?? '' },
        { pid: servicePid, name: 'the Carbonio meeting service', log: endpoints.extra.serviceLog ?? '' },
      ],
      timeoutMs,
      ready: (body) => {
        const health = body as { janus?: boolean; plugins?: string[] };
        if (!health.janus) return false;
        const loaded = health.plugins ?? [];
        const missing = ['janus.plugin.audiobridge', 'janus.plugin.videoroom'].filter((p) => !loaded.includes(p));
        return missing.length === 0 ? true : `Janus started without ${missing.join(' and ')}; ${FIX_MISSING_PLUGIN}`;
      },
    });
  },
};
