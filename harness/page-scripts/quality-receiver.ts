/**
 * The receivers' quality measurement in the page (`media.camera: generated` or `microphone: generated`):
 * every remote track the platform receives is measured where it arrives, without the platform knowing.
 * A Proxy around RTCPeerConnection (as the collector's) sees each remote track as it comes:
 * - video: a MediaStreamTrackProcessor hands its decoded frames to a worker (quality-video-worker.ts) that
 *   reads each frame's stamp: latency, freezes, skipped frames, and about once a second PSNR and SSIM;
 * - audio: an AudioWorklet (quality-marker-worklet.ts) reads the senders' markers, each turned into the
 *   time its onset is rendered by the page's audio context, which outputs nowhere (no device stream to
 *   pay for) but keeps an output clock. Chromium delivers a remote track's audio to Web Audio only while a
 *   media element plays it: the platform's own does; where no audio has come after 2 s, a muted element
 *   of ours plays it (not with `runner.playAudio: false`, whose point is that nothing decodes remote
 *   audio: audio latency is then not measured). Each audio receiver's own statistics (loss, jitter
 *   buffer) are read for the E-model.
 * `__meetbenchQuality.start()` opens the window, `read()` hands over what was measured since the previous
 * call (the runner reads once a second), `read(true)` at the end adds the freezes still on screen. Times
 * are ms of the shared clock (timeOrigin + now). Injected before any page script; no Node imports.
 */
import { MARKER_TIME_MODULO } from './quality/audio-marker.ts';
import { VideoAnalyser, type Capture, type DecodedFrame, type VideoReport } from './quality/video-analyser.ts';

interface QualityConfig {
  capture: Capture;
  pictureEveryMs: number;
  /** false: remote audio is not played (runner.playAudio: false), so no audio is measured */
  audio: boolean;
  workerCode: string;
  workletCode: string;
}

const MARKER_CONTEXT_RATE = 16_000;

/** a remote audio track still silent in Web Audio after this long is not being played by the page */
const SILENT_FOR_MS = 2000;

/** the audio output's clock (getOutputTimestamp) is refreshed every output callback, some 10 ms */
const MAX_OUTPUT_CLOCK_AGE_MS = 50;

interface AudioHit {
  sender: number;
  /** ms from the marker's making to its playout here */
  latencyMs: number;
}

interface AudioStream {
  track: string;
  receiver: RTCRtpReceiver;
  senders: Map<number, number>;
}

