/**
 * Jitsi Meet replica, server side: every path is the single-page client (Jitsi's nginx does the same for
 * /<room>); rooms named locked* ask for the password in MB_REPLICA_JITSI_PASSWORD, checked here.
 */
import type { ReplicaRequest } from '../replica-server.ts';

export function handleJitsi(r: ReplicaRequest): void {
  if (r.url.pathname === '/_replica/check-password') {
    const expected = process.env.MB_REPLICA_JITSI_PASSWORD;
    const ok = expected !== undefined && r.url.searchParams.get('password') === expected;
    r.json(ok ? 200 : 403, { ok });
    return;
  }
  r.sendPage('index.html');
}
