/** The run page says what each participant was (its device), who shared a screen and how people talked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeParticipant, makeRun, makeTrial } from '../../helpers/run-factory.ts';
import { rawRequest, viewerFixture, type Fixture } from './viewer-fixture.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await viewerFixture({ days: 1 });
  const tablet = {
    name: 'android-tablet',
    title: 'Mid-range Android tablet',
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1.5,
    mobile: true,
    touchPoints: 5,
    userAgent: 'Mozilla/5.0 (Linux; Android 10; K) Chrome/156.0.0.0 Safari/537.36',
    cpuSlowdown: 4,
    observed: {
      userAgent: 'Mozilla/5.0 (Linux; Android 10; K) Chrome/156.0.0.0 Safari/537.36',
      width: 1280,
      height: 800,
      devicePixelRatio: 1.5,
      maxTouchPoints: 5,
      uaMobile: false,
      uaPlatform: 'Android',
    },
  };
  const trial = makeTrial({
    id: 'janus-lan-r1',
    media: { width: 320, height: 180, fps: 15, microphone: 'generated', speaking: { pattern: 'turns', turnS: 4, speakers: 1 } },
    screenShare: { participant: 'bench1', width: 1280, height: 720, fps: 5, changeEveryS: 5 },
    participants: [
      makeParticipant({
        name: 'bench1',
        metrics: { screen_uplink_kbps: 210, screen_downlink_kbps: 0, screen_fps_sent: 5, camera_uplink_kbps: 130, talk_time_pct: 25 },
      }),
      makeParticipant({
        name: 'bench2',
        device: tablet,
        metrics: { screen_uplink_kbps: 0, screen_downlink_kbps: 205, screen_fps_received: 4.9, camera_downlink_kbps: 128, talk_time_pct: 50 },
      }),
    ],
  });
  await fx.store.saveRun(makeRun({ id: 'devices-run', trials: [trial] }));
});
afterAll(async () => fx.close());

describe('the run page', () => {
  it('shows each emulated device: its name, screen, touch points, CPU slow-down and the user agent the page read', async () => {
    const page = (await rawRequest(fx.server.url, '/runs/devices-run?trial=janus-lan-r1&lang=en')).body;
    expect(page).toContain('<h3 id="devices-h">Devices</h3>');
    const devices = page.slice(page.indexOf('devices-h'), page.indexOf('</table>', page.indexOf('devices-h')));
    expect(devices).toContain('android-tablet');
    expect(devices).toContain('1280×800 × 1.5');
    expect(devices).toContain('×4');
    expect(devices).toContain('Android 10; K');
    expect(devices).not.toContain('bench1');
  });

  it('says who shared what, how people talked, and the share and cameras apart', async () => {
    const page = (await rawRequest(fx.server.url, '/runs/devices-run?trial=janus-lan-r1&lang=fr')).body;
    expect(page).toContain('parole à tour de rôle (4 s, 1 à la fois)');
    expect(page).toContain('partage d’écran 1280x720@5, partagé par bench1');
    const sources = page.slice(page.indexOf('sources-h'), page.indexOf('</table>', page.indexOf('sources-h')));
    expect(sources).toContain('210 kbit/s');
    expect(sources).toContain('205 kbit/s');
    expect(sources).toContain('50 %');
  });
});
