/**
 * The receivers' video measurement off the page's main thread (quality/video-analyser.ts): the page hands
 * it each remote video track's frames (a MediaStreamTrackProcessor's stream, transferred), and asks it
 * once a second for what it measured. Off the main thread, a platform's busy page neither delays the
 * arrival times nor makes frames pile up. Bundled on its own, started from a blob by quality-receiver.ts.
 */
import { VideoAnalyser, type Capture, type DecodedFrame } from './quality/video-analyser.ts';

type Message =
  | { type: 'configure'; capture: Capture; pictureEveryMs: number }
  | { type: 'track'; track: string; readable: ReadableStream<DecodedFrame> }
  | { type: 'drain'; id: number; final: boolean };

const scope = self as unknown as { onmessage: ((event: MessageEvent<Message>) => void) | null; postMessage(message: unknown): void };
let analyser: VideoAnalyser | null = null;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'configure') analyser = new VideoAnalyser(message.capture, message.pictureEveryMs);
  else if (message.type === 'track') void analyser?.watch(message.readable, message.track);
  else if (message.type === 'drain') scope.postMessage({ id: message.id, report: analyser?.drain(message.final) ?? null });
};
