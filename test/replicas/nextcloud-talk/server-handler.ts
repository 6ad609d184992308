/**
 * Nextcloud Talk replica, server side: /index.php/call/<token> and /call/<token> serve the Talk client; the
 * core login page (/login, /index.php/login) and a session cookie checked against MB_REPLICA_NC_USER /
 * MB_REPLICA_NC_PASSWORD; /ocs/v2.php/cloud/user says who is logged in (401 for guests).
 */
import { randomBytes } from 'node:crypto';
import type { ReplicaRequest } from '../replica-server.ts';

const sessions = new Map<string, string>();

export async function handleNextcloud(r: ReplicaRequest): Promise<void> {
  const p = r.url.pathname.replace(/^\/index\.php/, '');
  if (/^\/call\/[A-Za-z0-9]+$/.test(p)) return r.sendPage('index.html');
  if (p === '/login' && r.req.method === 'GET') return r.sendPage('login.html');
  if (p === '/login' && r.req.method === 'POST') {
    const form = new URLSearchParams(await r.body());
    const ok =
      !!process.env.MB_REPLICA_NC_USER && form.get('user') === process.env.MB_REPLICA_NC_USER && form.get('password') === process.env.MB_REPLICA_NC_PASSWORD;
    if (!ok) {
      r.res.writeHead(303, { location: `/index.php/login?direct=1&user=&redirect_url=${encodeURIComponent(form.get('redirect_url') ?? '')}&error=1` }).end();
      return;
    }
    const session = randomBytes(12).toString('hex');
    sessions.set(session, form.get('user')!);
    const target = (form.get('redirect_url') ?? '/').startsWith('/') ? form.get('redirect_url')! : '/';
    r.res.writeHead(303, { location: target, 'set-cookie': `nc_session_id=${session}; Path=/; HttpOnly; SameSite=Lax` }).end();
    return;
  }
  if (r.url.pathname === '/ocs/v2.php/cloud/user') {
    const user = sessions.get(r.cookie('nc_session_id') ?? '');
    return r.json(user ? 200 : 401, user ? { ocs: { data: { id: user, 'display-name': user } } } : { ocs: { meta: { status: 'failure' } } });
  }
  r.res.writeHead(404).end();
}
