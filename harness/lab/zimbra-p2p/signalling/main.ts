/**
 * The lab's signalling for peer-to-peer calls as Zimbra Connect 8.8.15 made them: it serves the call page
 * at /zimbra-p2p/call/<room>, relays offers, answers and ICE candidates between the members of a call over
 * a WebSocket (/zimbra-p2p/signalling), and refuses a member beyond the group size. Media never pass
 * through it: every member sends to every other directly. Started by zimbra-p2p-platform.ts in the lab's
 * namespace:
 *
 *   node --import tsx main.ts --host ADDR --port N
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { WebSocketServer, type WebSocket } from 'ws';
import { bundlePage } from '../../bundle-page.ts';
import type { ToPage, ToService } from '../mesh-messages.ts';
import { MeshRooms } from './mesh-rooms.ts';

const PAGE_DIR = fileURLToPath(new URL('../page/', import.meta.url));
const ROOM = /^[A-Za-z0-9_-]{1,64}$/;

const argv = process.argv.slice(2);
const flag = (name: string): string => argv[argv.indexOf(name) + 1] ?? '';
const host = flag('--host');
const port = Number(flag('--port'));

const rooms = new MeshRooms();
const sockets = new Map<string, WebSocket>();
const app = express();
app.disable('x-powered-by');

app.get('/zimbra-p2p/call/:room', (req, res) => {
  if (!ROOM.test(req.params.room)) {
    res.status(404).type('text').send('no such call\n');
    return;
  }
  res
    .set('cache-control', 'no-cache')
    .type('html')
    .send(readFileSync(path.join(PAGE_DIR, 'call.html'), 'utf8'));
});
app.get('/zimbra-p2p/call-client.js', (_req, res) => {
  res
    .set('cache-control', 'no-cache')
    .type('js')
    .send(bundlePage(path.join(PAGE_DIR, 'call-client.ts')));
});
app.get('/health', (_req, res) => res.json({ ok: true, calls: sockets.size }));

const http = createServer(app);
const wss = new WebSocketServer({ server: http, path: '/zimbra-p2p/signalling', maxPayload: 256 * 1024 });
const send = (ws: WebSocket | undefined, message: ToPage): void => {
  if (ws?.readyState === ws?.OPEN) ws?.send(JSON.stringify(message));
};

wss.on('connection', (ws) => {
  const id = randomBytes(6).toString('hex');
  let room: string | null = null;
  ws.on('error', () => undefined);
  ws.on('message', (raw) => {
    let message: ToService;
    try {
      message = JSON.parse(String(raw)) as ToService;
    } catch {
      return;
    }
    if (message.type === 'join' && room === null && ROOM.test(String(message.room))) {
      const name = String(message.name ?? 'guest').slice(0, 64);
      const size = Number.isInteger(message.groupSize) && message.groupSize >= 2 ? message.groupSize : undefined;
      const answer = rooms.join(message.room, { id, name }, size);
      if (!answer.ok) return send(ws, { type: 'refused', reason: answer.reason });
      room = message.room;
      sockets.set(id, ws);
      send(ws, { type: 'joined', id, peers: answer.peers });
      for (const peer of answer.peers) send(sockets.get(peer.id), { type: 'peer-joined', peer: { id, name } });
    } else if (message.type === 'signal' && room !== null && rooms.together(room, id, String(message.to))) {
      send(sockets.get(message.to), { type: 'signal', from: id, data: message.data });
    }
  });
  ws.on('close', () => {
    sockets.delete(id);
    if (room !== null) for (const peer of rooms.leave(room, id)) send(sockets.get(peer), { type: 'peer-left', id });
  });
});

http.listen(port, host, () => process.stdout.write(`zimbra-p2p signalling on http://${host}:${port}/\n`));
const stop = (): void => {
  for (const ws of wss.clients) ws.terminate();
  http.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
