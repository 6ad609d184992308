/** Zimbra Connect's peer-to-peer groups in the lab: who is told to offer to whom, and the group-size rule. */
import { describe, expect, it } from 'vitest';
import { MeshRooms } from '../../../../../harness/lab/zimbra-p2p/signalling/mesh-rooms.ts';

const peer = (id: string) => ({ id, name: id });

describe('MeshRooms', () => {
  it('gives a newcomer everyone already in the call, to offer a connection to each', () => {
    const rooms = new MeshRooms();
    expect(rooms.join('r', peer('a'))).toEqual({ ok: true, peers: [] });
    expect(rooms.join('r', peer('b'))).toEqual({ ok: true, peers: [peer('a')] });
    expect(rooms.join('r', peer('c'))).toEqual({ ok: true, peers: [peer('a'), peer('b')] });
    expect(rooms.join('other', peer('d'))).toEqual({ ok: true, peers: [] });
  });

  it('refuses the sixth member of a default group with the reason, and lets one in again after a leave', () => {
    const rooms = new MeshRooms();
    for (const id of ['a', 'b', 'c', 'd', 'e']) expect(rooms.join('r', peer(id)).ok).toBe(true);
    const refused = rooms.join('r', peer('f'));
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? '' : refused.reason).toMatch(/at most 5 participants/);
    expect(rooms.leave('r', 'c')).toEqual(['a', 'b', 'd', 'e']);
    expect(rooms.join('r', peer('f')).ok).toBe(true);
  });

  it('keeps the group size the call started with, and relays signals only inside a call', () => {
    const rooms = new MeshRooms();
    rooms.join('r', peer('a'), 2);
    rooms.join('r', peer('b'), 8);
    expect(rooms.join('r', peer('c'), 8).ok).toBe(false);
    rooms.join('s', peer('x'));
    expect(rooms.together('r', 'a', 'b')).toBe(true);
    expect(rooms.together('r', 'a', 'x')).toBe(false);
  });
});
