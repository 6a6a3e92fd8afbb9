import {
  coresResult,
  memoryResult,
  scheduleResult,
  tilesResult,
  type Experiment,
  type ExperimentResult,
  type RaceRound,
} from '../core/experiments.js';
import { compareConfigs, compareResult, type CompareResult } from '../core/compare.js';
import { simdLabel, simdResult, simdVariants } from '../core/simd-experiment.js';
import { MODES, POOL_MODE } from '../core/modes.js';
import { resolveTileSize } from '../core/tiling.js';
import type { Counting, RaceResult } from '../core/race.js';
import type { RunRecord, RunSettings } from '../core/record.js';
import type { Schedule } from '../core/run-tables.js';
import type { Rect } from '../core/types.js';

export const TILE_SWEEP = [16, 32, 64, 128, 256, 512, 1024] as const;

export interface ExperimentContext {
  /** The settings on screen; each experiment varies one thing. */
  readonly base: RunSettings;
  /** The photo's size: Auto tiles are chosen once for it, so the runs compared share one tile size. */
  readonly size: { readonly width: number; readonly height: number };
  readonly cores: number;
  readonly sharedMemory: boolean;
  /** Where the scheduling experiment filters (the spotlight). */
  readonly region: Rect;
  readonly repeats: number;
  /** One run, on the experiment's own path (not the page's history); `signal` cancels it. */
  readonly runOne: (s: RunSettings, signal: AbortSignal) => Promise<RunRecord>;
  readonly race: (workers: number, counting: Counting) => Promise<RaceResult>;
  /** Wall time of a plain copy of the image on `workers` workers (the SIMD experiment's yardstick). */
  readonly copy: (workers: number) => Promise<number>;
  /** Why the WebAssembly SIMD kernels cannot run here, when they cannot. */
  readonly simdReason: string;
  readonly signal: AbortSignal;
  readonly onProgress: (done: number, total: number) => void;
}

/**
 * Run every variant `repeats` times, interleaved (1, 2, 3, 2, 3, 1, 3, 1, 2, …: each round
 * starts one later) so that a slow moment of the machine, or going first, does not land on one
 * variant. With `warmUp`, one round first is run and not kept: it pays for compiling the kernels
 * and starting the workers. Stops at the first run that did not finish.
 */
async function sweep<K>(
  ctx: ExperimentContext,
  variants: readonly (readonly [K, Partial<RunSettings>])[],
  warmUp = false,
): Promise<Map<K, RunRecord[]>> {
  const out = new Map<K, RunRecord[]>(variants.map(([k]) => [k, []]));
  const first = warmUp ? -1 : 0;
  const total = variants.length * (ctx.repeats - first);
  let done = 0;
  for (let rep = first; rep < ctx.repeats; rep++) {
    const k = (rep - first) % variants.length;
    for (const [key, change] of [...variants.slice(k), ...variants.slice(0, k)]) {
      if (ctx.signal.aborted) throw new DOMException('Experiment cancelled', 'AbortError');
      const r = await ctx.runOne({ ...ctx.base, ...change }, ctx.signal);
      if (r.outcome === 'failed') throw new Error(`run ${r.id} failed: ${r.error ?? 'unknown error'}`);
      if (r.outcome !== 'done') throw new DOMException('Experiment cancelled', 'AbortError');
      if (rep >= 0) out.set(key, [...(out.get(key) ?? []), r]);
      ctx.onProgress(++done, total);
    }
  }
  return out;
}

/**
 * "Compare modes": every configuration of `compareConfigs`, a warm-up round and then
 * `ctx.repeats` rounds, interleaved. `idleGapsMs`: the idle page's frame gaps measured before it
 * started, the baseline its verdicts are judged against.
 */
export async function runCompare(ctx: ExperimentContext, idleGapsMs: readonly number[]): Promise<CompareResult> {
  const memory = ctx.sharedMemory ? 'shared' : 'message';
  const configs = compareConfigs(ctx.cores);
  const runs = await sweep(
    withTiles(ctx, ctx.cores),
    configs.map((c) => [c.label, { ...c.change, memory, schedule: 'dynamic', region: null }] as const),
    true,
  );
  return compareResult(runs, ctx.cores, idleGapsMs);
}

const parallel = (workers: number, more: Partial<RunSettings> = {}): Partial<RunSettings> => ({
  mode: POOL_MODE,
  workers,
  region: null,
  ...more,
});

/** `ctx` with Auto tiles chosen once, for `workers` (the most any of its runs uses), so that every run has the same tiles. */
function withTiles(ctx: ExperimentContext, workers: number): ExperimentContext {
  const { base, size } = ctx;
  return { ...ctx, base: { ...base, tileSize: resolveTileSize(base.tileSize, size.width, size.height, workers) } };
}

export async function runExperiment(kind: Experiment, given: ExperimentContext): Promise<ExperimentResult> {
  const ctx = withTiles(given, 2 * given.cores);
  const memory = ctx.sharedMemory ? 'shared' : 'message';
  const workers = Math.max(2, MODES[ctx.base.mode].usesPageThread ? ctx.cores : ctx.base.workers);
  switch (kind) {
    case 'cores': {
      const counts = Array.from({ length: 2 * ctx.cores }, (_, i) => i + 1);
      const runs = await sweep(
        ctx,
        counts.map((n) => [n, parallel(n, { memory, schedule: 'dynamic' })] as const),
      );
      return coresResult(runs, ctx.cores);
    }
    case 'tiles': {
      const runs = await sweep(
        ctx,
        TILE_SWEEP.map((t) => [t, parallel(workers, { memory, schedule: 'dynamic', tileSize: t })] as const),
      );
      return tilesResult(runs);
    }
    case 'schedule': {
      const schedules: Schedule[] = ['static', 'dynamic'];
      const runs = await sweep(
        ctx,
        schedules.map((s) => [s, parallel(workers, { memory, schedule: s, region: ctx.region })] as const),
      );
      return scheduleResult(runs);
    }
    case 'memory': {
      const models = ctx.sharedMemory ? (['shared', 'message'] as const) : (['message'] as const);
      const runs = await sweep(
        ctx,
        models.map((m) => [m, parallel(workers, { memory: m, schedule: 'dynamic' })] as const),
      );
      return memoryResult(runs);
    }
    case 'race': {
      const rounds: RaceRound[] = [];
      const total = Math.max(3, ctx.repeats + 2);
      for (let i = 0; i < total; i++) {
        if (ctx.signal.aborted) throw new DOMException('Experiment cancelled', 'AbortError');
        rounds.push({ plain: await ctx.race(workers, 'plain'), atomic: await ctx.race(workers, 'atomic') });
        ctx.onProgress(i + 1, total);
      }
      return { kind: 'race', workers, rounds };
    }
    case 'simd': {
      const variants = simdVariants(ctx.cores);
      const copyMs = new Map<number, number[]>();
      // The yardstick first, a warm-up round and then the repeats: the runs after it leave their output on screen.
      const counts = [...new Set(variants.map((v) => v.workers))];
      if (ctx.sharedMemory)
        for (let rep = -1; rep < ctx.repeats; rep++)
          for (const n of counts) {
            const ms = await ctx.copy(n);
            if (rep >= 0) copyMs.set(n, [...(copyMs.get(n) ?? []), ms]);
          }
      const runs = await sweep(
        ctx,
        variants.map((v) => [simdLabel(v), parallel(v.workers, { memory, schedule: 'dynamic', kernel: v.kernel })] as const),
        true,
      );
      return simdResult(runs, ctx.cores, copyMs, ctx.simdReason);
    }
  }
}
