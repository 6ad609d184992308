/**
 * The lab's mesh signalling, between a call page and the signalling service (shared by both, no imports).
 * Zimbra Connect's own signalling (over its WebSocket to the mailbox server) is closed source: this is
 * only what a mesh call needs, so that the media, which is what the lab measures, go as they did.
 */
export interface PeerSummary {
  id: string;
  name: string;
}

export type SignalData = { sdp: RTCSessionDescriptionInit } | { candidate: RTCIceCandidateInit | null };

export type ToService = { type: 'join'; room: string; name: string; groupSize: number } | { type: 'signal'; to: string; data: SignalData };

export type ToPage =
  /** in the call: offer a connection to each of these peers (they wait for the newcomer's offers) */
  | { type: 'joined'; id: string; peers: PeerSummary[] }
  | { type: 'refused'; reason: string }
  | { type: 'peer-joined'; peer: PeerSummary }
  | { type: 'peer-left'; id: string }
  | { type: 'signal'; from: string; data: SignalData };
