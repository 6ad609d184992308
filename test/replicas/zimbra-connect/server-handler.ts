/**
 * Carbonio replica, server side: the login page (/static/login/) with credentials checked against
 * MB_REPLICA_CARBONIO_USER / MB_REPLICA_CARBONIO_PASSWORD, the ZM_AUTH_TOKEN cookie, the meeting page
 * (/carbonio/focus-mode/meetings/<id>, redirected to the login page without a session), and the meeting
 * REST call POST /services/chats/meetings/<id>/join answering ACCEPTED.
 */
import { randomBytes } from 'node:crypto';
import type { ReplicaRequest } from '../replica-server.ts';

const sessions = new Map<string, string>();

export async function handleCarbonio(r: ReplicaRequest): Promise<void> {
  const p = r.url.pathname;
  const user = sessions.get(r.cookie('ZM_AUTH_TOKEN') ?? '');
  if (p === '/static/login/' && r.req.method === 'GET') return r.sendPage('login.html');
  if (p === '/static/login/' && r.req.method === 'POST') {
    const body = JSON.parse((await r.body()) || '{}') as { username?: string; password?: string };
    const ok = !!process.env.MB_REPLICA_CARBONIO_USER && body.username === process.env.MB_REPLICA_CARBONIO_USER && body.password === process.env.MB_REPLICA_CARBONIO_PASSWORD;
    if (!ok) return r.json(401, { error: 'authentication failed' });
    const token = randomBytes(12).toString('hex');
    sessions.set(token, body.username!);
    r.res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': `ZM_AUTH_TOKEN=${token}; Path=/; HttpOnly; SameSite=Lax` }).end('{"ok":true}');
    return;
  }
  if (/^\/carbonio\/focus-mode\/meetings\/[^/]+$/.test(p)) {
    if (!user) {
      r.res.writeHead(302, { location: `/static/login/?destinationUrl=${encodeURIComponent(r.url.href)}` }).end();
      return;
    }
    return r.sendPage('index.html');
  }
  const join = /^\/services\/chats\/meetings\/([^/]+)\/join$/.exec(p);
  if (join && r.req.method === 'POST') return user ? r.json(200, { status: 'ACCEPTED' }) : r.json(401, { error: 'not authenticated' });
  if (p === '/services/chats/auth/me') return user ? r.json(200, { name: user }) : r.json(401, {});
  r.res.writeHead(404).end();
}
