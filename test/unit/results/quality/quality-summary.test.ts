import { describe, expect, it } from 'vitest';
import type { QualitySecond, ReceiverObservations } from '../../../../results/quality/observations.ts';
import type { ExpectedSender, QualityContext } from '../../../../results/quality/quality-context.ts';
import { receiverQuality } from '../../../../results/quality/quality-summary.ts';

const LOCAL = { offsetMs: 0, uncertaintyMs: 0 };
const sender = (index: number, extra: Partial<ExpectedSender> = {}): ExpectedSender => ({
  index,
  name: `bench${index + 1}`,
  stampedVideo: true,
  markedAudio: true,
  clock: LOCAL,
  where: 'local',
  ...extra,
});
const context = (senders: ExpectedSender[], extra: Partial<QualityContext> = {}): QualityContext => ({
  receiver: { name: 'bench3', clock: LOCAL, where: 'local' },
  senders,
  durationS: 20,
  audioPlayed: true,
  rttMs: 2,
  ...extra,
});

/** 20 seconds of 15 frames from sender 0 at `latency` ms, a marker a second at `audio` ms, and what `extra` adds */
function observations(latency: number, audio: number, extra: (t: number) => Partial<QualitySecond> = () => ({})): ReceiverObservations {
  const seconds: QualitySecond[] = Array.from({ length: 20 }, (_, k) => ({
    t: k + 1,
    video: [
      {
        sender: 0,
        latencies: Array.from({ length: 15 }, (_, i) => latency + (i % 5)),
        frames: 15,
        skipped: k === 3 ? 2 : 0,
        pictures: [{ psnrDb: 34, ssim: 0.95, width: 320, height: 180 }],
        width: 320,
        height: 180,
      },
    ],
    tracks: [{ track: 'v0', frames: 15, unreadable: 0, width: 320, height: 180 }],
    audio: [{ sender: 0, latencyMs: audio }],
    ...extra(k + 1),
  }));
  const counters = (received: number, lost: number) => [
    { track: 'a0', sender: 0, packetsReceived: received, packetsLost: lost, jitterBufferDelayS: received * 0.04, jitterBufferEmitted: received },
  ];
  return {
    seconds,
    windowMs: 20_000,
    freezes: [{ sender: 0, fromS: 6, durationMs: 5000 }],
    audioAtStart: counters(1000, 0),
    audioAtEnd: counters(1950, 50),
    audioContext: 'running',
    errors: [],
  };
}

