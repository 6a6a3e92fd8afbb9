import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILTERS, makeSpec } from '../../src/core/filters.js';
import { CostMeter, runSlice } from '../../src/core/idle.js';
import { applyFilter } from '../../src/core/kernels/index.js';
import { wholeImageView } from '../../src/core/kernels/view.js';
import { CTRL, claimTiles, createRunTables, finishedSpans, runTablesBytes } from '../../src/core/run-tables.js';
import { Scratch } from '../../src/core/scratch.js';
import { tileRect } from '../../src/core/tiling.js';
import type { FilterSpec, Rect } from '../../src/core/types.js';
import { randomImage, type Img } from './reference.js';
import { digest, planFor, runMessages, runShared } from './run-helpers.js';

/** Concurrent mode: tiles in idle slices driven by a fake clock and fake deadlines. */
function runConcurrentFake(img: Img, spec: FilterSpec, tileSize: number, sliceMs: number): { out: Uint8Array; slices: number } {
  const tiles = planFor(img, spec, tileSize);
  const dst = new Uint8Array(img.data.length);
  const view = wholeImageView(img.width, img.height, img.data, dst);
  const scratch = new Scratch();
  let clock = 0;
  let next = 0;
  let slices = 0;
  const meter = new CostMeter();
  const step = () => {
    if (next >= tiles.length) return false;
    applyFilter(view, tiles[next++]!.rect, spec, scratch);
    clock += 3; // each tile "costs" 3 ms on the fake clock
    return true;
  };
  while (next < tiles.length) {
    const end = clock + sliceMs;
    runSlice({ timeRemaining: () => Math.max(0, end - clock) }, step, meter, () => clock);
    slices++;
    clock += 16;
  }
  return { out: dst, slices };
}

/** Parallel mode's claim loop on shared tables, lanes taking turns a tile at a time. */
function runLanes(img: Img, spec: FilterSpec, tileSize: number, lanes: number, schedule: 'dynamic' | 'static', region: Rect | null = null): Uint8Array {
  const tiles = planFor(img, spec, tileSize).length;
  const tables = createRunTables(new SharedArrayBuffer(runTablesBytes(tiles)), tiles);
  const dst = new Uint8Array(img.data.length);
  const view = wholeImageView(img.width, img.height, img.data, dst);
  // Lanes with a tiny cap on how far they may run, so their claims interleave.
  const scratches = Array.from({ length: lanes }, () => new Scratch());
  let now = 0;
  for (let lane = 0; lane < lanes; lane++) {
    claimTiles({ view, tileSize, spec, tables, lane, lanes, schedule, region, scratch: scratches[lane]!, now: () => now++ });
  }
  expect(finishedSpans(tables)).toHaveLength(tiles);
  expect(Atomics.load(tables.ctrl, CTRL.DONE)).toBe(tiles);
  return dst;
}

const specArb: fc.Arbitrary<FilterSpec> = fc.oneof(
  ...FILTERS.map((f) =>
    fc.record({ amount: fc.double({ min: 0, max: 3, noNaN: true }), sigma: fc.double({ min: 0.5, max: 9, noNaN: true }), radius: fc.integer({ min: 1, max: 5 }) })
      .map((v) => makeSpec(f.kind, v)),
  ),
);

