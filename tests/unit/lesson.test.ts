import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amdahlSpeedup, amdahlTime, fitAmdahl } from '../../src/core/amdahl.js';
import { coresResult, coresSummary } from '../../src/core/experiments.js';
import { idleShare, laneStats } from '../../src/core/lanes.js';
import { countLuma, HISTOGRAM_BINS, summarizeRace } from '../../src/core/race.js';
import type { RunRecord } from '../../src/core/record.js';
import { AUTO_TILE, shareOf } from '../../src/core/tiling.js';
import type { EpochMs } from '../../src/core/types.js';
import { framesDropped } from '../../src/engine/frame-meter.js';
import { decodeState, encodeState, type LabState } from '../../src/ui/url-state.js';
import { at, must, randomImage } from './reference.js';

describe("Amdahl's law", () => {
  it.each([0, 0.02, 0.05, 0.3, 0.9])('the fit recovers a serial fraction of %f from exact timings', (f) => {
    const timings = [1, 2, 3, 4].map((n) => ({ workers: n, ms: 800 * (f + (1 - f) / n) }));
    const fit = must(fitAmdahl(timings), 'a fit');
    expect(fit.serialFraction).toBeCloseTo(f, 9);
    expect(fit.t1).toBeCloseTo(800, 6);
    expect(fit.limit).toBeCloseTo(f === 0 ? Infinity : 1 / f, 6);
    expect(amdahlTime(fit, 2)).toBeCloseTo(at(timings, 1).ms, 6);
  });

  it('recovers it within a point from noisy repeats', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 1 << 30 }), (f, seed) => {
        let s = seed;
        const noise = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.01; // ±0.5%
        const timings = [1, 2, 4, 8].flatMap((n) => [0, 1, 2].map(() => ({ workers: n, ms: 1000 * (f + (1 - f) / n) * (1 + noise()) })));
        expect(Math.abs(must(fitAmdahl(timings), 'a fit').serialFraction - f)).toBeLessThan(0.01);
      }),
    );
  });

  it('needs two worker counts, and never reports a negative or >1 fraction', () => {
    expect(
      fitAmdahl([
        { workers: 2, ms: 5 },
        { workers: 2, ms: 6 },
      ]),
    ).toBeNull();
    // Superlinear: 2 workers more than twice as fast → clamp to f = 0.
    expect(
      must(
        fitAmdahl([
          { workers: 1, ms: 100 },
          { workers: 2, ms: 40 },
        ]),
        'a fit',
      ).serialFraction,
    ).toBe(0);
    // Slower with more workers → f = 1.
    expect(
      must(
        fitAmdahl([
          { workers: 1, ms: 100 },
          { workers: 2, ms: 120 },
        ]),
        'a fit',
      ).serialFraction,
    ).toBe(1);
    expect(amdahlSpeedup({ serialFraction: 0.1, t1: 1, limit: 10, points: 2 }, 1e9)).toBeCloseTo(10, 5);
  });

  it('fits only up to the reported cores, and two of them are too few to fit', () => {
    const rec = (workers: number, wall: number) => ({ outcome: 'done', wallMs: wall, settings: { workers } }) as unknown as RunRecord;
    const byWorkers = new Map([
      [1, [rec(1, 100), rec(1, 102)]],
      [2, [rec(2, 52)]],
      [3, [rec(3, 80)]],
      [4, [rec(4, 90)]],
    ]);
    const r = coresResult(byWorkers, 2);
    expect(r.points.map((p) => p.speedup.toFixed(2))).toEqual(['1.00', '1.94', '1.26', '1.12']);
    expect(r.points.map((p) => [p.minMs, p.maxMs, p.runs])).toEqual([
      [100, 102, 2],
      [52, 52, 1],
      [80, 80, 1],
      [90, 90, 1],
    ]);
    // Two counts fit exactly, so the old summary read "serial fraction 3.0%": noise, not evidence.
    expect(r.fit).toBeNull();
    expect(coresSummary(r)).toMatch(/On 2 workers this ran 1\.94× as fast as on one \(too few repeats.*cannot separate.*Beyond 2 workers/);
    // With four cores the same runs fit, over the four counts within them.
    const four = coresResult(byWorkers, 4);
    expect(must(four.fit, 'a fit').points).toBe(4);
    expect(coresSummary(four)).toMatch(/Amdahl's law fitted to 1–4 workers: serial fraction [\d.]+%/);
  });
});

