/** The order of joins: index order by default, room by room for a platform of fixed-size rooms (1:1 calls). */
import { describe, expect, it } from 'vitest';
import { joinSlot } from '../../../../harness/runner/join-order.ts';

describe('joinSlot', () => {
  it('keeps index order when rooms take any number', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => joinSlot(i, 3, undefined))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("joins each 1:1 call's two members one after the other, the rooms unchanged (i in room i mod 3)", () => {
    // rooms: 0,1,2,0,1,2 → room 0 gets indexes 0 and 3, which now join at slots 0 and 1
    const slots = [0, 1, 2, 3, 4, 5].map((i) => joinSlot(i, 3, 2));
    expect(slots).toEqual([0, 2, 4, 1, 3, 5]);
    // every slot used once: nobody joins at the same moment as another, nobody is left out
    expect([...slots].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
