/**
 * The registry of lab reference platforms: id → the platform, the last octet of its address on the lab
 * bridge (10.99.0.<octet>, 2..19; participants use 20 and up), and the lab services it needs running first.
 * To add one, add one line.
 */
import { carbonio } from './carbonio/carbonio-platform.ts';
import { coturn } from './coturn.ts';
import { galene } from './galene.ts';
import { janus } from './janus.ts';
import { livekit } from './livekit/livekit.ts';
import type { ReferencePlatform } from './reference-platform.ts';
import { zimbraP2p } from './zimbra-p2p/zimbra-p2p-platform.ts';

export interface RegisteredPlatform {
  platform: ReferencePlatform;
  octet: number;
  /** lab platforms started before this one whenever it is asked for (LiveKit hands coturn to its clients) */
  requires?: string[];
}

export const REFERENCE_PLATFORMS: Record<string, RegisteredPlatform> = {
  janus: { platform: janus, octet: 2 },
  galene: { platform: galene, octet: 3 },
  coturn: { platform: coturn, octet: 4 },
  livekit: { platform: livekit, octet: 5, requires: ['coturn'] },
  carbonio: { platform: carbonio, octet: 6 },
  'zimbra-p2p': { platform: zimbraP2p, octet: 7 },
};

/** The platforms to start for `ids`: each one's requirements first, every platform once, in that order. */
export function withRequirements(ids: string[]): string[] {
  const ordered: string[] = [];
  const add = (id: string): void => {
    if (ordered.includes(id)) return;
    for (const required of REFERENCE_PLATFORMS[id]?.requires ?? []) add(required);
    ordered.push(id);
  };
  ids.forEach(add);
  return ordered;
}
