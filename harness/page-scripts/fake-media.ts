/**
 * Constrains the fake camera to the scenario's size and frame rate (Chromium's fake device scales to what
 * getUserMedia asks for). Small frames at a low rate are what make a participant cheap enough to run
 * several per core. With `microphone: generated`, the microphone is generated in the page instead of opened
 * (generated-microphone.ts). Injected before any page script, separately from the collector, so that
 * `npm run bench:collector` can measure the collector alone with the same media.
 */
import { generatedMicrophone } from './generated-microphone.ts';

(() => {
  const w = window as unknown as Record<string, unknown>;
  const media = w.__meetbenchMedia as { width: number; height: number; fps: number; microphone?: 'device' | 'generated' } | undefined;
  if (!media || !navigator.mediaDevices?.getUserMedia || w.__meetbenchMediaInstalled) return;
  w.__meetbenchMediaInstalled = true;
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) => {
    const wanted = constraints ?? {};
    if (wanted.video) {
      const base = typeof wanted.video === 'object' ? wanted.video : {};
      wanted.video = { ...base, width: { exact: media.width }, height: { exact: media.height }, frameRate: { max: media.fps } };
    }
    const marker = w.__meetbench as { mark?: (name: string) => void } | undefined;
    marker?.mark?.('getUserMedia');
    if (media.microphone !== 'generated' || !wanted.audio) return original(wanted);
    // the camera from the fake device as usual, the microphone from the page (generated-microphone.ts)
    let microphone: MediaStreamTrack;
    try {
      microphone = generatedMicrophone();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const camera = wanted.video ? original({ video: wanted.video }) : Promise.resolve(new MediaStream());
    return camera.then((stream) => {
      stream.addTrack(microphone);
      return stream;
    });
  };
})();
