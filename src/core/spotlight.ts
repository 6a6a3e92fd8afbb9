import type { Rect } from './types.js';

/** The smallest spotlight side, in image pixels: what a drag must cover before it counts. */
export const MIN_SPOT = 4;

export type SpotKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

const STEPS: Readonly<Record<SpotKey, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export const isSpotKey = (key: string): key is SpotKey => Object.hasOwn(STEPS, key);

/** One key press's step: a fortieth of the photo's longer side, so forty presses cross it whatever its size. */
export const spotStep = (size: { width: number; height: number }): number =>
  Math.max(1, Math.round(Math.max(size.width, size.height) / 40));

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * The spotlight after one arrow key: moved by `step` image pixels, or with `resize` grown
 * (right, down) or shrunk (left, up) from its top-left corner; always inside the photo and at
 * least MIN_SPOT (or the photo, when smaller) on each side.
 */
export function nudgeSpot(r: Rect, key: SpotKey, step: number, size: { width: number; height: number }, resize: boolean): Rect {
  const [dx, dy] = STEPS[key];
  const minW = Math.min(MIN_SPOT, size.width);
  const minH = Math.min(MIN_SPOT, size.height);
  const w = clamp(r.w, minW, size.width);
  const h = clamp(r.h, minH, size.height);
  const x = clamp(r.x, 0, size.width - w);
  const y = clamp(r.y, 0, size.height - h);
  if (resize) return { x, y, w: clamp(w + dx * step, minW, size.width - x), h: clamp(h + dy * step, minH, size.height - y) };
  return { x: clamp(x + dx * step, 0, size.width - w), y: clamp(y + dy * step, 0, size.height - h), w, h };
}

/** The spotlight in words, for the page and for a screen reader. */
export const spotText = (r: Rect): string => `Spotlight ${r.w} × ${r.h} px at ${r.x}, ${r.y}.`;
