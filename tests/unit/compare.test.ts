import { describe, expect, it } from 'vitest';
import { compareConfigs, compareSummary, compareVerdicts, COMPARE_ROUNDS, type CompareResult } from '../../src/core/compare.js';
import { MODES } from '../../src/core/modes.js';
import { runLabel, type RunRecord, type RunSettings } from '../../src/core/record.js';
import { autoTileSize, countTiles, MIN_TILES_PER_WORKER, resolveTileSize, AUTO_TILE, TILE_SIZES } from '../../src/core/tiling.js';
import { runCompare } from '../../src/engine/experiments.js';
import { record, scriptedContext } from './evidence-fixtures.js';

/** Frame gaps of a quiet idle page: one a frame. */
const QUIET = Array.from({ length: 60 }, () => 1000 / 60);

/**
 * Run the real comparison against a scripted machine: `wallOf` gives each run's wall time from its
 * settings and which of its configuration's rounds it is (0: the warm-up), the tests' clock;
 * `gapOf` its longest wait for a frame.
 */
async function compareOn(
  wallOf: (s: RunSettings, round: number) => number,
  gapOf: (s: RunSettings) => number = (s) => (MODES[s.mode].yieldsToPage ? 20 : 900),
  idle: readonly number[] = QUIET,
): Promise<{ result: CompareResult; order: string[] }> {
  let i = 0;
  const order: string[] = [];
  const rounds = new Map<string, number>();
  const ctx = scriptedContext(
    (s) => {
      const label = runLabel({ ...s, workers: MODES[s.mode].usesPageThread ? 1 : s.workers });
      order.push(label);
      const round = rounds.get(label) ?? 0;
      rounds.set(label, round + 1);
      const r: RunRecord = record(++i, { ...s, workers: MODES[s.mode].usesPageThread ? 1 : s.workers }, wallOf(s, round), gapOf(s));
      return Promise.resolve(r);
    },
    { repeats: COMPARE_ROUNDS },
  );
  return { result: await runCompare(ctx, idle), order };
}

/** Ideal machine: the page's thread 1000 ms, each worker a core of its own, Concurrent 20% dearer. */
const ideal = (s: RunSettings): number =>
  MODES[s.mode].usesPageThread ? (MODES[s.mode].yieldsToPage ? 1200 : 1000) : 1000 / Math.min(2, s.workers);

describe('Compare modes', () => {
  it('runs every mode, the pool with one worker and with one per core, interleaved after a warm-up round', async () => {
    const configs = compareConfigs(2).map((c) => c.label);
    expect(configs).toEqual(['Blocking', 'Concurrent', 'Parallel ×1', 'Parallel ×2']);
    expect(compareConfigs(1).map((c) => c.label)).toEqual(['Blocking', 'Concurrent', 'Parallel ×1']);
    const { result, order } = await compareOn(ideal);
    expect(order).toHaveLength(configs.length * (COMPARE_ROUNDS + 1));
    // Each round starts one configuration later, so none always goes first.
    const firsts = new Set(Array.from({ length: COMPARE_ROUNDS + 1 }, (_, r) => order[r * configs.length]));
    expect(firsts.size).toBeGreaterThan(1);
    expect(result.rows.map((r) => [r.label, r.runs])).toEqual(configs.map((c) => [c, COMPARE_ROUNDS]));
  });

  it('names the fastest and the speedup with its range when the rounds separate them', async () => {
    const noise = [1, 1.02, 0.98, 1.01];
    const { result } = await compareOn((s, round) => ideal(s) * (noise[round] ?? 1));
    const text = compareVerdicts(result).join(' ');
    expect(text).toMatch(/Fastest: Parallel ×2/);
    expect(text).toMatch(/Parallel ×2 ran 2\.\d\d× \(\d\.\d\d–\d\.\d\d× across the rounds\) as fast as Blocking/);
    expect(text).toMatch(/Concurrent took 1\.\d\d× .* as long as Blocking/);
    expect(text).toMatch(/Blocking \(900 ms\) froze the page/);
    expect(text).toMatch(/kept it smooth/);
    expect(compareSummary(result)).toMatch(/Blocking 1\.0\d s \(\d.*3 runs\)/);
  });

  it('withholds every verdict on speed when the rounds overlap', async () => {
    // Every configuration's counted rounds take 1000, 1100 and 900 ms: nothing can be told apart.
    const { result } = await compareOn((_, round) => [900, 1000, 1100][round % 3] ?? 1000);
    expect(new Set(result.rows.map((r) => JSON.stringify([...r.wallMs].sort())))).toEqual(
      new Set([JSON.stringify([1000, 1100, 900].sort())]),
    );
    const text = compareVerdicts(result).join(' ');
    expect(text).not.toMatch(/Fastest|as fast as|as long as/);
    expect(text).toMatch(/Too close to call/);
    expect(text).toMatch(/Parallel ×2 and Blocking: too close to call/);
  });

  it('says the machine is busy and gives no verdict on speed when the idle page was late', async () => {
    const late = Array.from({ length: 60 }, () => 60);
    const { result } = await compareOn(ideal, undefined, late);
    const text = compareVerdicts(result).join(' ');
    expect(text).toMatch(/machine is busy/);
    expect(text).not.toMatch(/Fastest|as fast as|as long as/);
    // A gap of 900 ms is still far beyond what the late idle page explains (60 ms): a freeze.
    expect(text).toMatch(/Blocking \(900 ms\) froze/);
  });
});

describe('Auto tile size', () => {
  it('gives every worker at least four tiles, up to 256 px', () => {
    for (const workers of [1, 2, 4, 8, 16, 32]) {
      for (const [w, h] of [
        [4000, 3000],
        [2400, 1600],
        [640, 480],
      ] as const) {
        const size = autoTileSize(w, h, workers);
        expect(TILE_SIZES).toContain(size);
        expect(size).toBeLessThanOrEqual(256);
        if (size > 16) expect(countTiles(w, h, size)).toBeGreaterThanOrEqual(MIN_TILES_PER_WORKER * workers);
        // The largest that does: the next size up would not.
        if (size < 256) expect(countTiles(w, h, size * 2)).toBeLessThan(MIN_TILES_PER_WORKER * workers);
      }
    }
    // 16 workers on 12 MP: 1024 px tiles make only 12; Auto makes at least 64.
    expect(countTiles(4000, 3000, 1024)).toBe(12);
    expect(countTiles(4000, 3000, autoTileSize(4000, 3000, 16))).toBeGreaterThanOrEqual(64);
  });

  it('is resolved only when asked for: a chosen size is kept (clamped)', () => {
    expect(resolveTileSize(AUTO_TILE, 4000, 3000, 2)).toBe(256);
    expect(resolveTileSize(AUTO_TILE, 300, 200, 2)).toBe(64);
    expect(resolveTileSize(1024, 4000, 3000, 16)).toBe(1024);
    expect(resolveTileSize(5, 4000, 3000, 1)).toBe(16);
  });
});
