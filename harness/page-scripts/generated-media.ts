/**
 * A camera and a microphone generated in the page, for browsers meetbench did not start (a CDP endpoint,
 * a Selenium Grid node): no fake-device flags and no media files are needed on the remote side. The camera
 * is the stamped test pattern of `camera: generated` (generated-camera.ts), so receivers measure what
 * remote senders send too; where the page cannot generate it (another browser, a page that is not a secure
 * context) a canvas with a moving bar and a frame counter is captured instead, with no stamp. The
 * microphone is the tone with markers (generated-microphone.ts), or a Web Audio oscillator where the
 * page cannot use it. Also defines `navigator.mediaDevices` where the
 * browser leaves it out (plain http from a non-loopback origin is not a secure context), so the platform's
 * own code finds getUserMedia without a browser flag. Injected before any page script; bundled, no Node imports.
 */
import { canGenerateCamera, generatedCamera } from './generated-camera.ts';
import { canGenerateMicrophone, generatedMicrophone } from './generated-microphone.ts';

(() => {
  const w = window as unknown as Record<string, unknown>;
  if (w.__meetbenchGeneratedMedia) return;
  w.__meetbenchGeneratedMedia = true;

  interface Size {
    width: number;
    height: number;
    fps: number;
    sender?: number;
    calibrationDelayMs?: number;
  }
  const config = (): Size => (w.__meetbenchMedia as Size | undefined) ?? { width: 320, height: 180, fps: 15 };
  const own = (): { sender: number; delayMs: number } => ({ sender: config().sender ?? 0, delayMs: config().calibrationDelayMs ?? 0 });
  const wanted = (constraint: unknown, fallback: number): number => {
    if (typeof constraint === 'number') return constraint;
    if (constraint && typeof constraint === 'object') {
      const c = constraint as { exact?: number; ideal?: number; max?: number };
      return c.exact ?? c.ideal ?? c.max ?? fallback;
    }
    return fallback;
  };

  function videoTrack(video: unknown): MediaStreamTrack {
    const base = config();
    const v = (typeof video === 'object' && video ? video : {}) as Record<string, unknown>;
    const size = { width: wanted(v.width, base.width), height: wanted(v.height, base.height), fps: Math.min(wanted(v.frameRate, base.fps), base.fps) };
    if (canGenerateCamera()) return generatedCamera({ ...size, ...own() });
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    let frame = 0;
    // a timer, not requestAnimationFrame: a hidden headless page gets no animation frames
    setInterval(() => {
      frame += 1;
      g.fillStyle = '#204060';
      g.fillRect(0, 0, size.width, size.height);
      g.fillStyle = '#e0c040';
      const x = (frame * 4) % size.width;
      g.fillRect(x, 0, Math.max(4, size.width / 10), size.height);
      g.fillStyle = '#ffffff';
      g.font = `${Math.max(10, size.height / 6)}px sans-serif`;
      g.fillText(String(frame), 8, size.height / 2);
    }, 1000 / size.fps);
    const track = canvas.captureStream(size.fps).getVideoTracks()[0];
    if (!track) throw new DOMException('canvas capture gave no track', 'NotReadableError');
    return track;
  }

  let audio: AudioContext | null = null;
  function audioTrack(): MediaStreamTrack {
    // Chromium in a secure context: a tone written straight to a track (generated-microphone.ts), with no
    // audio context to start and no audio render loop; elsewhere: a Web Audio oscillator
    if (canGenerateMicrophone()) return generatedMicrophone(own());
    audio ??= new AudioContext();
    // getUserMedia follows a click of the join flow: that user activation lets the context start
    void audio.resume();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    gain.gain.value = 0.05;
    oscillator.frequency.value = 440;
    const destination = audio.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    const track = destination.stream.getAudioTracks()[0];
    if (!track) throw new DOMException('audio destination gave no track', 'NotReadableError');
    return track;
  }

  async function getUserMedia(constraints?: MediaStreamConstraints): Promise<MediaStream> {
    const tracks: MediaStreamTrack[] = [];
    if (constraints?.video) tracks.push(videoTrack(constraints.video));
    if (constraints?.audio) tracks.push(audioTrack());
    const marker = w.__meetbench as { mark?: (name: string) => void } | undefined;
    marker?.mark?.('getUserMedia');
    return new MediaStream(tracks);
  }

  const devices = [
    { deviceId: 'meetbench-camera', groupId: 'meetbench', kind: 'videoinput', label: 'meetbench generated camera' },
    { deviceId: 'meetbench-microphone', groupId: 'meetbench', kind: 'audioinput', label: 'meetbench generated microphone' },
  ];
  const existing = navigator.mediaDevices as MediaDevices | undefined;
  if (existing) {
    existing.getUserMedia = getUserMedia;
    existing.enumerateDevices = async () => devices.map((d) => ({ ...d, toJSON: () => d })) as unknown as MediaDeviceInfo[];
    return;
  }
  const shim = new EventTarget() as EventTarget & Record<string, unknown>;
  shim.getUserMedia = getUserMedia;
  shim.enumerateDevices = async () => devices.map((d) => ({ ...d, toJSON: () => d }));
  shim.getSupportedConstraints = () => ({ width: true, height: true, frameRate: true, deviceId: true });
  Object.defineProperty(Navigator.prototype, 'mediaDevices', { configurable: true, get: () => shim });
})();
