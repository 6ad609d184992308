import { describe, expect, it } from 'vitest';
import { scheduleOf, speakingAt, speakingShare } from '../../../../harness/page-scripts/speaking-schedule.ts';

const talkers = (schedule: ReturnType<typeof scheduleOf>, senders: number, ms: number): number[] =>
  Array.from({ length: senders }, (_, i) => i).filter((i) => speakingAt(schedule, i, senders, ms));

describe('speaking schedules', () => {
  it('always: every sender talks', () => {
    expect(talkers(scheduleOf('always'), 4, 12_345)).toEqual([0, 1, 2, 3]);
  });

  it('turns: one sender at a time, in participant order, turns of 5 s by default', () => {
    const turns = scheduleOf('turns');
    expect([0, 4_999, 5_000, 10_000, 15_000, 20_000].map((ms) => talkers(turns, 4, ms))).toEqual([[0], [0], [1], [2], [3], [0]]);
  });

  it('turns: several speakers at a time, wrapping around the senders', () => {
    const pairs = scheduleOf({ pattern: 'turns', turnS: 2, speakers: 2 });
    expect([0, 2_000, 4_000].map((ms) => talkers(pairs, 3, ms))).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it('share: each sender talks about that share of the time, the same way for the same seed', () => {
    const third = scheduleOf({ pattern: 'share', share: 0.3, burstS: 2, seed: 7 });
    const shares = [0, 1, 2, 3, 4, 5].map((sender) => speakingShare(third, sender, 6, 0, 3_600_000));
    for (const share of shares) expect(share).toBeGreaterThan(0.2);
    for (const share of shares) expect(share).toBeLessThan(0.4);
    expect(speakingShare(third, 2, 6, 0, 60_000)).toBe(speakingShare(scheduleOf({ pattern: 'share', share: 0.3, burstS: 2, seed: 7 }), 2, 6, 0, 60_000));
    expect(speakingShare(third, 2, 6, 0, 600_000)).not.toBe(speakingShare(scheduleOf({ pattern: 'share', share: 0.3, burstS: 2, seed: 8 }), 2, 6, 0, 600_000));
  });

  it('says what share of an interval a sender was meant to talk, across a turn boundary', () => {
    const turns = scheduleOf({ pattern: 'turns', turnS: 3, speakers: 1 });
    expect(speakingShare(turns, 0, 4, 2_500, 3_500)).toBe(0.5);
    expect(speakingShare(turns, 1, 4, 3_000, 4_000)).toBe(1);
  });
});
