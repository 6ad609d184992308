/**
 * A scenario's `participants.media.camera`: Chromium's fake device (its animated test card, scaled to the
 * scenario's size), or the stamped test pattern generated in the page (page-scripts/generated-camera.ts),
 * which the receivers read to measure latency, freezes and picture quality.
 */
export const CAMERAS = ['device', 'generated'] as const;
export type Camera = (typeof CAMERAS)[number];

/**
 * The camera a trial's senders really used, for its record: remote browsers have no fake device and send
 * the generated camera (page-scripts/generated-media.ts), so local device cameras beside remote senders are
 * "mixed".
 */
export function cameraUsed(camera: Camera, localSenders: number, remoteSenders: number): Camera | 'mixed' {
  if (camera === 'generated' || remoteSenders === 0) return camera;
  return localSenders > 0 ? 'mixed' : 'generated';
}
