/** The run page names a lab reconstruction with its sources, and puts the media models side by side. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeParticipant, makeRun, makeTrial } from '../../helpers/run-factory.ts';
import { rawRequest, viewerFixture, type Fixture } from './viewer-fixture.ts';

let fx: Fixture;
const carbonio = {
  id: 'carbonio',
  title: 'Carbonio media plane (lab reconstruction)',
  reconstruction: true,
  sources: [{ label: 'Carbonio meeting service', url: 'https://github.com/zextras/carbonio-ws-collaboration-ce' }],
};
const sender = (name: string, up: number) =>
  makeParticipant({ name, room: '1', metrics: { audio_uplink_kbps: 20, video_uplink_kbps: up }, kernel: { uplinkKbps: 1.2 * (20 + up), downlinkKbps: 500 } });

beforeAll(async () => {
  fx = await viewerFixture({ days: 1 });
  await fx.store.saveRun(
    makeRun({
      id: 'run-zimbra-question',
      trials: [
        makeTrial({
          id: 'carbonio-lan-r1',
          platform: 'carbonio',
          mediaModel: 'sfu-mixed-audio',
          labPlatform: carbonio,
          participants: ['a', 'b', 'c'].map((n) => sender(n, 150)),
        }),
        makeTrial({
          id: 'zimbra-lan-r1',
          platform: 'zimbra-p2p',
          mediaModel: 'mesh',
          roomLimit: { max: 5, why: 'groups of 5' },
          participants: ['a', 'b', 'c'].map((n) => sender(n, 300)),
        }),
      ],
    }),
  );
});
afterAll(async () => fx.close());

describe('a run on lab reconstructions', () => {
  it('names the reconstruction and cites its sources beside the trial', async () => {
    const page = (await rawRequest(fx.server.url, '/runs/run-zimbra-question?lang=en&trial=carbonio-lan-r1')).body;
    expect(page).toContain('Carbonio media plane (lab reconstruction)');
    expect(page).toContain('Not the product itself: its media plane rebuilt in the lab from public sources.');
    expect(page).toContain('href="https://github.com/zextras/carbonio-ws-collaboration-ce"');
    const fr = (await rawRequest(fx.server.url, '/runs/run-zimbra-question?lang=fr&trial=carbonio-lan-r1')).body;
    expect(fr).toContain('Reconstitution en laboratoire');
  });

  it('puts the media models side by side, a council of 30 refused on the mesh', async () => {
    const page = (await rawRequest(fx.server.url, '/runs/run-zimbra-question?lang=en')).body;
    expect(page).toContain('Media models side by side');
    expect(page).toContain('SFU with mixed audio');
    expect(page).toContain('mesh (peer to peer)');
    expect(page).toContain('refused: meetings hold at most 5');
    const plan = JSON.parse((await rawRequest(fx.server.url, '/api/runs/run-zimbra-question/planning')).body) as {
      models: Array<{ platform: string; projections: Array<{ size: number; perParticipant: { uplinkKbps: number } | null }> }>;
    };
    const mesh = plan.models.find((m) => m.platform === 'zimbra-p2p')!;
    // one stream from a participant of 3, who sends two copies: 1.2 × 320 / 2 = 192; at 5, four copies
    expect(mesh.projections.find((p) => p.size === 5)!.perParticipant!.uplinkKbps).toBe(768);
  });
});
