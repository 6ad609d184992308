/**
 * Every peer connection of Carbonio's client is made from one configuration (PeerConnConfig.ts in
 * carbonio-ws-collaboration-ui): no ICE servers unless the meeting service hands out TURN credentials,
 * and the browser's default 'balanced' bundle policy. The lab has no TURN for it: the list stays empty.
 */
export const PEER_CONFIG: RTCConfiguration = { iceServers: [], bundlePolicy: 'balanced' };
