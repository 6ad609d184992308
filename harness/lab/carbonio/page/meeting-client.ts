/**
 * The lab reconstruction of Carbonio's meeting client (entry of the page served at
 * /carbonio/focus-mode/meetings/<id>): the access page, then the meeting. What it reconstructs is the
 * WebRTC side, from carbonio-ws-collaboration-ui (https://github.com/zextras/carbonio-ws-collaboration-ui):
 * up to four peer connections (audio both ways to Janus's AudioBridge, starting muted; camera out; screen
 * out; one connection receiving every visible remote feed), the meeting service's REST calls and events,
 * subscriptions to visible tiles only, a 16:9 camera sent as one encoding. No Carbonio code is used.
 */
import { accessPage } from './access-page.ts';
import { alertBox, h, show } from './dom.ts';
import { EventsSocket } from './events-socket.ts';
import { MeetingApi } from './meeting-api.ts';
import { meetingView } from './meeting-view.ts';

const root = document.getElementById('app')!;
const meetingId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const api = new MeetingApi(meetingId);
const socket = new EventsSocket();
const alert = alertBox();
let inMeeting = false;
let left = false;

socket.onLost = () => {
  if (!left) alert.say('the connection to the meeting service was lost');
};
const ready = Promise.all([socket.ready, api.me()]);
ready.catch((error: Error) => alert.say(error.message));

async function enter(camera: MediaStream | null): Promise<void> {
  if (inMeeting) return;
  try {
    const [, me] = await ready;
    await api.start();
    const { status } = await api.join({ audioStreamEnabled: false, videoStreamEnabled: camera !== null });
    if (status !== 'ACCEPTED') throw new Error(`the meeting service answered ${status}`);
    inMeeting = true;
    await meetingView(root, alert.el, {
      api,
      socket,
      me: me.id,
      camera,
      say: alert.say,
      onLeft: () => {
        left = true;
        show(root, h('div', {}, ['You left the meeting']));
      },
    });
  } catch (error) {
    alert.say((error as Error).message);
    throw error;
  }
}

show(
  root,
  accessPage(ready, alert.el, ({ camera }) => enter(camera)),
);
