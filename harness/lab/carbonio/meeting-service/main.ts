/**
 * The lab's meeting service, in the role of Carbonio's (carbonio-ws-collaboration-ce): the only holder of
 * the video server's api_secret, between the meeting page (HTTP and a WebSocket) and Janus (its HTTP API
 * on the namespace's loopback). It serves the meeting page at Carbonio's meeting URL, the REST calls of
 * meeting-routes.ts, the events WebSocket, `/health` for the lab, and `/lab/connections`: which of each
 * participant's connections Janus reported up, for tests. Started by carbonio-platform.ts in the lab's
 * namespace:
 *
 *   node --import tsx main.ts --host ADDR --port N --janus http://127.0.0.1:8088/janus --secret-file FILE
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { bundlePage } from '../../bundle-page.ts';
import { SAFE_ID } from '../carbonio-rooms.ts';
import { EventsHub } from './events-hub.ts';
import { JanusRest } from './janus-rest.ts';
import { AUTH_COOKIE, LabMembers, readCookie } from './lab-members.ts';
import { Meeting } from './meeting.ts';
import { meetingRoutes, type MeetingDirectory } from './meeting-routes.ts';
import type { ConnectionsSeen } from './meeting-participant.ts';

const PAGE_DIR = fileURLToPath(new URL('../page/', import.meta.url));
const MAX_RECORDS = 500;

function args(): { host: string; port: number; janus: string; secretFile: string } {
  const argv = process.argv.slice(2);
  const flag = (name: string): string => {
    const i = argv.indexOf(name);
    const value = i >= 0 ? argv[i + 1] : undefined;
    if (!value) throw new Error(`meeting service: ${name} is required`);
    return value;
  };
  return { host: flag('--host'), port: Number(flag('--port')), janus: flag('--janus'), secretFile: flag('--secret-file') };
}

const { host, port, janus, secretFile } = args();
// read for each new Janus session: a secret changed on disk applies to the next meeting or participant
const rest = new JanusRest(janus, () => readFileSync(secretFile, 'utf8').trim());
const members = new LabMembers();
const meetings = new Map<string, Meeting>();
const records: Array<ConnectionsSeen & { meetingId: string; userId: string }> = [];

const app = express();
app.disable('x-powered-by');
const http = createServer(app);
const hub = new EventsHub(http, members, (userId) => void directory.leaveAll(userId));
const notifier = {
  toUser: hub.toUser.bind(hub),
  left(meetingId: string, userId: string, seen: ConnectionsSeen) {
    records.push({ meetingId, userId, ...seen });
    records.splice(0, Math.max(0, records.length - MAX_RECORDS));
  },
};

const directory: MeetingDirectory = {
  meeting(id) {
    let meeting = meetings.get(id);
    if (!meeting) {
      meeting = new Meeting(id, rest, notifier);
      meetings.set(id, meeting);
    }
    return meeting;
  },
  existing: (id) => meetings.get(id),
  async leave(id, userId) {
    const meeting = meetings.get(id);
    if (meeting && (await meeting.leave(userId))) meetings.delete(id);
  },
  async leaveAll(userId) {
    for (const [id, meeting] of meetings) {
      if (meeting.participants.has(userId) && (await meeting.leave(userId).catch(() => false))) meetings.delete(id);
    }
  },
};

app.get('/carbonio/focus-mode/meetings/:id', (req, res) => {
  if (!SAFE_ID.test(req.params.id)) {
    res.status(404).type('text').send('no such meeting\n');
    return;
  }
  const { token } = members.signIn(readCookie(req.headers.cookie, AUTH_COOKIE));
  res.cookie(AUTH_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/' });
  res
    .set('cache-control', 'no-cache')
    .type('html')
    .send(readFileSync(path.join(PAGE_DIR, 'meeting.html'), 'utf8'));
});
app.get('/carbonio/meeting-client.js', (_req, res) => {
  res
    .set('cache-control', 'no-cache')
    .type('js')
    .send(bundlePage(path.join(PAGE_DIR, 'meeting-client.ts')));
});
app.use('/services/chats', meetingRoutes(members, directory));

// the lab asks whether Janus answers and has both plugins, through the one process that may ask it
app.get('/health', async (_req, res) => {
  try {
    const info = (await (await fetch(`${janus}/info`, { signal: AbortSignal.timeout(2000) })).json()) as { plugins?: Record<string, unknown> };
    const plugins = Object.keys(info.plugins ?? {});
    res.json({ janus: true, plugins });
  } catch (error) {
    res.status(503).json({ janus: false, error: (error as Error).message });
  }
});
app.get('/lab/connections', (_req, res) => {
  const live = [...meetings.values()].flatMap((m) => [...m.participants.values()].map((p) => ({ meetingId: m.id, userId: p.user.id, ...p.seen, live: true })));
  res.json([...records.map((r) => ({ ...r, live: false })), ...live]);
});

http.listen(port, host, () => process.stdout.write(`carbonio meeting service on http://${host}:${port}/ (video server ${janus})\n`));

async function stop(): Promise<void> {
  hub.close();
  http.close();
  await Promise.all([...meetings.values()].flatMap((m) => [...m.participants.keys()].map((userId) => m.leave(userId).catch(() => undefined))));
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
