import type { Span } from './types.js';

/** A place on the timeline: a lane, and a tile's position in that lane in time order. */
export interface Cursor {
  readonly lane: number;
  readonly pos: number;
}

/** For each lane, the indices of its spans in `spans`, earliest first. */
export function laneOrder(spans: readonly Span[], lanes: number): number[][] {
  const out: number[][] = Array.from({ length: lanes }, () => []);
  spans.forEach((s, i) => out[s.lane]?.push(i));
  for (const l of out) l.sort((a, b) => (spans[a]?.start ?? 0) - (spans[b]?.start ?? 0));
  return out;
}

/** The first tile of the first lane that has one; null for no tiles at all. */
export function firstCursor(order: readonly (readonly number[])[]): Cursor | null {
  const lane = order.findIndex((l) => l.length > 0);
  return lane < 0 ? null : { lane, pos: 0 };
}

export type NavKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';
export const NAV_KEYS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];

/**
 * Where a key moves the cursor: left and right to the previous and next tile in time along the
 * lane, Home and End to the lane's first and last, up and down to the nearest lane that has
 * tiles, on the tile that started closest in time. At an edge it stays put.
 */
export function moveCursor(order: readonly (readonly number[])[], spans: readonly Span[], at: Cursor, key: NavKey): Cursor {
  const lane = order[at.lane] ?? [];
  switch (key) {
    case 'ArrowLeft':
      return { lane: at.lane, pos: Math.max(0, at.pos - 1) };
    case 'ArrowRight':
      return { lane: at.lane, pos: Math.min(lane.length - 1, at.pos + 1) };
    case 'Home':
      return { lane: at.lane, pos: 0 };
    case 'End':
      return { lane: at.lane, pos: lane.length - 1 };
    case 'ArrowUp':
    case 'ArrowDown': {
      const step = key === 'ArrowUp' ? -1 : 1;
      let next = at.lane + step;
      while (next >= 0 && next < order.length && !order[next]?.length) next += step;
      const target = order[next];
      if (!target?.length) return at;
      const start = spans[lane[at.pos] ?? -1]?.start ?? 0;
      let best = 0;
      target.forEach((i, p) => {
        const d = Math.abs((spans[i]?.start ?? 0) - start);
        if (d < Math.abs((spans[target[best] ?? -1]?.start ?? 0) - start)) best = p;
      });
      return { lane: next, pos: best };
    }
  }
}
