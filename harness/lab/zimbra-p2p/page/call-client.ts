/**
 * The lab's peer-to-peer call page (entry of /zimbra-p2p/call/<room>?name=…&groupSize=…): camera and
 * microphone, "Join the call", then one PeerLink per other member. Refusals (a full group) and lost
 * signalling show in an alert (role="alert") that the adapter reads.
 */
import type { SignalData, ToPage, ToService } from '../mesh-messages.ts';
import { PeerLink } from './peer-link.ts';

const params = new URLSearchParams(location.search);
const room = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const name = params.get('name') ?? 'guest';
const groupSize = Number(params.get('groupSize') ?? 5);

const app = document.getElementById('app')!;
const alert = document.createElement('div');
alert.setAttribute('role', 'alert');
alert.hidden = true;
const say = (message: string): void => {
  alert.textContent = message;
  alert.hidden = false;
  console.error(`call: ${message}`);
};

const join = document.createElement('button');
join.dataset.testid = 'join-call';
join.textContent = 'Join the call';
app.append(join, alert);

const links = new Map<string, PeerLink>();
const videos = document.createElement('div');

function link(peerId: string, local: MediaStream, ws: WebSocket): PeerLink {
  const send = (data: SignalData): void => ws.send(JSON.stringify({ type: 'signal', to: peerId, data } satisfies ToService));
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  video.dataset.peer = peerId;
  videos.append(video);
  const created = new PeerLink(peerId, local, send, (stream) => (video.srcObject = stream));
  links.set(peerId, created);
  return created;
}

function drop(peerId: string): void {
  links.get(peerId)?.close();
  links.delete(peerId);
  videos.querySelector(`[data-peer="${peerId}"]`)?.remove();
}

async function enter(): Promise<void> {
  join.disabled = true;
  const local = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const ws = new WebSocket(`ws://${location.host}/zimbra-p2p/signalling`);
  let inCall = false;
  ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'join', room, name, groupSize } satisfies ToService)));
  ws.addEventListener('close', () => {
    if (inCall) say('the connection to the signalling service was lost');
  });
  ws.addEventListener('message', (raw) => {
    const message = JSON.parse(String(raw.data)) as ToPage;
    if (message.type === 'refused') say(message.reason);
    if (message.type === 'joined') {
      inCall = true;
      const call = document.createElement('div');
      call.dataset.testid = 'call-view';
      const leave = document.createElement('button');
      leave.dataset.testid = 'leave-call';
      leave.textContent = 'Leave';
      leave.addEventListener('click', () => {
        inCall = false;
        ws.close();
        for (const id of [...links.keys()]) drop(id);
        for (const track of local.getTracks()) track.stop();
        call.replaceChildren('You left the call');
      });
      call.append(videos, leave);
      app.replaceChildren(call, alert);
      // the newcomer offers to everyone already there
      for (const peer of message.peers)
        void link(peer.id, local, ws)
          .offer()
          .catch((e: Error) => say(e.message));
    }
    if (message.type === 'peer-left') drop(message.id);
    if (message.type === 'signal') {
      const target = links.get(message.from) ?? link(message.from, local, ws);
      void target.receive(message.data).catch((e: Error) => say(e.message));
    }
  });
}

join.addEventListener('click', () => void enter().catch((e: Error) => say(e.message)));
