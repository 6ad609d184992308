/**
 * The adapters' page-function bodies that name the received video tracks carrying a screen share, run
 * against page state of the shape each platform's page holds: only the share's tracks are named, never a
 * camera, an audio track or a share not yet received.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { RECEIVED_SCREEN_TRACKS as LIVEKIT } from '../../../../harness/adapters/livekit-meet/screen-share.ts';

const run = (body: string, window: object): unknown => runInNewContext(`(() => {${body}})()`, { window });

/** a remote participant of LiveKit's Room: its publications by sid, each with a source, a kind and (once subscribed) a track */
const participant = (...publications: { source: string; kind: string; trackId?: string }[]): object => ({
  trackPublications: new Map(
    publications.map((p, i) => [`TR_${i}`, { source: p.source, kind: p.kind, track: p.trackId ? { mediaStreamTrack: { id: p.trackId } } : undefined }]),
  ),
});

describe("LiveKit: a received track is a share when LiveKit's publication says its source is screen_share", () => {
  it('names the share of a participant beside its camera and microphone, and no one else', () => {
    const remoteParticipants = new Map([
      [
        'PA_sharer',
        participant(
          { source: 'camera', kind: 'video', trackId: 'cam-1' },
          { source: 'microphone', kind: 'audio', trackId: 'mic-1' },
          { source: 'screen_share', kind: 'video', trackId: 'screen-1' },
          { source: 'screen_share_audio', kind: 'audio', trackId: 'screen-audio-1' },
        ),
      ],
      ['PA_other', participant({ source: 'camera', kind: 'video', trackId: 'cam-2' })],
    ]);
    expect(run(LIVEKIT, { __lk_room: { remoteParticipants } })).toEqual(['screen-1']);
  });

  it('names nothing before the share is received, nor before the room exists', () => {
    const notSubscribed = new Map([['PA_sharer', participant({ source: 'screen_share', kind: 'video' })]]);
    expect(run(LIVEKIT, { __lk_room: { remoteParticipants: notSubscribed } })).toEqual([]);
    expect(run(LIVEKIT, {})).toEqual([]);
  });
});
