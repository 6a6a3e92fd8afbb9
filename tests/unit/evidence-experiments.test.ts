import { describe, expect, it } from 'vitest';
import {
  coresResult,
  coresSummary,
  memoryResult,
  memorySummary,
  scheduleResult,
  scheduleSummary,
  tilesResult,
  tilesSummary,
  type CoresResult,
} from '../../src/core/experiments.js';
import type { RunRecord, RunSettings } from '../../src/core/record.js';
import { runExperiment } from '../../src/engine/experiments.js';
import { record, scriptedContext } from './evidence-fixtures.js';
import { must } from './reference.js';

/**
 * A scripted machine with `cores` cores and serial fraction `f`: a run with n workers takes
 * 1000 ms × (f + (1 − f)/min(n, cores)), times a factor of `noise`. The factors are listed as
 * rounds of every worker count, 1 … 2·cores (1 2 3 4 1 2 3 4 … on two cores): the k-th run with n
 * workers gets entry k·2·cores + n − 1, whatever order the sweep runs them in.
 */
async function coresOn(cores: number, f: number, noise: readonly number[] = [1]): Promise<CoresResult> {
  let i = 0;
  const seen = new Map<number, number>();
  const runOne = (s: RunSettings): Promise<RunRecord> => {
    const n = Math.min(s.workers, cores);
    const k = seen.get(s.workers) ?? 0;
    seen.set(s.workers, k + 1);
    const factor = noise[(k * 2 * cores + s.workers - 1) % noise.length] ?? 1;
    return Promise.resolve(record(++i, s, 1000 * (f + (1 - f) / n) * factor));
  };
  const ctx = scriptedContext(runOne, { cores });
  const r = await runExperiment('cores', ctx);
  if (r.kind !== 'cores') throw new Error(`expected a cores result, got ${r.kind}`);
  return r;
}

describe('"How many cores?" fits Amdahl’s law only from enough evidence', () => {
  it('two cores cannot fit, and the summary says what they can show', async () => {
    // Four worker counts, repeats interleaved 1 2 3 4 1 2 3 4 …: the 2-worker runs get 0.97, 1.0, 1.02.
    const r = await coresOn(2, 0.05, [1.0, 0.97, 1.0, 1.0, 1.01, 1.0, 1.0, 1.0, 0.99, 1.02, 1.0, 1.0]);
    expect(r.fit).toBeNull();
    expect(r.serialBounds).toBeNull();
    const two = must(r.points[1], 'the 2-worker point');
    expect([two.minMs, two.maxMs, two.runs]).toEqual([525 * 0.97, 525 * 1.02, 3]);
    expect(two.speedupLow).toBeCloseTo((1000 * 0.99) / (525 * 1.02), 12);
    expect(two.speedupHigh).toBeCloseTo((1000 * 1.01) / (525 * 0.97), 12);
    const text = coresSummary(r);
    expect(text).toContain('On 2 workers this ran 1.90× as fast as on one (1.85–1.98× across the repeats)');
    expect(text).toContain('clearly faster than one worker, and short of the ideal 2×');
    expect(text).toContain(
      "Two worker counts cannot separate the serial part from the parallel part: Amdahl's law needs at least three worker counts within the cores (this device reports 2)",
    );
    expect(text).toContain('Beyond 2 workers (the cores this device reports)');
    expect(text).not.toMatch(/0\.0%|unboundedly|serial fraction \d/);
  });

  it('never says "0.0%" or "unboundedly" when two workers look better than ideal', async () => {
    // Superlinear: the old two-point fit clamped to f = 0 and promised unbounded speed.
    const r = await coresOn(2, 0, [1.0, 0.95, 1.1, 1.1, 1.02, 0.96, 1.1, 1.1, 0.98, 0.94, 1.1, 1.1]);
    const text = coresSummary(r);
    expect(r.fit).toBeNull();
    expect(text).not.toMatch(/0\.0%|unbounded/);
    expect(text).toContain('clearly faster than one worker, and beyond the ideal 2×');
  });

  it('two workers that overlap one worker are not called faster', async () => {
    // Nine tenths serial: 2 workers take 950 ms against 1000 ms, less than the runs vary.
    const r = await coresOn(2, 0.9, [1.0, 1.05, 1, 1, 0.95, 1.0, 1, 1, 1.0, 0.98, 1, 1]);
    expect(coresSummary(r)).toContain(': not clearly faster than one worker, because the repeats vary more than that.');
  });

  it('one core: no speedup to measure and nothing to fit', async () => {
    const text = coresSummary(await coresOn(1, 0.1));
    expect(text).toContain('This device reports 1 core, so no two workers run at once here');
    expect(text).not.toContain('serial fraction');
  });

  it.each([0.02, 0.1, 0.3])('with three or more worker counts of exact timings it fits f = %f', async (f) => {
    const r = await coresOn(4, f);
    const fit = must(r.fit, 'a fit');
    expect(fit.serialFraction).toBeCloseTo(f, 9);
    expect(fit.points).toBe(4);
    const b = must(r.serialBounds, 'bounds');
    expect([b.low, b.high].map((x) => x.toFixed(9))).toEqual([f.toFixed(9), f.toFixed(9)]);
    const pct = `${(f * 100).toFixed(1)}%`;
    expect(coresSummary(r)).toContain(
      `Amdahl's law fitted to 1–4 workers: serial fraction ${pct}, so no number of workers could make this more than ${(1 / f).toFixed(1)}× faster.`,
    );
  });

  it('with noisy repeats it gives the range the spread allows, which holds the truth', async () => {
    const noise = [1.0, 1.02, 0.98, 1.01, 1.03, 0.99, 1.0, 0.97, 0.98, 1.01, 1.02, 1.0];
    const r = await coresOn(4, 0.1, [...noise, ...noise.slice(0, 4)]);
    const b = must(r.serialBounds, 'bounds');
    expect(b.low).toBeLessThan(0.1);
    expect(b.high).toBeGreaterThan(0.1);
    expect(coresSummary(r)).toMatch(
      /serial fraction \d+\.\d% \(\d+\.\d%–\d+\.\d% within the spread of the repeats\), so no number of workers/,
    );
  });

  it('a serial fraction the spread cannot resolve is "too small to measure", with a lower bound on the limit', async () => {
    const exact = coresSummary(await coresOn(4, 0));
    expect(exact).toContain('the serial fraction is too small to measure here (below 0.1%), so the speedup limit is at least 1000×');
    const noisy = coresSummary(await coresOn(4, 0.005, [1.0, 1.03, 0.97, 1.02, 0.98, 1.0, 1.03, 0.97, 1.01, 0.98, 1.02, 1.0]));
    expect(noisy).toMatch(/too small to measure here \(below (\d+\.\d)%\), so the speedup limit is at least [\d.]+×/);
    expect(noisy).not.toMatch(/0\.0%|unbounded/);
  });

  it('fits only within the reported cores, however many counts lie beyond', () => {
    const rs = (workers: number, ...walls: number[]) => [workers, walls.map((w, i) => record(i, { workers }, w))] as const;
    const r = coresResult(new Map([rs(1, 100, 102, 101), rs(2, 52, 53, 51), rs(3, 45, 46, 44), rs(4, 40, 41, 39)]), 2);
    expect(r.fit).toBeNull();
    expect(coresResult(new Map([rs(1, 100), rs(2, 52), rs(3, 40)]), 3).fit?.points).toBe(3);
  });
});

