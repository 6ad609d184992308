/**
 * The registry of lab reference platforms: id → the platform and the last octet of its address on the lab
 * bridge (10.99.0.<octet>, 2..19; participants use 20 and up). To add one, add one line.
 */
import { coturn } from './coturn.ts';
import { galene } from './galene.ts';
import { janus } from './janus.ts';
import type { ReferencePlatform } from './reference-platform.ts';

export interface RegisteredPlatform {
  platform: ReferencePlatform;
  octet: number;
}

export const REFERENCE_PLATFORMS: Record<string, RegisteredPlatform> = {
  janus: { platform: janus, octet: 2 },
  galene: { platform: galene, octet: 3 },
  coturn: { platform: coturn, octet: 4 },
};
