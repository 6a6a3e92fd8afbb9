import {
  coresResult,
  memoryResult,
  scheduleResult,
  tilesResult,
  type Experiment,
  type ExperimentResult,
  type RaceRound,
} from '../core/experiments.js';
import { MODES, POOL_MODE } from '../core/modes.js';
import type { Counting, RaceResult } from '../core/race.js';
import type { RunRecord, RunSettings } from '../core/record.js';
import type { Schedule } from '../core/run-tables.js';
import type { Rect } from '../core/types.js';

export const TILE_SWEEP = [16, 32, 64, 128, 256, 512, 1024] as const;

export interface ExperimentContext {
  /** The settings on screen; each experiment varies one thing. */
  readonly base: RunSettings;
  readonly cores: number;
  readonly sharedMemory: boolean;
  /** Where the scheduling experiment filters (the spotlight). */
  readonly region: Rect;
  readonly repeats: number;
  readonly runOne: (s: RunSettings) => Promise<RunRecord>;
  readonly race: (workers: number, counting: Counting) => Promise<RaceResult>;
  readonly signal: AbortSignal;
  readonly onProgress: (done: number, total: number) => void;
}

/**
 * Run every variant `repeats` times, interleaved (1, 2, 3, 1, 2, 3, …) so that a slow moment of
 * the machine does not land on one variant. Stops at the first run that did not finish.
 */
async function sweep<K>(ctx: ExperimentContext, variants: readonly [K, Partial<RunSettings>][]): Promise<Map<K, RunRecord[]>> {
  const out = new Map<K, RunRecord[]>(variants.map(([k]) => [k, []]));
  const total = variants.length * ctx.repeats;
  let done = 0;
  for (let rep = 0; rep < ctx.repeats; rep++) {
    for (const [key, change] of variants) {
      if (ctx.signal.aborted) throw new DOMException('Experiment cancelled', 'AbortError');
      const r = await ctx.runOne({ ...ctx.base, ...change });
      if (r.outcome === 'failed') throw new Error(`run ${r.id} failed: ${r.error ?? 'unknown error'}`);
      if (r.outcome !== 'done') throw new DOMException('Experiment cancelled', 'AbortError');
      out.set(key, [...(out.get(key) ?? []), r]);
      ctx.onProgress(++done, total);
    }
  }
  return out;
}

const parallel = (workers: number, more: Partial<RunSettings> = {}): Partial<RunSettings> => ({
  mode: POOL_MODE,
  workers,
  region: null,
  ...more,
});

export async function runExperiment(kind: Experiment, ctx: ExperimentContext): Promise<ExperimentResult> {
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
  }
}