describe('every mode gives byte-identical output', () => {
  it('random images × filters × tile sizes × worker counts × modes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 1 << 30 }),
        specArb, fc.integer({ min: 16, max: 80 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 1 << 30 }),
        (w, h, seed, spec, tileSize, workers, order) => {
          const img = randomImage(w, h, seed);
          const reference = digest(runShared(img, spec, planFor(img, spec, 1024)));
          const tiles = planFor(img, spec, tileSize);
          // Any order of finishing: lanes may complete tiles in any sequence.
          const shuffled = [...tiles].sort((a, b) => ((a.index * 2654435761 + order) >>> 0) % 97 - ((b.index * 2654435761 + order) >>> 0) % 97);
          expect(digest(runShared(img, spec, tiles))).toBe(reference); // blocking
          expect(digest(runShared(img, spec, shuffled))).toBe(reference);
          expect(digest(runConcurrentFake(img, spec, tileSize, 7).out)).toBe(reference); // concurrent
          expect(digest(runLanes(img, spec, tileSize, workers, 'dynamic'))).toBe(reference); // parallel, shared
          expect(digest(runLanes(img, spec, tileSize, workers, 'static'))).toBe(reference);
          expect(digest(runMessages(img, spec, shuffled))).toBe(reference); // parallel, messages
          // A spotlight: filtered inside the region, the source outside, whatever the lanes.
          const region = { x: order % w, y: (order >> 8) % h, w: 1 + ((order >> 4) % w), h: 1 + ((order >> 12) % h) };
          const whole = runShared(img, spec, planFor(img, spec, 1024));
          const spot = new Uint8Array(img.data);
          for (let y = region.y; y < Math.min(h, region.y + region.h); y++)
            for (let x = region.x; x < Math.min(w, region.x + region.w); x++)
              spot.set(whole.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), (y * w + x) * 4);
          expect(digest(runLanes(img, spec, tileSize, workers, 'static', region))).toBe(digest(spot));
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('idle slices', () => {
  it('stop before the deadline using the measured tile cost, and always make progress', () => {
    const img = randomImage(64, 64, 5);
    const spec: FilterSpec = { kind: 'invert', amount: 1 };
    // 16 tiles of 16 px at 3 fake ms each, 7.5 ms per slice → 2 tiles a slice: a third would
    // need 3 ms plus its margin (3.8 ms) with only 1.5 ms left.
    expect(runConcurrentFake(img, spec, 16, 7.5).slices).toBe(8);
    // 8 ms: after two tiles 2 ms remain, still short of 3.8 ms; 10 ms fits three.
    expect(runConcurrentFake(img, spec, 16, 10).slices).toBe(6);
    // A deadline shorter than one tile still runs one tile per slice.
    expect(runConcurrentFake(img, spec, 16, 1).slices).toBe(16);
  });

  it.each([
    [[10, 10, 10], 10],
    [[4, 20, 4], 18],
    [[], 0],
  ])('cost estimate after %o is %f (mean, or a fading recent worst)', (costs, expected) => {
    const m = new CostMeter();
    for (const c of costs) m.record(c);
    expect(m.estimate).toBeCloseTo(expected, 5);
  });

  it('never lets a slice pass the 50 ms limit when the deadline allows more', () => {
    let clock = 0;
    let ran = 0;
    const meter = new CostMeter();
    const r = runSlice({ timeRemaining: () => 1000 }, () => ((clock += 9), ++ran, true), meter, () => clock);
    expect(r.elapsed).toBeLessThanOrEqual(50);
    // After four tiles (36 ms) a fifth fits: 36 + 9 ms with margin (10.4) ≤ 50; a sixth does not.
    expect(r.tiles).toBe(5);
  });
});

describe('claimTiles', () => {
  it('stops at the cancel flag and records spans for exactly the tiles it did', () => {
    const img = randomImage(100, 100, 9);
    const tiles = 49; // 16 px tiles on 100 px: 7 × 7
    const tables = createRunTables(new SharedArrayBuffer(runTablesBytes(tiles)), tiles);
    const dst = new Uint8Array(img.data.length);
    let calls = 0;
    const done = claimTiles({
      view: wholeImageView(100, 100, img.data, dst), tileSize: 16, spec: { kind: 'sobel' }, tables, lane: 0, lanes: 1,
      schedule: 'dynamic', region: null, scratch: new Scratch(),
      now: () => (++calls === 20 ? (Atomics.store(tables.ctrl, CTRL.CANCEL, 1), calls) : calls),
    });
    expect(done).toBe(10);
    const spans = finishedSpans(tables);
    expect(spans.map((s) => s.tile)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(spans.every((s) => s.end > s.start && s.lane === 0)).toBe(true);
    expect(tileRect(100, 100, 16, 48)).toEqual({ x: 96, y: 96, w: 4, h: 4 });
  });
});
