/**
 * The frame stamp and the audio markers through a real codec, without a platform: one Chromium page calls
 * itself (two RTCPeerConnections, a loopback call: the host's own addresses route through lo, nothing
 * leaves the machine), its generated camera and microphone as they are in a trial, its receiver as it is in
 * a trial (the quality page script, read by the real quality collector, summarised by the real summary).
 * - VP8 and H.264 at 60 kbit/s: the encoder scales the video down, and every frame's stamp is still read;
 *   audio markers are heard.
 * - A sender whose video is cropped to 4:3 on the way (as a platform filling a square tile would):
 *   "band unreadable", and no latency at all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qualityCollector } from '../../harness/collectors/quality.ts';
import { closeParticipantBrowser, launchParticipantBrowser, type LaunchedBrowser } from '../../harness/participants/browser-process.ts';
import { pageScript } from '../../harness/participants/page-script.ts';
import type { Participant } from '../../harness/participants/participant.ts';
import { qualityPageScript } from '../../harness/participants/quality-page-script.ts';
import { receiverQuality, type ReceiverQuality } from '../../results/quality/quality-summary.ts';
import { chromiumMissing, shouldSkip } from '../helpers/requirements.ts';

const skip = shouldSkip('test/e2e/frame-stamp-browser.test.ts', 'frame stamps through VP8 and H.264 in Chromium', chromiumMissing());

const CAPTURE = { width: 640, height: 360 };
const SENDER = 4;
const MEASURE_S = 6;
const LOCAL = { offsetMs: 0, uncertaintyMs: 0 };

/** in the page: a loopback call of the generated media at `kbps`, with `codec`, optionally cropped to 4:3 */
async function call(page: Page, codec: string, kbps: number, crop: boolean): Promise<void> {
  await page.evaluate(
    async (mime: string, bitrate: number, cropped: boolean) => {
      type Frame = { close(): void };
      type Ctor = new (...args: unknown[]) => Record<string, unknown>;
      const w = window as unknown as Record<string, Ctor> & { calls?: RTCPeerConnection[] };
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      let video = stream.getVideoTracks()[0]!;
      if (cropped) {
        // the middle 480x360 of every frame, as a tile that fills a 4:3 box would send it
        const processor = new w.MediaStreamTrackProcessor!({ track: video }) as { readable: ReadableStream<Frame> };
        const generator = new w.MediaStreamTrackGenerator!({ kind: 'video' }) as unknown as MediaStreamTrack & { writable: WritableStream<Frame> };
        const crop = new TransformStream<Frame, Frame>({
          transform: (frame, out) => {
            out.enqueue(new w.VideoFrame!(frame, { visibleRect: { x: 80, y: 0, width: 480, height: 360 } }) as unknown as Frame);
            frame.close();
          },
        });
        void processor.readable.pipeThrough(crop).pipeTo(generator.writable);
        video = generator;
      }
      const sender = new RTCPeerConnection();
      const receiver = new RTCPeerConnection();
      sender.onicecandidate = (e) => e.candidate && receiver.addIceCandidate(e.candidate);
      receiver.onicecandidate = (e) => e.candidate && sender.addIceCandidate(e.candidate);
      const out = new MediaStream([video, ...stream.getAudioTracks()]);
      for (const t of out.getTracks()) sender.addTrack(t, out);
      const transceiver = sender.getTransceivers().find((t) => t.sender.track?.kind === 'video')!;
      transceiver.setCodecPreferences(RTCRtpSender.getCapabilities('video')!.codecs.filter((c) => c.mimeType === mime));
      await sender.setLocalDescription();
      await receiver.setRemoteDescription(sender.localDescription!);
      await receiver.setLocalDescription();
      await sender.setRemoteDescription(receiver.localDescription!);
      const parameters = transceiver.sender.getParameters();
      parameters.encodings[0]!.maxBitrate = bitrate * 1000;
      await transceiver.sender.setParameters(parameters);
      w.calls = [...(w.calls ?? []), sender, receiver];
    },
    `video/${codec}`,
    kbps,
    crop,
  );
}

