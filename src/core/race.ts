/**
 * The race-condition experiment: every worker counts the luma histogram of its share of the
 * pixels into one shared table. A plain `h[v]++` is a load, an add and a store, so two threads
 * that hit the same bin at once can both store the same count and one update is lost;
 * `Atomics.add` makes the three one indivisible step.
 */
export type Counting = 'plain' | 'atomic';

export const HISTOGRAM_BINS = 256;

/** Luma bin of an RGBA pixel, integer Rec. 709 weights (sum 256). */
const bin = (r: number, g: number, b: number): number => (54 * r + 183 * g + 19 * b) >> 8;

/** Pixels [from, to) of `rgba` counted into `hist`. */
export function countLuma(rgba: Uint8Array, from: number, to: number, hist: Uint32Array, counting: Counting): void {
  if (counting === 'atomic') {
    for (let p = from * 4, end = to * 4; p < end; p += 4) Atomics.add(hist, bin(rgba[p] ?? 0, rgba[p + 1] ?? 0, rgba[p + 2] ?? 0), 1);
  } else {
    for (let p = from * 4, end = to * 4; p < end; p += 4) {
      // Read, add, write: three steps another worker can interleave with. That is the lesson.
      const i = bin(rgba[p] ?? 0, rgba[p + 1] ?? 0, rgba[p + 2] ?? 0);
      hist[i] = (hist[i] ?? 0) + 1;
    }
  }
}

export interface RaceResult {
  readonly counting: Counting;
  readonly expected: number;
  readonly counted: number;
  readonly lost: number;
  readonly ms: number;
}

export function summarizeRace(counting: Counting, hist: Uint32Array, expected: number, ms: number): RaceResult {
  let counted = 0;
  for (const n of hist) counted += n;
  return { counting, expected, counted, lost: expected - counted, ms };
}
