/**
 * Carbonio replica, server side, as the published client talks to Carbonio (carbonio-ws-collaboration-ui
 * read on 2026-12-03; https://github.com/zextras/carbonio-ws-collaboration-ui): the login page
 * (/static/login/, credentials checked against MB_REPLICA_CARBONIO_USER / MB_REPLICA_CARBONIO_PASSWORD);
 * guest accounts (POST /zx/auth/v3/guests?name=…, cookies ZM_AUTH_TOKEN and ZX_AUTH_TOKEN); the meeting
 * page at /carbonio/focus-mode/meetings/<id> (the guest card without a session); POST meetings/<id>/join
 * answering ACCEPTED to members and WAITING to guests, who wait in the waiting room until a moderator
 * accepts them. The replica has no moderator of its own: it stands in for one and accepts each guest a
 * second later (Carbonio: POST meetings/<id>/queue/<userId> {status: ACCEPTED}); the page learns it by
 * polling, where Carbonio pushes an event on its WebSocket. A meeting id ending in "-fr" shows the French labels.
 */
import { randomBytes } from 'node:crypto';
import type { ReplicaRequest } from '../replica-server.ts';

interface Session {
  name: string;
  guest: boolean;
}

const sessions = new Map<string, Session>();
/** guest name → status, per meeting */
const queue = new Map<string, 'WAITING' | 'ACCEPTED'>();
const MODERATOR_DELAY_MS = 1000;

function setCookies(r: ReplicaRequest, cookies: Record<string, string>, body: unknown): void {
  const headers = Object.entries(cookies).map(([k, v]) => `${k}=${v}; Path=/; HttpOnly; SameSite=Lax`);
  r.res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': headers }).end(JSON.stringify(body));
}

export async function handleCarbonio(r: ReplicaRequest): Promise<void> {
  const p = r.url.pathname;
  const session = sessions.get(r.cookie('ZM_AUTH_TOKEN') ?? '');
  if (p === '/static/login/' && r.req.method === 'GET') return r.sendPage('login.html');
  if (p === '/static/login/' && r.req.method === 'POST') {
    const body = JSON.parse((await r.body()) || '{}') as { username?: string; password?: string };
    const ok =
      !!process.env.MB_REPLICA_CARBONIO_USER &&
      body.username === process.env.MB_REPLICA_CARBONIO_USER &&
      body.password === process.env.MB_REPLICA_CARBONIO_PASSWORD;
    if (!ok) return r.json(401, { error: 'authentication failed' });
    const token = randomBytes(12).toString('hex');
    sessions.set(token, { name: body.username!, guest: false });
    return setCookies(r, { ZM_AUTH_TOKEN: token }, { ok: true });
  }
  if (p === '/zx/auth/v3/guests' && r.req.method === 'POST') {
    const name = (r.url.searchParams.get('name') ?? '').trim().slice(0, 64);
    if (!name) return r.json(400, { error: 'a guest needs a name' });
    const zmToken = randomBytes(12).toString('hex');
    sessions.set(zmToken, { name, guest: true });
    return setCookies(r, { ZM_AUTH_TOKEN: zmToken, ZX_AUTH_TOKEN: randomBytes(12).toString('hex') }, { zmToken });
  }
  // the meeting page: members straight to the access page, visitors without a session to the guest card
  if (/^\/carbonio\/focus-mode\/meetings\/[^/]+$/.test(p)) return r.sendPage('index.html');
  if (p === '/services/chats/auth/me') return session ? r.json(200, session) : r.json(401, {});
  const publicMeeting = /^\/services\/chats\/public\/meetings\/([^/]+)$/.exec(p);
  if (publicMeeting) return r.json(200, { id: publicMeeting[1], name: `Meeting ${decodeURIComponent(publicMeeting[1]!)}` });
  const join = /^\/services\/chats\/meetings\/([^/]+)\/join$/.exec(p);
  if (join && r.req.method === 'POST') {
    if (!session) return r.json(401, { error: 'not authenticated' });
    if (!session.guest) return r.json(200, { status: 'ACCEPTED' });
    const key = `${join[1]}/${session.name}`;
    if (queue.get(key) === 'ACCEPTED') return r.json(200, { status: 'ACCEPTED' });
    queue.set(key, 'WAITING');
    setTimeout(() => queue.set(key, 'ACCEPTED'), MODERATOR_DELAY_MS).unref();
    return r.json(200, { status: 'WAITING' });
  }
  const waiting = /^\/services\/chats\/meetings\/([^/]+)\/queue\/me$/.exec(p);
  if (waiting) return session ? r.json(200, { status: queue.get(`${waiting[1]}/${session.name}`) ?? 'NONE' }) : r.json(401, {});
  r.res.writeHead(404).end();
}
