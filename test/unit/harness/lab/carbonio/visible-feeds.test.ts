/** Which remote feeds the Carbonio reconstruction subscribes to: visible tiles only, sent as a diff. */
import { describe, expect, it } from 'vitest';
import { diffFeeds, tilesThatFit, visibleFeeds } from '../../../../../harness/lab/carbonio/page/visible-feeds.ts';

const feed = (userId: string, type: 'video' | 'screen' = 'video') => ({ userId, type });

describe('visible tiles', () => {
  it('fits as many 300-px 16:9 tiles as the grid holds, at least one', () => {
    expect(tilesThatFit(800, 544)).toBe(6);
    expect(tilesThatFit(1920, 1024)).toBe(36);
    expect(tilesThatFit(200, 100)).toBe(1);
  });

  it('subscribes to the first page of feeds only', () => {
    const on = ['a', 'b', 'c', 'd'].map((u) => feed(u));
    expect(visibleFeeds(on, 3).map((f) => f.userId)).toEqual(['a', 'b', 'c']);
  });

  it('sends what changed: new feeds to subscribe, gone ones to unsubscribe, a camera and a screen apart', () => {
    expect(diffFeeds([feed('a'), feed('b')], [feed('b'), feed('b', 'screen'), feed('c')])).toEqual({
      subscribe: [feed('b', 'screen'), feed('c')],
      unsubscribe: [feed('a')],
    });
    expect(diffFeeds([feed('a')], [feed('a')])).toEqual({ subscribe: [], unsubscribe: [] });
  });
});
