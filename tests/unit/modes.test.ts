import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILTERS, makeSpec } from '../../src/core/filters.js';
import { CostMeter, MAX_SLICE_MS, runSlice } from '../../src/core/idle.js';
import { wholeImageView } from '../../src/core/kernels/view.js';
import { CTRL, claimTiles, finishedSpans, type RunTables, type Schedule } from '../../src/core/run-tables.js';
import { Scratch } from '../../src/core/scratch.js';
import { countTiles, shareOf, tileRect } from '../../src/core/tiling.js';
import type { FilterSpec, Rect } from '../../src/core/types.js';
import { randomImage } from './reference.js';
import type { KernelChoice } from '../../src/core/kernel-choice.js';
import type { PoolLane } from '../../src/engine/pool.js';
import {
  claimInterleaved,
  digest,
  engineBlocking,
  engineConcurrent,
  inProcessLanes,
  engineMessages,
  engineShared,
  filterWhole,
  spotlight,
  tablesFor,
} from './run-helpers.js';

const specArb: fc.Arbitrary<FilterSpec> = fc.oneof(
  ...FILTERS.map((f) =>
    fc
      .record({
        amount: fc.double({ min: 0, max: 3, noNaN: true }),
        sigma: fc.double({ min: 0.5, max: 9, noNaN: true }),
        radius: fc.integer({ min: 1, max: 5 }),
      })
      .map((v) => makeSpec(f.kind, v)),
  ),
);

/** A spotlight somewhere on (or running off) a w × h image, or none for a whole-image run. */
const regionArb = fc.oneof(
  { arbitrary: fc.constant(null), weight: 2 },
  { arbitrary: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), weight: 1 },
);
const regionOn = (w: number, h: number, r: [number, number, number, number] | null): Rect | null =>
  r && { x: r[0] % w, y: r[1] % h, w: 1 + (r[2] % w), h: 1 + (r[3] % h) };

/** Every tile finished exactly once, each by one lane, and counted once. */
function expectEveryTileOnce(tables: RunTables, tiles: number): void {
  expect(finishedSpans(tables).map((s) => s.tile)).toEqual(Array.from({ length: tiles }, (_, i) => i));
  expect(Atomics.load(tables.ctrl, CTRL.DONE)).toBe(tiles);
}

