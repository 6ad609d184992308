/**
 * Which remote feeds the page subscribes to: only those on visible tiles, as Carbonio's grid does
 * (GridMode.tsx and SubscriptionsManager.ts in carbonio-ws-collaboration-ui). Tiles are at least 300 px
 * wide, 16:9, as many as fit the grid; the others are paged and not received. Your own feeds are never
 * subscribed (your camera shows in its own container). A change of the visible set is sent as a diff.
 */
import type { Feed } from './meeting-api.ts';

export const MIN_TILE_WIDTH = 300;

/** tiles of at least 300 px by 9/16 of that which fit a grid of this size (at least one) */
export function tilesThatFit(width: number, height: number): number {
  const columns = Math.max(1, Math.floor(width / MIN_TILE_WIDTH));
  const rows = Math.max(1, Math.floor(height / ((MIN_TILE_WIDTH * 9) / 16)));
  return columns * rows;
}

const key = (f: Feed): string => `${f.userId}/${f.type}`;

/** the first page of the feeds that are on, in the order participants arrived */
export function visibleFeeds(on: Feed[], tiles: number): Feed[] {
  return on.slice(0, tiles);
}

export function diffFeeds(current: Feed[], wanted: Feed[]): { subscribe: Feed[]; unsubscribe: Feed[] } {
  const now = new Set(current.map(key));
  const next = new Set(wanted.map(key));
  return { subscribe: wanted.filter((f) => !now.has(key(f))), unsubscribe: current.filter((f) => !next.has(key(f))) };
}