describe("a receiver's quality from what it observed", () => {
  it('gives each pair its latencies, freezes, pictures, lip-sync and MOS, and the participant its metrics', () => {
    const q = receiverQuality(observations(60, 110), context([sender(0)]));
    const pair = q.pairs[0]!;
    expect(pair.sender).toBe('bench1');
    expect(pair.video).toMatchObject({
      latencyMs: { p50: 62 },
      frames: 300,
      skipped: 2,
      freezeCount: 1,
      freezeRatio: 0.25,
      freezes: [{ atS: 6, durationS: 5 }],
      psnrDb: 34,
      ssim: 0.95,
    });
    expect(pair.audio).toMatchObject({ latencyMs: { p50: 110 }, markers: 20 });
    expect(pair.avSyncMs).toBe(48);
    expect(pair.audioLossPct).toBe(5);
    expect(pair.mos).toBeGreaterThan(1);
    expect(pair.mos).toBeLessThan(4.5);
    expect(q.metrics).toMatchObject({
      video_e2e_latency_ms: 62,
      audio_e2e_latency_ms: 110,
      av_sync_ms: 48,
      freeze_ratio: 0.25,
      video_freeze_count: 1,
      frames_skipped: 2,
      video_psnr_db: 34,
      video_ssim: 0.95,
    });
    expect(q.metrics.mos).toBe(pair.mos);
    expect(q.mosDelay).toBe('measured');
    expect(q.unmeasured).toEqual([]);
  });

  it('says "band unreadable" instead of a latency when the feeds arrive but their stamps cannot be read', () => {
    const observed = observations(60, 110, () => ({ video: [], tracks: [{ track: 'v0', frames: 15, unreadable: 15, width: 240, height: 180 }] }));
    const q = receiverQuality(observed, context([sender(0)]));
    expect(q.pairs[0]!.video).toBeNull();
    expect(q.pairs[0]!.noData[0]!.why).toMatch(/^band unreadable: 300 of 300 frames of 1 video feed/);
    expect(q.metrics.video_e2e_latency_ms).toBeNull();
    expect(q.metrics.av_sync_ms).toBeNull();
    expect(q.unmeasured.find((u) => u.metric === 'video_e2e_latency_ms')?.why).toMatch(/^band unreadable/);
    // audio still measured
    expect(q.metrics.audio_e2e_latency_ms).toBe(110);
  });

  it('gives no latency from a handful of stamps: a stray read is not a measurement', () => {
    const observed = observations(60, 110, (t) => (t === 1 ? {} : { video: [] }));
    expect(receiverQuality(observed, context([sender(0)])).pairs[0]!.noData[0]!.why).toMatch(/stamps read on 15 frame\(s\) only/);
  });

  it('corrects remote clocks, and gives no latency when a clock is unknown or too uncertain', () => {
    const remote = { offsetMs: 40, uncertaintyMs: 2 };
    // the sender's clock is 40 ms ahead: its stamps look 40 ms older than they are
    const corrected = receiverQuality(observations(100, 150), context([sender(0, { clock: remote, where: 'cdp-1' })]));
    expect(corrected.metrics.video_e2e_latency_ms).toBe(142);
    expect(corrected.metrics.audio_e2e_latency_ms).toBe(190);
    const unknown = receiverQuality(observations(100, 150), context([sender(0, { clock: null, where: 'grid-1' })]));
    expect(unknown.metrics.video_e2e_latency_ms).toBeNull();
    expect(unknown.unmeasured.find((u) => u.metric === 'audio_e2e_latency_ms')?.why).toMatch(/clock offset of bench1 \(grid-1\) unknown/);
    const vague = receiverQuality(observations(100, 150), context([sender(0, { clock: { offsetMs: 0, uncertaintyMs: 30 }, where: 'cdp-1' })]));
    expect(vague.pairs[0]!.noData[0]!.why).toMatch(/within ±30 ms/);
  });

  it('gives no latency where many frames or markers read as arriving before they were made', () => {
    const observed = observations(60, 110, (t) => ({ audio: [{ sender: 0, latencyMs: t % 3 === 0 ? -40 : 110 }] }));
    const q = receiverQuality(observed, context([sender(0)]));
    expect(q.pairs[0]!.audio).toBeNull();
    expect(q.pairs[0]!.noData[0]!.why).toMatch(/^timing inconsistent: 6 of 20 audio markers read as arriving before they were made/);
    expect(q.metrics.video_e2e_latency_ms).toBe(62);
  });

  it('names the fake devices and unplayed audio as the reasons, and estimates the MOS delay from the network without markers', () => {
    const q = receiverQuality(
      observations(60, 110, () => ({ audio: [] })),
      context([sender(0, { stampedVideo: false, markedAudio: false })]),
    );
    expect(q.pairs[0]!.noData.map((n) => n.why)).toEqual([expect.stringMatching(/fake camera/), expect.stringMatching(/fake microphone/)]);
    expect(q.mosDelay).toBe('estimated');
    expect(q.metrics.mos).toBeGreaterThan(3);
    const blocked = { ...observations(60, 110, () => ({ audio: [] })), audioContext: 'suspended' };
    expect(receiverQuality(blocked, context([sender(0)])).pairs[0]!.noData[0]!.why).toMatch(/audio context stayed suspended \(the browser's autoplay policy\)/);
    const muted = receiverQuality(observations(60, 110), context([sender(0)], { audioPlayed: false }));
    expect(muted.metrics.mos).toBeNull();
    expect(muted.unmeasured.find((u) => u.metric === 'mos')?.why).toMatch(/playAudio: false/);
  });
});
