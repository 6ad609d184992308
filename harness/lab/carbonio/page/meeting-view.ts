/**
 * Inside the meeting: the grid of visible tiles (gridModeView), your own camera in its own container, the
 * action bar (meeting-action-bar) with the microphone, camera, screen and leave buttons. The data-testids
 * are the published client's where it has them (meeting_view_container, gridModeView, tile,
 * myStreamContainer, meeting-action-bar, microphone-button, video_button); the screen button's is the lab's.
 * Every connection of the participant is opened from here: audio at once (muted), camera out when it was
 * chosen, video in as soon as one remote feed is visible, screen out on demand.
 */
import type { MeetingEvent } from '../meeting-events.ts';
import { AudioConnection } from './audio-connection.ts';
import { h } from './dom.ts';
import type { EventsSocket } from './events-socket.ts';
import type { MeetingApi } from './meeting-api.ts';
import { captureCamera, PublisherConnection } from './publisher-connection.ts';
import { RemoteParticipants } from './remote-participants.ts';
import { VideoInConnection } from './video-in-connection.ts';
import { tilesThatFit, visibleFeeds } from './visible-feeds.ts';

export interface MeetingContext {
  api: MeetingApi;
  socket: EventsSocket;
  me: string;
  camera: MediaStream | null;
  say(message: string): void;
  onLeft(): void;
}

function toggle(testid: string, label: string, act: (on: boolean) => Promise<void>, initially = false): HTMLElement {
  const button = h('button', { 'data-testid': testid, 'aria-pressed': String(initially) }, [label]);
  button.addEventListener('click', async () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    await act(on);
    button.setAttribute('aria-pressed', String(on));
  });
  return button;
}

export async function meetingView(root: HTMLElement, alert: HTMLElement, ctx: MeetingContext): Promise<void> {
  const grid = h('div', { 'data-testid': 'gridModeView' });
  const own = h('video', { autoplay: true, muted: true, playsinline: true }) as HTMLVideoElement;
  const tiles = new Map<string, HTMLVideoElement>();
  const audio = new AudioConnection(ctx.api, ctx.socket);
  const videoIn = new VideoInConnection(ctx.api, ctx.socket);
  const remote = new RemoteParticipants(ctx.me);
  const publishers: { video: PublisherConnection | null; screen: PublisherConnection | null } = { video: null, screen: null };

  const publish = async (type: 'video' | 'screen', on: boolean): Promise<void> => {
    await publishers[type]?.close();
    publishers[type] = null;
    if (!on) return;
    const stream = type === 'video' ? (ctx.camera ?? (await captureCamera())) : await navigator.mediaDevices.getDisplayMedia({ video: true });
    ctx.camera = type === 'video' ? null : ctx.camera;
    if (type === 'video') own.srcObject = stream;
    publishers[type] = new PublisherConnection(type, stream, ctx.api, ctx.socket);
    await publishers[type].open();
  };

  /** subscribe to what the grid shows now, and show a tile for each */
  const refresh = (): void => {
    const visible = visibleFeeds(remote.feedsOn(), tilesThatFit(grid.clientWidth || window.innerWidth, Math.max(0, window.innerHeight - 56)));
    const keys = new Set(visible.map((f) => `${f.userId}/${f.type}`));
    for (const [key, video] of tiles) {
      if (keys.has(key)) continue;
      tiles.delete(key);
      video.parentElement?.remove();
    }
    for (const key of keys) {
      if (tiles.has(key)) continue;
      const video = h('video', { autoplay: true, playsinline: true }) as HTMLVideoElement;
      tiles.set(key, video);
      grid.append(h('div', { 'data-testid': 'tile', 'data-feed': key }, [video]));
    }
    videoIn.want(visible);
  };
  videoIn.onTrack = (streamId, stream) => {
    const video = tiles.get(streamId);
    if (video) video.srcObject = stream;
  };
  videoIn.onError = (message) => console.warn(`subscriptions: ${message}`);
  ctx.socket.on((event: MeetingEvent) => {
    if (event.type === 'MeetingMediaLost') ctx.say(`the video server dropped this participant: ${event.reason}`);
    if (event.type === 'MeetingParticipantTalking') grid.querySelector(`[data-feed="${event.userId}/video"]`)?.toggleAttribute('data-talking', event.talking);
    if (remote.apply(event)) refresh();
  });
  window.addEventListener('resize', refresh);

  const leave = async (): Promise<void> => {
    audio.close();
    videoIn.close();
    for (const p of Object.values(publishers)) p?.pc.close();
    await ctx.api.leave().catch(() => undefined);
    ctx.onLeft();
  };
  const bar = h('div', { 'data-testid': 'meeting-action-bar' }, [
    toggle('microphone-button', 'Microphone', (on) => audio.setMicrophone(on)),
    toggle('video_button', 'Camera', (on) => publish('video', on), ctx.camera !== null),
    toggle('screen_button', 'Share screen', (on) => publish('screen', on)),
    h('button', { 'data-testid': 'leave_meeting_button', title: 'Leave', onclick: () => void leave() }, ['Leave']),
  ]);
  root.replaceChildren(h('div', { 'data-testid': 'meeting_view_container' }, [grid, h('div', { 'data-testid': 'myStreamContainer' }, [own]), bar, alert]));

  await audio.open();
  if (ctx.camera) await publish('video', true);
  remote.merge(await ctx.api.participants());
  refresh();
}