describe('every mode gives byte-identical output', () => {
  // Images up to 56 px in tiles of 16–40 px: up to 16 tiles, each with neighbours across its
  // halo, which is what an interleaving can break; larger images only cost time.
  it('random images × filters × tile sizes × lane counts × interleavings × modes × kernels', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 56 }),
        fc.integer({ min: 1, max: 56 }),
        fc.integer({ min: 1, max: 1 << 30 }),
        specArb,
        fc.integer({ min: 16, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        regionArb,
        // Which lane claims its next tile at each step, for the shared-memory claim loop.
        fc.array(fc.nat({ max: 3 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<Schedule>('dynamic', 'static'),
        fc.scheduler(),
        // The same run with either kernel: JavaScript or WebAssembly SIMD.
        fc.constantFrom<KernelChoice>('js', 'simd'),
        async (w, h, seed, spec, tileSize, lanes, rawRegion, steps, tilesPerSlice, sharedSchedule, replies, kernel) => {
          const img = randomImage(w, h, seed);
          const region = regionOn(w, h, rawRegion);
          const whole = filterWhole(img, spec);
          const expected = digest(region ? spotlight(img, whole, region) : whole);
          const tiles = countTiles(w, h, tileSize);

          const blocking = engineBlocking(img, spec, tileSize, region, kernel);
          expect(digest(blocking.out)).toBe(expected);
          expectEveryTileOnce(blocking.tables, tiles);

          const concurrent = await engineConcurrent(img, spec, tileSize, tilesPerSlice, region, kernel);
          expect(digest(concurrent.out)).toBe(expected);
          expectEveryTileOnce(concurrent.tables, tiles);
          // The fake deadline allows at most `tilesPerSlice` tiles a slice.
          expect(concurrent.slices).toBeGreaterThanOrEqual(Math.ceil(tiles / tilesPerSlice));

          for (const schedule of ['dynamic', 'static'] as const) {
            const r = claimInterleaved(img, spec, tileSize, lanes, schedule, steps, region, kernel);
            expect(digest(r.out), schedule).toBe(expected);
            expectEveryTileOnce(r.tables, tiles);
            expect(r.claimed.reduce((a, b) => a + b, 0)).toBe(tiles);
            if (schedule === 'static')
              for (const s of finishedSpans(r.tables)) {
                const share = shareOf(tiles, s.lane, lanes);
                expect(s.tile >= share.from && s.tile < share.to, `tile ${s.tile} on lane ${s.lane}`).toBe(true);
              }
          }

          // Replies from the lanes arrive in orders the fast-check scheduler picks.
          const messages = await engineMessages(img, spec, tileSize, lanes, replies, region, inProcessLanes(lanes, replies), kernel);
          expect(digest(messages.out)).toBe(expected);
          expectEveryTileOnce(messages.tables, tiles);

          const shared = await engineShared(img, spec, tileSize, lanes, sharedSchedule, replies, region, kernel);
          expect(digest(shared.out)).toBe(expected);
          expectEveryTileOnce(shared.tables, tiles);
        },
      ),
      { numRuns: 160 },
    );
  }, 60_000);

  it('interleaved lanes really take turns: claims follow the steps, one tile a step', () => {
    const img = randomImage(64, 32, 3); // 16 px tiles: 4 × 2 = 8 tiles
    const spec: FilterSpec = { kind: 'invert', amount: 1 };
    const byStart = (tables: RunTables) =>
      finishedSpans(tables)
        .sort((a, b) => a.start - b.start)
        .map((s) => [s.lane, s.tile]);
    // Dynamic: whichever lane steps takes the counter's next tile.
    const dynamic = claimInterleaved(img, spec, 16, 3, 'dynamic', [2, 0, 0, 1, 2]);
    expect(byStart(dynamic.tables).slice(0, 5)).toEqual([
      [2, 0],
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 4],
    ]);
    // Static: each lane walks its own block (lane 0: tiles 0–3, lane 1: 4–7), whatever the turns.
    const fixed = claimInterleaved(img, spec, 16, 2, 'static', [1, 1, 0, 1, 0]);
    expect(byStart(fixed.tables).slice(0, 5)).toEqual([
      [1, 4],
      [1, 5],
      [0, 0],
      [1, 6],
      [0, 1],
    ]);
    expect(fixed.claimed).toEqual([4, 4]);
  });
});

/** Slices `runSlice` takes for `tiles` tiles of 3 fake ms each, given `sliceMs` of idle time a slice. */
function slicesFor(tiles: number, sliceMs: number): number {
  let clock = 0;
  let left = tiles;
  let slices = 0;
  const meter = new CostMeter();
  const step = (): boolean => {
    if (left === 0) return false;
    left--;
    clock += 3;
    return true;
  };
  while (left > 0) {
    const end = clock + sliceMs;
    runSlice({ timeRemaining: () => Math.max(0, end - clock) }, step, meter, () => clock);
    slices++;
    clock += 16; // the page's turn between idle periods
  }
  return slices;
}

