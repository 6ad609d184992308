import { describe, expect, it } from 'vitest';
import { calibrationDelayMs } from '../../../../harness/scenario/calibration-delay.ts';
import { measuresQuality, senderSignals } from '../../../../harness/scenario/quality-scope.ts';
import { scenarioSchema } from '../../../../harness/scenario/scenario-schema.ts';
import { unmeasuredMetrics } from '../../../../harness/scenario/unmeasured-metrics.ts';
import { cameraUsed } from '../../../../harness/participants/video-inputs.ts';

const scenario = (participants: object, extra: object = {}) =>
  scenarioSchema.parse({ name: 'q', platforms: [{ id: 'janus', adapter: 'janus-videoroom', url: 'lab:janus' }], participants, ...extra });

describe('what the receivers can measure', () => {
  it('measures nothing with the fake devices, and says why for every quality metric', () => {
    const s = scenario({ count: 3 });
    expect(measuresQuality(s)).toBe(false);
    const off = new Map(unmeasuredMetrics(s).map((u) => [u.metric, u.why]));
    for (const metric of ['video_e2e_latency_ms', 'freeze_ratio', 'video_psnr_db', 'video_ssim', 'frames_skipped', 'video_freeze_count'])
      expect(off.get(metric)).toMatch(/fake device, whose frames carry no stamp/);
    expect(off.get('audio_e2e_latency_ms')).toMatch(/carries no marker/);
    expect(off.get('mos')).toMatch(/generated media/);
  });

  it('measures video from a generated camera and audio from a generated microphone, unless audio is not played', () => {
    const camera = scenario({ count: 3, media: { camera: 'generated' } });
    expect(measuresQuality(camera)).toBe(true);
    expect(unmeasuredMetrics(camera).map((u) => u.metric)).toEqual(['audio_e2e_latency_ms', 'av_sync_ms']);
    const both = scenario({ count: 3, media: { camera: 'generated', microphone: 'generated' } });
    expect(unmeasuredMetrics(both)).toEqual([]);
    const silent = scenario({ count: 3, media: { camera: 'generated', microphone: 'generated' } }, { runner: { playAudio: false } });
    expect(new Map(unmeasuredMetrics(silent).map((u) => [u.metric, u.why])).get('mos')).toMatch(/playAudio: false/);
  });

  it('counts remote senders as generated: their pages always generate both', () => {
    const s = scenario({ count: 2 }, { remote: { cdp: [{ endpoint: 'ws://127.0.0.1:9222/devtools/browser/x', participants: 1 }] } });
    expect(senderSignals(s, 0)).toEqual({ stampedVideo: false, markedAudio: false });
    expect(senderSignals(s, 1)).toEqual({ stampedVideo: true, markedAudio: true });
    expect(measuresQuality(s)).toBe(true);
    expect(cameraUsed('device', 1, 1)).toBe('mixed');
    expect(cameraUsed('device', 0, 2)).toBe('generated');
    expect(cameraUsed('generated', 2, 0)).toBe('generated');
  });
});

describe('the calibration delay line', () => {
  it("is its group's, in group order, and 0 elsewhere", () => {
    const s = scenario({
      count: 3,
      media: { camera: 'generated' },
      groups: [
        { name: 'clean', count: 1 },
        { name: 'held', count: 2, calibrationDelayMs: 300 },
      ],
    });
    expect([0, 1, 2].map((i) => calibrationDelayMs(s, i))).toEqual([0, 300, 300]);
    expect(calibrationDelayMs(scenario({ count: 2 }), 1)).toBe(0);
  });

  it('is refused without generated media: the fake devices cannot be held back', () => {
    const result = scenarioSchema.safeParse({
      name: 'q',
      platforms: [{ id: 'j', adapter: 'janus-videoroom', url: 'lab:janus' }],
      participants: { count: 2, groups: [{ count: 2, calibrationDelayMs: 300 }] },
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/delays generated media only/);
  });
});
