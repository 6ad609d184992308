/**
 * TURN-only on the lab's real Janus: the lab starts Debian's coturn in its own namespace; a
 * participant whose firewall lets UDP out only to the TURN server connects through a relay candidate of
 * that coturn and media flows both ways; the participant without the firewall stays on host candidates.
 * The page is given only the TURN server, without iceTransportPolicy "relay": the firewall forces the relay.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { LAB_WAIT_MS, latestReport, log, runScenarioCli, tempDataDir, writeScenario } from './shaping-support.ts';

const skip = shouldSkip(
  'test/e2e/shaping-turn.test.ts',
  'TURN-only through the lab coturn',
  labMissing() ?? (existsSync('/usr/bin/turnserver') ? null : 'coturn is not installed (apt-get install -y coturn)'),
);

describe.skipIf(skip)('a turn-only participant', () => {
  const data = tempDataDir('shaping-turn');
  afterAll(() => data.remove());

  it(
    'connects through a relay of the lab coturn and media flows',
    async () => {
      const file = writeScenario(
        data.dir,
        'turn',
        `name: e2e-shaping-turn
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }
participants:
  count: 2
  rampUpMs: 800
  groups:
    - { name: office, count: 1 }
    - { name: firewalled, count: 1, network: turn-only }
durationS: 10
warmupS: 4
`,
      );
      const result = await runScenarioCli(data.dir, file);
      expect(result.stderr).toMatch(/lab: coturn ready in \d+ ms: turn:10\.99\.0\.4:3478\?transport=udp/);
      const run = await latestReport(data.dir);
      const [office, firewalled] = run.trials[0]!.participants;
      log(
        `office: ${office!.candidateType}, up ${office!.uplinkKbps.avg} down ${office!.downlinkKbps.avg}; turn-only: ${firewalled!.candidateType}, up ${firewalled!.uplinkKbps.avg} (kernel ${firewalled!.kernel?.uplinkKbps}) down ${firewalled!.downlinkKbps.avg}`,
      );
      expect(firewalled!.joined).toBe(true);
      expect(firewalled!.network).toBe('turn-only');
      expect(firewalled!.shaping).toMatchObject({
        firewall: 'turn-only',
        applied: ['firewall turn-only (UDP only to the TURN server) (nftables)'],
        notApplied: [],
      });
      expect(firewalled!.candidateType).toBe('relay/udp');
      expect(office!.candidateType).toMatch(/^host/);
      // media both ways, through the relay
      expect(firewalled!.uplinkKbps.avg!).toBeGreaterThan(100);
      expect(firewalled!.downlinkKbps.avg!).toBeGreaterThan(100);
      expect(firewalled!.kernel!.uplinkKbps!).toBeGreaterThan(100);
      expect(office!.metrics.fps_received!).toBeGreaterThan(5);
      expect(firewalled!.metrics.fps_received!).toBeGreaterThan(5);
      // coturn saw the allocation with the lab's static user
      const turnLog = readFileSync(path.join(data.dir, 'lab', 'coturn', 'turnserver.log'), 'utf8');
      expect(turnLog).toMatch(/meetbench/);
    },
    300_000 + LAB_WAIT_MS,
  );
});