(() => {
  const w = window as unknown as Record<string, unknown>;
  const config = w.__meetbenchQualityConfig as QualityConfig | undefined;
  if (!config || w.__meetbenchQuality || !window.RTCPeerConnection) return;
  const now = (): number => performance.timeOrigin + performance.now();
  const errors: string[] = [];
  const note = (what: string, error: unknown): void => {
    if (errors.length < 20) errors.push(`${what}: ${String((error as Error)?.message ?? error)}`);
  };
  let windowStart = now();

  // video: a worker when the page allows one (a Content-Security-Policy may not), else the main thread
  let worker: Worker | null = null;
  let local: VideoAnalyser | null = null;
  const pending = new Map<number, (report: VideoReport | null) => void>();
  let nextDrain = 1;
  try {
    worker = new Worker(URL.createObjectURL(new Blob([config.workerCode], { type: 'text/javascript' })));
    worker.onmessage = (event: MessageEvent<{ id: number; report: VideoReport | null }>) => {
      pending.get(event.data.id)?.(event.data.report);
      pending.delete(event.data.id);
    };
    worker.onerror = (event) => note('video worker', event.message);
    worker.postMessage({ type: 'configure', capture: config.capture, pictureEveryMs: config.pictureEveryMs });
  } catch (error) {
    note('video worker refused, measuring on the main thread', error);
    worker = null;
    local = new VideoAnalyser(config.capture, config.pictureEveryMs);
  }
  const drainVideo = (final: boolean): Promise<VideoReport | null> => {
    if (!worker) return Promise.resolve(local?.drain(final) ?? null);
    const id = nextDrain++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      worker?.postMessage({ type: 'drain', id, final });
      setTimeout(() => {
        if (pending.delete(id)) resolve(null);
      }, 3000);
    });
  };
  const watchVideo = (track: MediaStreamTrack): void => {
    const Processor = w.MediaStreamTrackProcessor as
      (new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<DecodedFrame> }) | undefined;
    if (!Processor) return note('video', 'MediaStreamTrackProcessor is missing in this browser');
    // a few frames of slack: a score computed once a second must not make the next frame drop
    const { readable } = new Processor({ track, maxBufferSize: 4 });
    if (worker) worker.postMessage({ type: 'track', track: track.id, readable }, [readable as unknown as Transferable]);
    else void local?.watch(readable, track.id);
  };

  // audio: one context for the page, one detector per remote audio track
  const hits: AudioHit[] = [];
  /** syncs heard whose marker could not be read, since the previous reading */
  let unreadableMarkers = 0;
  const streams: AudioStream[] = [];
  let context: AudioContext | null = null;
  let worklet: Promise<void> | null = null;
  const watchAudio = async (track: MediaStreamTrack, receiver: RTCRtpReceiver): Promise<void> => {
    if (!config.audio) return;
    // no output device: the graph runs on its own clock with no audio stream to the audio service; 16 kHz
    // keeps the markers (3 kHz at most) and a third of the samples to resample and scan
    context ??= new AudioContext({ sinkId: { type: 'none' }, sampleRate: MARKER_CONTEXT_RATE } as AudioContextOptions);
    const ctx = context;
    void ctx.resume();
    worklet ??= ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([config.workletCode], { type: 'text/javascript' })));
    await worklet;
    const stream: AudioStream = { track: track.id, receiver, senders: new Map() };
    streams.push(stream);
    const node = new AudioWorkletNode(ctx, 'meetbench-marker-detector', { numberOfInputs: 1, numberOfOutputs: 0 });
    ctx.createMediaStreamSource(new MediaStream([track])).connect(node);
    let heard = false;
    node.port.onmessage = (event: MessageEvent<{ sender: number; time: number; frame: number } | { heard: true } | { unreadable: number }>) => {
      if ('heard' in event.data) {
        heard = true;
        return;
      }
      if ('unreadable' in event.data) {
        unreadableMarkers += event.data.unreadable;
        return;
      }
      const { sender, time, frame } = event.data;
      const clock = ctx.getOutputTimestamp();
      // before the output runs there is no mapping from context time to the clock, and a mapping last
      // updated long ago (a starved audio thread) would place the onset wrong: such a marker is not timed
      if (!clock.performanceTime || clock.contextTime === undefined) return;
      const staleMs = performance.now() - clock.performanceTime;
      if (Math.abs(staleMs) > MAX_OUTPUT_CLOCK_AGE_MS)
        return note('audio', `a marker of sender ${sender} not timed: the audio output clock was ${Math.round(staleMs)} ms old`);
      const playedAt = performance.timeOrigin + clock.performanceTime + (frame / ctx.sampleRate - clock.contextTime) * 1000;
      const elapsed = (((playedAt - time) % MARKER_TIME_MODULO) + MARKER_TIME_MODULO) % MARKER_TIME_MODULO;
      hits.push({ sender, latencyMs: elapsed >= MARKER_TIME_MODULO / 2 ? elapsed - MARKER_TIME_MODULO : elapsed });
      stream.senders.set(sender, (stream.senders.get(sender) ?? 0) + 1);
    };
    // the platform's page plays the track (the usual case): nothing to add; otherwise a muted element
    setTimeout(() => {
      if (heard || track.readyState === 'ended') return;
      const player = new Audio();
      player.muted = true;
      player.srcObject = new MediaStream([track]);
      player.play().catch((error: unknown) => note('audio element', error));
    }, SILENT_FOR_MS);
  };

  const onTrack = (event: RTCTrackEvent): void => {
    try {
      if (event.track.kind === 'video') watchVideo(event.track);
      else if (event.track.kind === 'audio') watchAudio(event.track, event.receiver).catch((error: unknown) => note('audio', error));
    } catch (error) {
      note(event.track.kind, error);
    }
  };
  const Native = window.RTCPeerConnection;
  w.RTCPeerConnection = new Proxy(Native, {
    construct(target, args, newTarget) {
      const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
      pc.addEventListener('track', onTrack as EventListener);
      return pc;
    },
  });

  /** each audio stream's cumulative inbound statistics, with the sender its markers named most */
  const audioStreams = async (): Promise<object[]> =>
    Promise.all(
      streams.map(async (s) => {
        let inbound: Record<string, unknown> = {};
        const report = await s.receiver.getStats().catch(() => null);
        report?.forEach((stat: Record<string, unknown>) => {
          if (stat.type === 'inbound-rtp') inbound = stat;
        });
        const sender = [...s.senders.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
        const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
        return {
          track: s.track,
          sender,
          packetsReceived: num(inbound.packetsReceived),
          packetsLost: num(inbound.packetsLost),
          jitterBufferDelayS: num(inbound.jitterBufferDelay),
          jitterBufferEmitted: num(inbound.jitterBufferEmittedCount),
        };
      }),
    );

  w.__meetbenchQuality = {
    start: async () => {
      await drainVideo(false);
      hits.splice(0);
      windowStart = now();
      return windowStart;
    },
    read: async (final = false) => {
      const unreadable = unreadableMarkers;
      unreadableMarkers = 0;
      return {
        at: now(),
        windowStart,
        video: await drainVideo(final),
        audio: hits.splice(0),
        unreadableMarkers: unreadable,
        audioStreams: await audioStreams(),
        audioContext: context?.state ?? null,
        errors: errors.splice(0),
      };
    },
  };
})();
