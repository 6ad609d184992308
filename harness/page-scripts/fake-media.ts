/**
 * Constrains the fake camera to the scenario's size and frame rate (Chromium's fake device scales to what
 * getUserMedia asks for). Small frames at a low rate are what make a participant cheap enough to run
 * several per core. With `camera: generated` or `microphone: generated`, that device is generated in the
 * page instead of opened (generated-camera.ts, generated-microphone.ts), carrying the sender's index (its
 * frame stamps and audio markers) and the calibration delay of its group. Injected before any page script,
 * separately from the collector, so that `npm run bench:collector` can measure the collector alone with the
 * same media.
 */
import { generatedCamera } from './generated-camera.ts';
import { generatedMicrophone } from './generated-microphone.ts';

interface MediaConfig {
  width: number;
  height: number;
  fps: number;
  microphone?: 'device' | 'generated';
  camera?: 'device' | 'generated';
  /** this sender's participant index */
  sender?: number;
  calibrationDelayMs?: number;
}

(() => {
  const w = window as unknown as Record<string, unknown>;
  const media = w.__meetbenchMedia as MediaConfig | undefined;
  if (!media || !navigator.mediaDevices?.getUserMedia || w.__meetbenchMediaInstalled) return;
  w.__meetbenchMediaInstalled = true;
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  const own = { sender: media.sender ?? 0, delayMs: media.calibrationDelayMs ?? 0 };
  navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) => {
    const wanted = constraints ?? {};
    if (wanted.video) {
      const base = typeof wanted.video === 'object' ? wanted.video : {};
      wanted.video = { ...base, width: { exact: media.width }, height: { exact: media.height }, frameRate: { max: media.fps } };
    }
    const marker = w.__meetbench as { mark?: (name: string) => void } | undefined;
    marker?.mark?.('getUserMedia');
    const generateCamera = media.camera === 'generated' && Boolean(wanted.video);
    const generateMicrophone = media.microphone === 'generated' && Boolean(wanted.audio);
    if (!generateCamera && !generateMicrophone) return original(wanted);
    // what is not generated comes from the fake device as usual
    const generated: MediaStreamTrack[] = [];
    try {
      if (generateCamera) generated.push(generatedCamera({ width: media.width, height: media.height, fps: media.fps, ...own }));
      if (generateMicrophone) generated.push(generatedMicrophone(own));
    } catch (error) {
      for (const t of generated) t.stop();
      return Promise.reject(error as Error);
    }
    const rest = {
      ...(wanted.video && !generateCamera ? { video: wanted.video } : {}),
      ...(wanted.audio && !generateMicrophone ? { audio: wanted.audio } : {}),
    };
    const device = rest.video || rest.audio ? original(rest) : Promise.resolve(new MediaStream());
    return device.then((stream) => {
      for (const t of generated) stream.addTrack(t);
      return stream;
    });
  };
})();