describe('race experiment counting', () => {
  it.each(['plain', 'atomic'] as const)('%s counting in one thread counts every pixel once', (counting) => {
    const img = randomImage(97, 31, 3);
    const hist = new Uint32Array(new SharedArrayBuffer(HISTOGRAM_BINS * 4));
    const lanes = 3;
    for (let lane = 0; lane < lanes; lane++) {
      const { from, to } = shareOf(97 * 31, lane, lanes);
      countLuma(img.data, from, to, hist, counting);
    }
    const r = summarizeRace(counting, hist, 97 * 31, 1);
    expect(r).toMatchObject({ expected: 3007, counted: 3007, lost: 0 });
  });

  it('lost updates are what the histogram misses', () => {
    const hist = new Uint32Array([5, 0, 2]);
    expect(summarizeRace('plain', hist, 10, 3)).toEqual({ counting: 'plain', expected: 10, counted: 7, lost: 3, ms: 3 });
  });

  it.each([
    [10, 3],
    [7, 7],
    [0, 2],
    [1000, 4],
  ])('contiguous shares of %i items over %i lanes cover each once', (n, lanes) => {
    const seen = new Array(n).fill(0);
    for (let l = 0; l < lanes; l++) {
      const { from, to } = shareOf(n, l, lanes);
      for (let i = from; i < to; i++) seen[i]++;
    }
    expect(seen.every((v) => v === 1)).toBe(true);
  });
});

describe('lanes and frames', () => {
  it('busy and idle time per lane', () => {
    const span = (lane: number, tile: number, start: number, end: number) => ({ lane, tile, start: start as EpochMs, end: end as EpochMs });
    const stats = laneStats([span(0, 0, 0, 40), span(1, 1, 0, 10), span(0, 2, 40, 100)], 2, 100);
    expect(stats).toEqual([
      { lane: 0, tiles: 2, busyMs: 100, idleMs: 0 },
      { lane: 1, tiles: 1, busyMs: 10, idleMs: 90 },
    ]);
    expect(idleShare(stats)).toBeCloseTo(0.45, 9);
  });

  it.each([
    [[16.7, 16.6, 16.7], 0],
    [[16.7, 50, 16.7], 2],
    [[1000], 59],
    [[], 0],
  ])('gaps %o drop %i frames', (gaps, dropped) => {
    expect(framesDropped(gaps)).toBe(dropped);
  });
});

describe('shareable link', () => {
  const states: LabState[] = [
    { filter: { kind: 'median', radius: 5 }, mode: 'concurrent', workers: 3, tileSize: 64, kernel: 'simd', experiment: 'tiles' },
    { filter: { kind: 'sharpen', amount: 2.5, sigma: 1.5 }, mode: 'parallel', workers: 1, tileSize: 1024, kernel: 'js', experiment: null },
    { filter: { kind: 'sobel' }, mode: 'blocking', workers: 4, tileSize: 16, kernel: 'js', experiment: 'race' },
  ];
  it.each(states)('round-trips %o', (s) => {
    expect(decodeState(encodeState(s), 2)).toEqual(s);
  });

  it('falls back to defaults for anything missing or invalid, and clamps numbers', () => {
    const s = decodeState('filter=blur&sigma=999&mode=sideways&workers=99&tile=3&kernel=gpu&experiment=nope', 2);
    expect(s).toEqual({
      filter: { kind: 'blur', sigma: 32 },
      mode: 'parallel',
      workers: 4,
      tileSize: 16,
      kernel: 'simd',
      experiment: null,
    });
    expect(decodeState('', 8)).toMatchObject({ filter: { kind: 'median', radius: 3 }, workers: 8, tileSize: AUTO_TILE, kernel: 'simd' });
    expect(decodeState('kernel=js', 8).kernel).toBe('js');
  });
});
