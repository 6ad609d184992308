/**
 * Access tokens for the lab's LiveKit, minted with LiveKit's own server SDK: one identity in one room, with
 * the grants a meeting participant has (join, publish, subscribe, data). The lab's page server hands them
 * out as LiveKit Meet's /api/connection-details does.
 */
import { AccessToken } from 'livekit-server-sdk';
import type { LivekitKeys } from './livekit-config.ts';

export interface TokenRequest {
  room: string;
  identity: string;
  /** display name, default the identity */
  name?: string;
  canPublish?: boolean;
  /** validity in seconds (negative: already expired, for tests of refusal) */
  ttlS?: number;
}

export function mintRoomToken(keys: LivekitKeys, request: TokenRequest): Promise<string> {
  const token = new AccessToken(keys.apiKey, keys.apiSecret, { identity: request.identity, name: request.name ?? request.identity, ttl: request.ttlS ?? 3600 });
  token.addGrant({ room: request.room, roomJoin: true, canPublish: request.canPublish ?? true, canSubscribe: true, canPublishData: true });
  return token.toJwt();
}
