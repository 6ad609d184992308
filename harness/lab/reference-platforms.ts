/**
 * The registry of lab reference platforms: id → the platform and the last octet of its address on the lab
 * bridge (10.99.0.<octet>, 2..19; participants use 20 and up). To add one, add one line.
 */
import { carbonio } from './carbonio/carbonio-platform.ts';
import { coturn } from './coturn.ts';
import { galene } from './galene.ts';
import { janus } from './janus.ts';
import type { ReferencePlatform } from './reference-platform.ts';
import { zimbraP2p } from './zimbra-p2p/zimbra-p2p-platform.ts';

export interface RegisteredPlatform {
  platform: ReferencePlatform;
  octet: number;
}

export const REFERENCE_PLATFORMS: Record<string, RegisteredPlatform> = {
  janus: { platform: janus, octet: 2 },
  galene: { platform: galene, octet: 3 },
  coturn: { platform: coturn, octet: 4 },
  carbonio: { platform: carbonio, octet: 6 },
  'zimbra-p2p': { platform: zimbraP2p, octet: 7 },
};
