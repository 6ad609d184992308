/**
 * `lab:zimbra-p2p`: calls as Zimbra Connect 8.8.15 made them without a video server, peer to peer (its
 * admin guide: https://github.com/Zimbra/adminguide, zimbra-connect-guide.adoc): every member sends its
 * camera and microphone to every other, groups of at most 5 by default. The lab runs only the signalling
 * (signalling/main.ts) and serves the call page; the media go from namespace to namespace directly.
 */
import { fileURLToPath } from 'node:url';
import { spawnLabService, waitForHealth } from '../lab-service.ts';
import type { LabHost, ReferencePlatform, ReferencePlatformEndpoints } from '../reference-platform.ts';

export const SIGNALLING_PORT = 8091;
const SIGNALLING = fileURLToPath(new URL('./signalling/main.ts', import.meta.url));

export const zimbraP2p: ReferencePlatform = {
  id: 'zimbra-p2p',
  describes: {
    id: 'zimbra-p2p',
    title: 'Zimbra Connect peer-to-peer calls (lab reconstruction)',
    reconstruction: true,
    sources: [
      {
        label: 'Zimbra 8.8.15 admin guide, Zimbra Connect: peer-to-peer WebRTC video, groups of up to 5 by default',
        url: 'https://github.com/Zimbra/adminguide',
      },
      { label: 'Zextras Team documentation: the optional video server and its defaults', url: 'https://github.com/zextras/tech-doc' },
    ],
  },

  async check() {
    return { ok: true, detail: 'signalling and call page served by Node in the lab (media go peer to peer)' };
  },

  async start(host: LabHost): Promise<ReferencePlatformEndpoints> {
    const service = spawnLabService(host, SIGNALLING, ['--host', host.address, '--port', String(SIGNALLING_PORT)], 'signalling.log');
    const base = `http://${host.address}:${SIGNALLING_PORT}`;
    return { pageUrl: `${base}/zimbra-p2p/call/{room}`, extra: { health: `${base}/health`, log: service.log }, pids: [service.pid] };
  },

  async waitReady(_host, endpoints, timeoutMs) {
    await waitForHealth({
      what: 'the peer-to-peer signalling',
      url: endpoints.extra.health ?? '',
      processes: [{ pid: endpoints.pids[0]!, name: 'the peer-to-peer signalling', log: endpoints.extra.log ?? '' }],
      timeoutMs,
      ready: (body) => (body as { ok?: boolean }).ok === true,
    });
  },
};
