/**
 * Device profiles on the lab's real Janus: a tablet participant whose page's CPU is slowed 4 times
 * (android-tablet, Emulation.setCPUThrottlingRate) joins and is measured, and the same participant
 * with the same profile at full speed joins faster: the slow-down shows in its own join time (both
 * figures printed). Its page read the emulated screen, touch points and user agent, and the viewer's run
 * page shows the device. The cameras' frame rate sent is printed beside it: DevTools' throttling slows
 * the page's main thread, not WebRTC's encoder (docs/devices.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantResult, RunRecord } from '../../results/run-record.ts';
import { median } from '../../results/statistics.ts';
import { openStore } from '../../results/store/open-store.ts';
import type { RunningServer } from '../../server/start-server.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { measureScenario } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { startViewer } from './viewer-harness.ts';

const skip = shouldSkip('test/e2e/devices.test.ts', 'a tablet with its CPU slowed on the lab Janus', labMissing());

const scenario = (device: string): string => `name: e2e-devices
platforms:
  # the lab's third room: a lab shared with other runs has its first rooms busy
  - { id: janus, adapter: janus-videoroom, url: "lab:janus", options: { roomBase: 3 } }
participants:
  count: 2
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 500
  groups:
    - { name: office, count: 1 }
    - { name: tablets, count: 1, device: ${device} }
deviceProfiles:
  tablet-full-speed: { base: android-tablet, cpuSlowdown: 1 }
repeats: 2
durationS: 4
warmupS: 1
timeouts: { joinMs: 60000 }
`;

interface Measured {
  run: RunRecord;
  tablets: ParticipantResult[];
}

describe.skipIf(skip)('a tablet participant with its CPU slowed on the lab Janus', () => {
  const dataDir = tempDir('mb-e2e-devices-');
  const measured: Record<'slowed' | 'fullSpeed', Measured | null> = { slowed: null, fullSpeed: null };
  let server: RunningServer | null = null;

  async function measure(device: string): Promise<Measured> {
    const { run } = await measureScenario(dataDir, device, scenario(device));
    return { run, tablets: run.trials.map((t) => t.participants.find((p) => p.name === 'bench2')!) };
  }

  beforeAll(async () => {
    measured.slowed = await measure('android-tablet');
    measured.fullSpeed = await measure('tablet-full-speed');
  }, 600_000);

  afterAll(async () => {
    await server?.close();
  });

  it('joins and is measured as the tablet: its page reads the emulated screen, touch points and user agent', () => {
    for (const tablet of measured.slowed!.tablets) {
      expect(tablet.joined, tablet.error ?? '').toBe(true);
      expect(tablet.uplinkKbps.avg, 'uplink of the tablet').toBeGreaterThan(50);
      expect(tablet.device).toMatchObject({
        name: 'android-tablet',
        cpuSlowdown: 4,
        viewport: { width: 1280, height: 800 },
        deviceScaleFactor: 1.5,
        touchPoints: 5,
      });
      expect(tablet.device!.observed).toMatchObject({
        width: 1280,
        height: 800,
        devicePixelRatio: 1.5,
        maxTouchPoints: 5,
        uaPlatform: 'Android',
        uaMobile: false,
      });
      expect(tablet.device!.observed!.userAgent).toMatch(/^Mozilla\/5\.0 \(Linux; Android 10; K\) .* Chrome\/\d+\.0\.0\.0 Safari\/537\.36$/);
    }
    // the participant outside any device group is the browser as it is
    for (const trial of measured.slowed!.run.trials) expect(trial.participants.find((p) => p.name === 'bench1')!.device).toBeUndefined();
  });

  it('joins slower with its CPU slowed 4 times than the same participant at full speed', () => {
    const figure = (m: Measured, metric: string): number =>
      median(m.tablets.map((p) => p.metrics[metric]).filter((v): v is number => typeof v === 'number')) ?? Number.NaN;
    const slowed = {
      join: figure(measured.slowed!, 'join_time_ms'),
      pageLoad: figure(measured.slowed!, 'page_load_ms'),
      fps: figure(measured.slowed!, 'fps_sent'),
    };
    const fullSpeed = {
      join: figure(measured.fullSpeed!, 'join_time_ms'),
      pageLoad: figure(measured.fullSpeed!, 'page_load_ms'),
      fps: figure(measured.fullSpeed!, 'fps_sent'),
    };
    process.stdout.write(
      `bench2 as android-tablet, median of ${measured.slowed!.tablets.length} trials each: join ${slowed.join} ms with the CPU slowed 4x against ${fullSpeed.join} ms at full speed ` +
        `(page load ${slowed.pageLoad} against ${fullSpeed.pageLoad} ms; frames sent per second ${slowed.fps} against ${fullSpeed.fps}: the encoder is not slowed)\n`,
    );
    for (const tablet of measured.fullSpeed!.tablets) expect(tablet.device?.cpuSlowdown).toBe(1);
    // page loads read 1.4 and 1.7 times slower in two CI runs (the demo page is small and local): slower is the claim
    expect(slowed.pageLoad).toBeGreaterThan(1.2 * fullSpeed.pageLoad);
    expect(slowed.join).toBeGreaterThan(1.2 * fullSpeed.join);
  });

  it("shows the device on the viewer's run page", async () => {
    server = await startViewer({ store: await openStore(dataDir) });
    const { run } = measured.slowed!;
    const html = await (await fetch(`${server.url}/runs/${run.id}?trial=${run.trials[0]!.id}&lang=en`)).text();
    const devices = html.slice(html.indexOf('id="devices-h"'), html.indexOf('</table>', html.indexOf('id="devices-h"')));
    expect(devices).toContain('android-tablet');
    expect(devices).toContain('1280×800 × 1.5');
    expect(devices).toContain('×4');
    expect(devices).toContain('Android 10; K');
  });
});
