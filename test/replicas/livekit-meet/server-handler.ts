/**
 * LiveKit Meet replica, server side: /rooms/<room> and /custom serve the client; /api/connection-details
 * mints a token (as Meet's route.ts does, identity <name>__<postfix>); /rtc/validate checks a token's HS256
 * signature, expiry and grant with MB_REPLICA_LIVEKIT_KEY / MB_REPLICA_LIVEKIT_SECRET, as a LiveKit server
 * does before a client connects.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ReplicaRequest } from '../replica-server.ts';

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

function sign(payload: object, secret: string): string {
  const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export function verifyToken(
  token: string,
  apiKey: string,
  secret: string,
  nowS = Math.floor(Date.now() / 1000),
): { ok: true; room: string; identity: string } | { ok: false; reason: string } {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return { ok: false, reason: 'malformed token' };
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid signature' };
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    iss?: string;
    sub?: string;
    exp?: number;
    nbf?: number;
    video?: { roomJoin?: boolean; room?: string };
  };
  if (claims.iss !== apiKey) return { ok: false, reason: 'unknown API key' };
  if (!claims.exp || claims.exp < nowS || (claims.nbf ?? 0) > nowS + 5) return { ok: false, reason: 'token expired or not yet valid' };
  if (!claims.video?.roomJoin || !claims.video.room || !claims.sub) return { ok: false, reason: 'no roomJoin grant' };
  return { ok: true, room: claims.video.room, identity: claims.sub };
}

export function handleLivekit(r: ReplicaRequest): void {
  const p = r.url.pathname;
  const key = process.env.MB_REPLICA_LIVEKIT_KEY ?? '';
  const secret = process.env.MB_REPLICA_LIVEKIT_SECRET ?? '';
  if (/^\/rooms\/[^/]+$/.test(p) || p === '/custom') return r.sendPage('index.html');
  if (p === '/api/connection-details') {
    const roomName = r.url.searchParams.get('roomName');
    const participantName = r.url.searchParams.get('participantName');
    if (!roomName || !participantName) return r.json(400, { error: 'Missing required query parameter: roomName and participantName are required' });
    const identity = `${participantName}__${randomBytes(2).toString('hex')}`;
    const now = Math.floor(Date.now() / 1000);
    const participantToken = sign(
      {
        iss: key,
        sub: identity,
        name: participantName,
        nbf: now,
        exp: now + 300,
        video: { room: roomName, roomJoin: true, canPublish: true, canPublishData: true, canSubscribe: true },
      },
      secret,
    );
    return r.json(200, { serverUrl: `ws://${r.req.headers.host}`, roomName, participantToken, participantName });
  }
  if (p === '/rtc/validate') {
    const result = verifyToken(r.url.searchParams.get('access_token') ?? '', key, secret);
    return result.ok ? r.json(200, result) : r.json(401, { error: result.reason });
  }
  r.res.writeHead(404).end();
}
