/** The rooms of a Carbonio meeting, as Carbonio's meeting service creates them. */
import { describe, expect, it } from 'vitest';
import { audioRoomCreate, feedId, SAFE_ID, videoRoomCreate } from '../../../../../harness/lab/carbonio/carbonio-rooms.ts';

describe('a Carbonio meeting on Janus', () => {
  it('mixes audio at 16 kHz with talking events, in a room named after the meeting', () => {
    expect(audioRoomCreate('m1')).toMatchObject({
      request: 'create',
      room: 'audio_m1',
      sampling_rate: 16000,
      audiolevel_event: true,
      audio_active_packets: 10,
      audio_level_average: 55,
      permanent: false,
    });
  });

  it('holds 100 publishers under an 8 Mbit/s cap that publishers cannot raise', () => {
    expect(videoRoomCreate('m1')).toMatchObject({
      request: 'create',
      room: 'video_m1',
      publishers: 100,
      bitrate: 8_000_000,
      bitrate_cap: true,
      videocodec: 'vp8,h264,vp9,h265,av1',
    });
    expect(videoRoomCreate('m1', 409_600)).toMatchObject({ bitrate: 409_600 });
  });

  it("names a participant's feeds <userId>/video and <userId>/screen, and refuses ids that would break that", () => {
    expect(feedId('u1', 'screen')).toBe('u1/screen');
    expect(SAFE_ID.test('u1/video')).toBe(false);
    expect(SAFE_ID.test('5f1c-ab_9')).toBe(true);
  });
});