describe.skipIf(skip)('frame stamps and audio markers through a real codec', () => {
  let server: http.Server;
  let origin = '';
  const browsers: LaunchedBrowser[] = [];

  beforeAll(async () => {
    server = http.createServer((_, res) => res.end('<!doctype html><title>loopback</title>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const b of browsers) await closeParticipantBrowser(b, 5_000);
    server.close();
  });

  /** one loopback call measured for MEASURE_S seconds as a trial measures it */
  async function measure(codec: string, kbps: number, crop: boolean): Promise<{ quality: ReceiverQuality; seconds: number }> {
    const launched = await launchParticipantBrowser({ insecureOrigins: [], timeoutMs: 30_000 });
    browsers.push(launched);
    const page = (await launched.browser.pages())[0] ?? (await launched.browser.newPage());
    await page.evaluateOnNewDocument(
      `window.__meetbenchMedia = ${JSON.stringify({ ...CAPTURE, fps: 15, camera: 'generated', microphone: 'generated', sender: SENDER })};\n${pageScript('fake-media')}`,
    );
    await page.evaluateOnNewDocument(qualityPageScript({ capture: CAPTURE, pictureEveryMs: 1000, audio: true }));
    await page.goto(origin);
    await call(page, codec, kbps, crop);
    // warm-up: the encoder finds its size and rate, the jitter buffers settle; nothing in this page plays
    // the remote audio, so the receiver starts its own muted element after 2 s
    await new Promise((r) => setTimeout(r, 5_000));
    const participant = { page, where: 'local', crashed: false, name: 'bench5' } as unknown as Participant;
    const receivers = qualityCollector([{ participant, joined: () => true }]);
    await receivers.collector.start();
    const source = receivers.source(0);
    for (let t = 1; t <= MEASURE_S; t += 1) {
      await new Promise((r) => setTimeout(r, 1000));
      await source.read(t);
    }
    const results = await receivers.collector.stop();
    const observed = results.observed.get(0)!;
    const senders = [{ index: SENDER, name: 'bench5', stampedVideo: true, markedAudio: true, clock: LOCAL, where: 'local' }];
    return {
      quality: receiverQuality(observed, {
        receiver: { name: 'bench5', clock: LOCAL, where: 'local' },
        senders,
        durationS: observed.windowMs / 1000,
        audioPlayed: true,
        rttMs: null,
      }),
      seconds: observed.seconds.length,
    };
  }

  for (const codec of ['VP8', 'H264']) {
    it(`reads every stamp of 640x360 video through ${codec} at 60 kbit/s, and hears the audio markers`, async () => {
      const { quality } = await measure(codec, 60, false);
      const pair = quality.pairs[0]!;
      process.stdout.write(`${codec} 60 kbit/s: ${JSON.stringify({ video: { ...pair.video, freezes: undefined }, audio: pair.audio })}\n`);
      expect(pair.noData).toEqual([]);
      const video = pair.video!;
      // the encoder scaled the video down (a 60 kbit/s 640x360 is not sent at that size), the stamps survived
      expect(video.width).toBeLessThan(640);
      expect(video.width * 9).toBe(video.height * 16);
      expect(video.frames).toBeGreaterThanOrEqual(MEASURE_S * 2);
      expect(video.latencyMs.p50).toBeGreaterThan(0);
      expect(video.latencyMs.p50).toBeLessThan(2_000);
      expect(video.psnrDb).toBeGreaterThan(15);
      expect(video.psnrDb).toBeLessThan(45);
      // a marker a second; one starved by a busy runner fails its CRC and is dropped, never misread
      expect(pair.audio!.markers).toBeGreaterThanOrEqual(1);
      expect(pair.audio!.latencyMs.p50).toBeGreaterThan(0);
    });
  }

  it('says "band unreadable" for a sender whose video was cropped on the way, and gives no latency', async () => {
    const { quality } = await measure('VP8', 600, true);
    const pair = quality.pairs[0]!;
    process.stdout.write(`cropped: ${JSON.stringify(pair.noData)}\n`);
    expect(pair.video).toBeNull();
    expect(pair.noData.find((n) => n.metric === 'video')?.why).toMatch(/^band unreadable: \d+ of \d+ frames of 1 video feed/);
    expect(quality.metrics.video_e2e_latency_ms).toBeNull();
    expect(quality.metrics.video_psnr_db).toBeNull();
    expect(quality.unmeasured.find((u) => u.metric === 'video_e2e_latency_ms')?.why).toMatch(/^band unreadable/);
    // only the picture lost its stamp: whatever the audio says, it is not about the band
    expect(pair.noData.find((n) => n.metric === 'audio')?.why ?? '').not.toMatch(/band/);
  });
});
