/**
 * Two readings of the in-page media-source reader (page-scripts/media-sources.ts) → one second's fields:
 * the screen share's and the camera's bit rates and frame rates apart, both ways, and the audio levels.
 * An audio level over an interval is sqrt(Δ totalAudioEnergy / Δ totalSamplesDuration), as the WebRTC
 * statistics specification defines it (0 silence, 1 full scale): the microphone sent, and the loudest
 * stream received (on a platform that mixes, the one mixed stream). Pure.
 */
import type { MediaSourceSnapshot, VideoCounters, AudioEnergy } from '../page-scripts/media-source-types.ts';
import type { SampleFields } from './participant-source.ts';

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

function level(before: AudioEnergy | undefined, after: AudioEnergy): number | null {
  const duration = after.duration - (before?.duration ?? 0);
  const energy = after.energy - (before?.energy ?? 0);
  if (duration <= 0 || energy < 0) return null;
  return round(Math.sqrt(energy / duration), 4);
}

function video(prev: VideoCounters, cur: VideoCounters, seconds: number): { up: number; down: number; fpsSent: number | null; fpsReceived: number | null } {
  const kbps = (bytes: number): number => round((Math.max(0, bytes) * 8) / 1000 / seconds);
  return {
    up: kbps(cur.bytesSent - prev.bytesSent),
    down: kbps(cur.bytesReceived - prev.bytesReceived),
    // per stream (a source's simulcast layers one), as fps_received: two cameras at 15 fps read 15
    fpsSent: cur.outbound > 0 ? round(Math.max(0, cur.framesEncoded - prev.framesEncoded) / seconds / cur.outbound) : null,
    fpsReceived: cur.inbound > 0 ? round(Math.max(0, cur.framesDecoded - prev.framesDecoded) / seconds / cur.inbound) : null,
  };
}

export function mediaSourceFields(prev: MediaSourceSnapshot, cur: MediaSourceSnapshot): SampleFields {
  const seconds = (cur.at - prev.at) / 1000;
  if (seconds <= 0) return {};
  const screen = video(prev.screen, cur.screen, seconds);
  const camera = video(prev.camera, cur.camera, seconds);
  const received = Object.entries(cur.audioReceived)
    .map(([key, energy]) => level(prev.audioReceived[key], energy))
    .filter((l): l is number => l !== null);
  return {
    screenUplinkKbps: screen.up,
    screenDownlinkKbps: screen.down,
    screenFpsSent: screen.fpsSent,
    screenFpsReceived: screen.fpsReceived,
    screenFrameHeightReceived: cur.screen.frameHeightReceived,
    cameraUplinkKbps: camera.up,
    cameraDownlinkKbps: camera.down,
    cameraFpsReceived: camera.fpsReceived,
    audioLevelSent: level(prev.audioSent, cur.audioSent),
    audioLevelReceived: received.length > 0 ? Math.max(...received) : null,
  };
}
