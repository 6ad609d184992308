/** The three media models side by side: a mesh's uplink grows with the meeting, an SFU's does not, mixed audio comes down as one stream. */
import { describe, expect, it } from 'vitest';
import { participantRates } from '../../../../results/planning/media-models.ts';
import { compareMediaModels } from '../../../../results/planning/model-comparison.ts';
import { makeParticipant, makeRun, makeTrial } from '../../../helpers/run-factory.ts';

const stream = { audioKbps: 40, videoKbps: 200 };

describe('participantRates', () => {
  it("keeps an SFU participant's uplink at one stream whatever the size, its downlink one stream per other", () => {
    expect(participantRates('sfu', 3, stream)).toEqual({ uplinkKbps: 240, downlinkKbps: 480 });
    expect(participantRates('sfu', 30, stream)).toEqual({ uplinkKbps: 240, downlinkKbps: 6960 });
  });

  it("grows a mesh participant's uplink with every other member", () => {
    expect(participantRates('mesh', 5, stream)).toEqual({ uplinkKbps: 960, downlinkKbps: 960 });
    expect(participantRates('mesh', 3, stream).uplinkKbps).toBe(480);
  });

  it('brings mixed audio down as one stream, and only the cameras a grid shows', () => {
    expect(participantRates('sfu-mixed-audio', 5, stream)).toEqual({ uplinkKbps: 240, downlinkKbps: 40 + 4 * 200 });
    expect(participantRates('sfu-mixed-audio', 30, stream, 6).downlinkKbps).toBe(40 + 6 * 200);
  });

  it('refuses a meeting of one', () => {
    expect(() => participantRates('sfu', 1, stream)).toThrow(RangeError);
  });
});

describe('compareMediaModels', () => {
  const sender = (name: string, room: string, audio: number, video: number, kernelUp: number | null) =>
    makeParticipant({
      name,
      room,
      metrics: { audio_uplink_kbps: audio, video_uplink_kbps: video },
      kernel: kernelUp === null ? null : { uplinkKbps: kernelUp, downlinkKbps: 0 },
    });

  const run = makeRun({
    trials: [
      // a mesh of 5: each sends its 30 + 170 kbit/s four times, 880 kbit/s on the wire (10 % headers)
      makeTrial({
        id: 'p2p',
        platform: 'zimbra',
        mediaModel: 'mesh',
        roomLimit: { max: 5, why: 'groups of 5' },
        participants: ['a', 'b', 'c', 'd', 'e'].map((n) => sender(n, '1', 120, 680, 880)),
      }),
      makeTrial({ id: 'sfu', platform: 'janus', mediaModel: 'sfu', participants: ['a', 'b', 'c'].map((n) => sender(n, '1', 30, 170, null)) }),
      makeTrial({ id: 'old', platform: 'legacy', participants: [sender('a', '1', 30, 170, 220)] }),
    ],
  });
  const models = compareMediaModels(run);

  it("takes one stream from a mesh participant's uplink divided by the copies it sends, on the wire", () => {
    const zimbra = models.find((m) => m.platform === 'zimbra')!;
    expect(zimbra.stream).toMatchObject({ audioKbps: 33, videoKbps: 187, source: 'kernel' });
    expect(zimbra.projections[0]).toMatchObject({ meetings: 10, size: 5, perParticipant: { uplinkKbps: 880, downlinkKbps: 880 } });
  });

  it('refuses the council of 30 on a mesh of groups of 5, and projects it on an SFU', () => {
    expect(models.find((m) => m.platform === 'zimbra')!.projections[2]).toMatchObject({ size: 30, perParticipant: null, refused: 'meetings hold at most 5' });
    const janus = models.find((m) => m.platform === 'janus')!;
    expect(janus.stream).toMatchObject({ audioKbps: 32.4, videoKbps: 183.6, source: 'getStats' });
    expect(janus.projections[2]!.perParticipant!.uplinkKbps).toBe(216);
    expect(janus.projections[1]).toMatchObject({ meetings: 50, size: 3, site: { uplinkMbps: Math.round((150 * 216 * 1.3) / 100) / 10 } });
  });

  it('leaves out platforms whose media model is not known', () => {
    expect(models.map((m) => m.platform)).toEqual(['zimbra', 'janus']);
  });
});
