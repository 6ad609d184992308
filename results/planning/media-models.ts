/**
 * How each media model turns one participant's streams into its uplink and downlink in a meeting of k
 * (pure). `a` and `v` are one participant's audio and video stream, on the wire:
 *   - sfu: sends once (a + v), receives every other's streams ((k - 1)(a + v));
 *   - sfu-mixed-audio (Carbonio): sends once, receives every visible camera and ONE mixed audio stream
 *     (a + min(k - 1, visible tiles) v): the server mixes the audio, so the audio coming down does not grow;
 *   - mesh (Zimbra Connect peer to peer): sends its streams to every other member, receives theirs
 *     ((k - 1)(a + v) both ways): the uplink grows with the meeting.
 */
import type { MediaModel } from '../run-record.ts';

export interface StreamRates {
  audioKbps: number;
  videoKbps: number;
}

export interface ParticipantRates {
  uplinkKbps: number;
  downlinkKbps: number;
}

/**
 * Remote cameras Carbonio's grid shows (and receives) on a 1920×1080 screen: tiles at least 300 px wide
 * in 16:9 make 6 columns by 6 rows. Meetings beyond that receive a page of cameras, not every one.
 */
export const VISIBLE_TILES_1080P = 36;

export const MODEL_NAMES: Record<MediaModel, string> = {
  sfu: 'SFU (every stream relayed)',
  'sfu-mixed-audio': 'SFU with mixed audio',
  mesh: 'mesh (peer to peer)',
};

const round = (v: number): number => Math.round(v * 10) / 10;

export function participantRates(model: MediaModel, k: number, s: StreamRates, visibleTiles = VISIBLE_TILES_1080P): ParticipantRates {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`a meeting has at least 2 participants (got ${k})`);
  const others = k - 1;
  const stream = s.audioKbps + s.videoKbps;
  switch (model) {
    case 'sfu':
      return { uplinkKbps: round(stream), downlinkKbps: round(others * stream) };
    case 'sfu-mixed-audio':
      return { uplinkKbps: round(stream), downlinkKbps: round(s.audioKbps + Math.min(others, visibleTiles) * s.videoKbps) };
    case 'mesh':
      return { uplinkKbps: round(others * stream), downlinkKbps: round(others * stream) };
  }
}

/** how many copies of its own streams a participant sends in a meeting of k: what its uplink is divided by to get one stream */
export const streamsSent = (model: MediaModel, k: number): number => (model === 'mesh' ? Math.max(1, k - 1) : 1);