describe('idle slices', () => {
  it('stop before the deadline using the measured tile cost, and always make progress', () => {
    // 16 tiles at 3 fake ms each, 7.5 ms per slice → 2 tiles a slice: a third would need 3 ms
    // plus its margin (3.8 ms) with only 1.5 ms left.
    expect(slicesFor(16, 7.5)).toBe(8);
    // 8 ms: after two tiles 2 ms remain, still short of 3.8 ms; 10 ms fits three.
    expect(slicesFor(16, 10)).toBe(6);
    // A deadline shorter than one tile still runs one tile per slice.
    expect(slicesFor(16, 1)).toBe(16);
  });

  it('the engine’s concurrent runner gives each slice only what its deadline allows', async () => {
    const img = randomImage(64, 64, 5); // 16 tiles of 16 px
    const spec: FilterSpec = { kind: 'invert', amount: 1 };
    const r = await engineConcurrent(img, spec, 16, 3);
    expect(r.cancelled).toBe(false);
    expect(digest(r.out)).toBe(digest(filterWhole(img, spec)));
    // At most 3 tiles a slice: at least 6 slices (more only if a slice hit the 50 ms limit).
    expect(r.slices).toBeGreaterThanOrEqual(6);
    expect(r.slices).toBeLessThanOrEqual(16);
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

  it('never lets a slice pass its limit (45 ms, so the task stays within 50) when the deadline allows more', () => {
    let clock = 0;
    let ran = 0;
    const meter = new CostMeter();
    const r = runSlice(
      { timeRemaining: () => 1000 },
      () => ((clock += 9), ++ran, true),
      meter,
      () => clock,
    );
    expect(MAX_SLICE_MS).toBe(45);
    expect(r.elapsed).toBeLessThanOrEqual(MAX_SLICE_MS);
    expect(ran).toBe(r.tiles); // every step it ran is counted as a tile
    // After four tiles (36 ms) a fifth does not fit: 36 + 9 ms with margin (10.4) > 45.
    expect(r.tiles).toBe(4);
  });
});

describe('claimTiles', () => {
  it('stops at the cancel flag and records spans for exactly the tiles it did', () => {
    const img = randomImage(100, 100, 9);
    const spec: FilterSpec = { kind: 'sobel' };
    const tiles = 49; // 16 px tiles on 100 px: 7 × 7
    const tables = tablesFor(tiles);
    const dst = new Uint8Array(img.data.length);
    let calls = 0;
    const done = claimTiles({
      view: wholeImageView(100, 100, img.data, dst),
      tileSize: 16,
      spec,
      tables,
      lane: 0,
      lanes: 1,
      schedule: 'dynamic',
      region: null,
      scratch: new Scratch(),
      // Two clock readings a tile: the 20th ends tile 9, and cancels the run as it does.
      now: () => (++calls === 20 ? (Atomics.store(tables.ctrl, CTRL.CANCEL, 1), calls) : calls),
    });
    expect(done).toBe(10);
    expect(Atomics.load(tables.ctrl, CTRL.DONE)).toBe(10);
    const spans = finishedSpans(tables);
    expect(spans.map((s) => s.tile)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(spans.every((s) => s.end > s.start && s.lane === 0)).toBe(true);
    // The tiles it recorded are filtered; every other tile is untouched.
    const whole = filterWhole(img, spec);
    const pixelsOf = (data: Uint8Array, r: Rect): number[] => {
      const out: number[] = [];
      for (let y = r.y; y < r.y + r.h; y++) out.push(...data.subarray((y * 100 + r.x) * 4, (y * 100 + r.x + r.w) * 4));
      return out;
    };
    for (let tile = 0; tile < tiles; tile++) {
      const rect = tileRect(100, 100, 16, tile);
      const expected = tile < 10 ? pixelsOf(whole, rect) : new Array<number>(rect.w * rect.h * 4).fill(0);
      expect(pixelsOf(dst, rect), `tile ${tile}`).toEqual(expected);
    }
  });
});

describe('message passing', () => {
  it('a reply the page cannot use fails the run, instead of handing the tile round for ever', async () => {
    const img = randomImage(64, 48, 5);
    const [good, bad] = inProcessLanes(2);
    if (!good || !bad) throw new Error('two lanes expected');
    // A lane whose worker answers with no pixels: not a worker failure, a broken reply.
    const broken = {
      ...bad,
      api: { ...bad.api, runTile: () => Promise.resolve({ pixels: null, start: 0, end: 0 }) },
    } as unknown as PoolLane;
    await expect(engineMessages(img, { kind: 'sobel' }, 16, 2, undefined, null, [good, broken])).rejects.toThrow(TypeError);
  });
});
