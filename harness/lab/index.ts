/**
 * The lab's public API: bring the lab up and down, participant namespaces, kernel counters, cleanup hooks.
 * See docs/architecture.md (folders, and "Measured on these machines") for why it is built from namespaces and a bridge.
 */
export { labUp, labDown, labDownSync, labStatus, type LabUpOptions, type LabUpResult, type LabDownResult, type LabStatus } from './lab.ts';
export { createParticipantNamespace, removeParticipantNamespace, DEFAULT_CHROMIUM, type ParticipantNamespace } from './participant-namespace.ts';
export { readInterfaceCounters, readParticipantCounters, kbps, type InterfaceCounters } from './interface-counters.ts';
export { installCleanupHandlers, cleanupOwnedSync } from './cleanup-handlers.ts';
export { reapStale } from './reap.ts';
export type { ReapResult } from './teardown.ts';
export { REFERENCE_PLATFORMS, type RegisteredPlatform } from './reference-platforms.ts';
export { BRIDGE, BRIDGE_ADDRESS, SUBNET_PREFIX, participantNames, platformNames } from './lab-names.ts';
export { isRoot, requireRoot } from '../system/require-root.ts';
export type { LabState, RoomPlan, ParticipantRecord, PlatformRecord } from './lab-state.ts';
export type { ReferencePlatform, LabHost, ReferencePlatformEndpoints } from './reference-platform.ts';
export { claimParticipantNamespace } from './claim-namespace.ts';
export { labTurnServer } from './coturn.ts';
export type { TurnServerConfig } from './coturn-config.ts';
export { removeNamespaceSync } from './lab-network.ts';
export { probeFakeMedia } from './fake-media-probe.ts';
export { JANUS_DEMOS, janus } from './janus.ts';
