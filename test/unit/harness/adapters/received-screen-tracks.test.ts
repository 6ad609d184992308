/**
 * The adapters' page-function bodies that name the received video tracks carrying a screen share, run
 * against page state of the shape each platform's page holds: only the share's tracks are named, never a
 * camera, an audio track or a share not yet received.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { RECEIVED_SCREEN_TRACKS as LIVEKIT } from '../../../../harness/adapters/livekit-meet/screen-share.ts';
import { carbonioShareUnsupported, RECEIVED_SCREEN_TRACKS as CARBONIO } from '../../../../harness/adapters/zimbra-connect/screen-share.ts';

const run = (body: string, window: object, document?: object): unknown => runInNewContext(`(() => {${body}})()`, { window, document });

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

/** a received stream as the page's video elements hold it: its id (the feed's, from the video server) and its tracks */
const video = (streamId: string, ...tracks: { id: string; readyState?: string }[]): object => ({
  srcObject: { id: streamId, getVideoTracks: () => tracks.map((t) => ({ readyState: 'live', ...t })) },
});

describe("Carbonio: a received stream is a share when the video server names it after the publisher's screen feed", () => {
  it("names the live tracks of every `<userId>/screen` stream, not the cameras nor the page's own camera", () => {
    const videos = [
      video('3f2a/video', { id: 'cam-1' }),
      video('3f2a/screen', { id: 'screen-1' }),
      video('9b1c/video', { id: 'cam-2' }),
      video('9b1c/screen', { id: 'screen-old', readyState: 'ended' }),
      { srcObject: null },
      // the page's own camera preview: a local stream, not named after a feed
      video('{5c1d8a3e}', { id: 'own-camera' }),
    ];
    expect(run(CARBONIO, {}, { querySelectorAll: () => videos })).toEqual(['screen-1']);
  });

  it("shares on Carbonio only: Zimbra Connect's share control is not known", () => {
    const base = { meetings: 'lab-{room}', login: false };
    expect(carbonioShareUnsupported(base)).toBeNull();
    expect(carbonioShareUnsupported({ ...base, flavor: 'zimbra-connect' })).toMatch(/Zimbra Connect's share control is not known/);
  });
});
