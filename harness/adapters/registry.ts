/** The adapter registry: an explicit map from id to adapter (no folder scan), typed against the interface. */
import type { PlatformAdapter } from './platform-adapter.ts';
import { galeneAdapter } from './galene/index.ts';
import { janusVideoroomAdapter } from './janus-videoroom/index.ts';

export const ADAPTERS: Record<string, PlatformAdapter> = {
  [janusVideoroomAdapter.id]: janusVideoroomAdapter,
  [galeneAdapter.id]: galeneAdapter,
};
