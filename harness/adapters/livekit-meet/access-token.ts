/**
 * A LiveKit access token (JWT, HS256) minted from an API key and secret, as livekit-server-sdk does:
 * iss = API key, sub = identity, `video` grant for one room. Minting per participant gives each bot its
 * own identity (one shared token would make every bot the same participant).
 */
import { createHmac } from 'node:crypto';

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

export interface TokenInput {
  apiKey: string;
  apiSecret: string;
  identity: string;
  name: string;
  room: string;
  canPublish: boolean;
  ttlS?: number;
  nowS?: number;
}

export function mintAccessToken(input: TokenInput): string {
  const now = input.nowS ?? Math.floor(Date.now() / 1000);
  const header = { alg: 'HS256', typ: 'JWT' };
  const payload = {
    iss: input.apiKey,
    sub: input.identity,
    name: input.name,
    nbf: now - 10,
    exp: now + (input.ttlS ?? 600),
    video: { roomJoin: true, room: input.room, canPublish: input.canPublish, canSubscribe: true, canPublishData: true },
  };
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${unsigned}.${createHmac('sha256', input.apiSecret).update(unsigned).digest('base64url')}`;
}
