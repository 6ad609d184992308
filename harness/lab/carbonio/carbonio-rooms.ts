/**
 * What Carbonio's meeting service asks of Janus, as data: the two rooms of a meeting and the ids of a
 * participant's handles. The values are those of carbonio-ws-collaboration-ce
 * (https://github.com/zextras/carbonio-ws-collaboration-ce): AudioBridgeCreateRequest.java for the audio
 * room, MeetingModule.java for the video room's bitrate defaults, VideoRoomCreateRequest.java for the
 * rest, Feed.java for the feed ids. Pure.
 */

/** Carbonio's default VideoRoom bitrate (its Consul key carbonio-ws-collaboration/meeting/videoroom-bitrate) */
export const CARBONIO_BITRATE_BPS = 8_000_000;
/** the mix is made at 16 kHz (wideband), whatever the participants send */
export const CARBONIO_SAMPLING_RATE = 16_000;
export const CARBONIO_MAX_PUBLISHERS = 100;

export type MediaType = 'video' | 'screen';

export const audioRoomId = (meetingId: string): string => `audio_${meetingId}`;
export const videoRoomId = (meetingId: string): string => `video_${meetingId}`;
/** a participant publishes its camera and its screen as two VideoRoom publishers, `<userId>/video` and `<userId>/screen` */
export const feedId = (userId: string, type: MediaType): string => `${userId}/${type}`;

export function audioRoomCreate(meetingId: string): Record<string, unknown> {
  return {
    request: 'create',
    room: audioRoomId(meetingId),
    permanent: false,
    is_private: false,
    record: false,
    sampling_rate: CARBONIO_SAMPLING_RATE,
    audiolevel_event: true,
    audio_active_packets: 10,
    audio_level_average: 55,
  };
}

export function videoRoomCreate(meetingId: string, bitrateBps = CARBONIO_BITRATE_BPS): Record<string, unknown> {
  return {
    request: 'create',
    room: videoRoomId(meetingId),
    permanent: false,
    is_private: false,
    record: false,
    publishers: CARBONIO_MAX_PUBLISHERS,
    bitrate: bitrateBps,
    bitrate_cap: true,
    videocodec: 'vp8,h264,vp9,h265,av1',
    videoorient_ext: false,
  };
}

/** Meeting and user ids become Janus room and feed ids: letters, digits, "-" and "_" only, so `/` stays the feed separator. */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