describe('other experiments name a winner only from separated repeats', () => {
  const runs = (walls: readonly number[], s: Partial<RunSettings> = {}) => walls.map((w, i) => record(i, s, w));

  it('tile sizes: too close to call when the repeats overlap; the fastest when they do not', () => {
    const close = tilesSummary(
      tilesResult(
        new Map([
          [64, runs([100, 120, 110])],
          [256, runs([105, 125, 115])],
          [1024, runs([300, 310, 305])],
        ]),
      ),
    );
    expect(close).toContain('Too close to call: the runs of 64 px tiles and 256 px tiles vary more than they differ.');
    expect(close).not.toContain('Fastest');
    const apart = tilesSummary(
      tilesResult(
        new Map([
          [64, runs([100, 102, 101])],
          [256, runs([150, 152, 151])],
        ]),
      ),
    );
    expect(apart).toContain('Fastest: 64 px tiles, 1.50× faster than 256 px tiles.');
  });

  it('static vs dynamic scheduling', () => {
    const apart = scheduleResult(
      new Map([
        ['static', runs([200, 204, 202], { schedule: 'static' })],
        ['dynamic', runs([101, 100, 99])],
      ]),
    );
    expect(scheduleSummary(apart)).toContain('Fastest: dynamic scheduling, 2.02× faster than static scheduling.');
    const close = scheduleResult(
      new Map([
        ['static', runs([100, 130, 110], { schedule: 'static' })],
        ['dynamic', runs([105, 125, 100])],
      ]),
    );
    expect(scheduleSummary(close)).toContain('Too close to call');
  });

  it('shared memory vs messages, and nothing to compare without shared memory', () => {
    const both = memoryResult(
      new Map([
        ['shared', runs([100, 101, 99])],
        ['message', runs([100, 98, 102], { memory: 'message' })],
      ]),
    );
    expect(memorySummary(both)).toContain('Too close to call: the runs of shared memory and message passing vary more than they differ.');
    const one = memorySummary(memoryResult(new Map([['message', runs([100, 98, 102], { memory: 'message' })]])));
    expect(one).not.toMatch(/Fastest|Too close|Run each/);
  });
});
