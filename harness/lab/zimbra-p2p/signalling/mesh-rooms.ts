/**
 * Who is in which call, and the group-size rule of Zimbra Connect 8.8.15's peer-to-peer calls: a group
 * holds at most its configured size (5 by default, Zimbra/adminguide zimbra-connect-guide.adoc,
 * https://github.com/Zimbra/adminguide), and one more is refused with the reason. Pure: the service
 * turns its answers into messages.
 */
import type { PeerSummary } from '../mesh-messages.ts';

export const DEFAULT_GROUP_SIZE = 5;

interface Room {
  groupSize: number;
  peers: Map<string, PeerSummary>;
}

export type JoinAnswer = { ok: true; peers: PeerSummary[] } | { ok: false; reason: string };

export class MeshRooms {
  private readonly rooms = new Map<string, Room>();

  /** the group size of a call is the one its first member came with, as one deployment has one setting */
  join(roomName: string, peer: PeerSummary, groupSize = DEFAULT_GROUP_SIZE): JoinAnswer {
    const room = this.rooms.get(roomName) ?? { groupSize, peers: new Map<string, PeerSummary>() };
    if (room.peers.size >= room.groupSize) {
      return {
        ok: false,
        reason: `the call is full: Zimbra Connect's peer-to-peer groups hold at most ${room.groupSize} participants (every participant sends to every other)`,
      };
    }
    const peers = [...room.peers.values()];
    room.peers.set(peer.id, peer);
    this.rooms.set(roomName, room);
    return { ok: true, peers };
  }

  /** @returns the ids still in the call, who must learn that this peer left */
  leave(roomName: string, id: string): string[] {
    const room = this.rooms.get(roomName);
    if (!room?.peers.delete(id)) return [];
    if (room.peers.size === 0) this.rooms.delete(roomName);
    return [...room.peers.keys()];
  }

  /** both in the same call: signals only go between members of one call */
  together(roomName: string, a: string, b: string): boolean {
    const peers = this.rooms.get(roomName)?.peers;
    return !!peers?.has(a) && !!peers.has(b);
  }
}
