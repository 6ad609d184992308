import { describe, expect, it } from 'vitest';
import { mediaSourceFields } from '../../../../harness/collectors/media-source-rates.ts';
import { zeroVideo, type MediaSourceSnapshot } from '../../../../harness/page-scripts/media-source-types.ts';

const snapshot = (at: number, over: Partial<MediaSourceSnapshot> = {}): MediaSourceSnapshot => ({
  at,
  wallMs: at,
  screen: zeroVideo(),
  camera: zeroVideo(),
  audioSent: { energy: 0, duration: 0 },
  audioReceived: {},
  ...over,
});

describe('mediaSourceFields', () => {
  it('reports the screen share and the camera apart, as kbit/s and frames per second per stream', () => {
    const before = snapshot(1000, {
      screen: { ...zeroVideo(), bytesSent: 10_000, framesEncoded: 10, outbound: 1 },
      camera: { ...zeroVideo(), bytesReceived: 50_000, framesDecoded: 100, inbound: 2 },
    });
    const after = snapshot(3000, {
      screen: { ...zeroVideo(), bytesSent: 60_000, framesEncoded: 20, outbound: 1, frameHeightSent: 720 },
      camera: { ...zeroVideo(), bytesReceived: 90_000, framesDecoded: 160, inbound: 2, frameHeightReceived: 180 },
    });
    const fields = mediaSourceFields(before, after);
    expect(fields).toMatchObject({
      screenUplinkKbps: 200,
      screenFpsSent: 5,
      screenDownlinkKbps: 0,
      screenFpsReceived: null,
      cameraDownlinkKbps: 160,
      cameraFpsReceived: 15,
      cameraUplinkKbps: 0,
    });
  });

  it('reads the audio level over the second from the energy, and the loudest stream received', () => {
    const before = snapshot(0, { audioSent: { energy: 1, duration: 10 }, audioReceived: { a: { energy: 0, duration: 5 }, b: { energy: 0.5, duration: 5 } } });
    const after = snapshot(1000, {
      audioSent: { energy: 1.01, duration: 11 },
      audioReceived: { a: { energy: 0, duration: 6 }, b: { energy: 0.51, duration: 6 }, c: { energy: 0.0004, duration: 1 } },
    });
    const fields = mediaSourceFields(before, after);
    // sqrt(0.01 / 1): a tone at 0.1 of full scale
    expect(fields.audioLevelSent).toBe(0.1);
    // b: 0.1; a: silence; c (new): 0.02
    expect(fields.audioLevelReceived).toBe(0.1);
  });

  it('has no level for a microphone that sent nothing in the second', () => {
    expect(mediaSourceFields(snapshot(0), snapshot(1000)).audioLevelSent).toBeNull();
  });
});
