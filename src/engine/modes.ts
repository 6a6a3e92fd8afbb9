import type { RunMode } from '../core/modes.js';
import type { RunJob } from './job.js';
import { runParallelMessages } from './message-passing.js';
import type { WorkerFault, WorkerPool } from './pool.js';
import { runBlocking } from './run-blocking.js';
import { runConcurrent, type IdleScheduler } from './run-concurrent.js';
import { runParallelShared } from './run-parallel.js';

export interface RunDeps {
  readonly pool: WorkerPool;
  readonly idle: IdleScheduler;
}

/** What a mode reports about its own run, beyond the tables it filled. */
export interface ModeResult {
  readonly faults: readonly WorkerFault[];
  /** Main-thread slices the run was cut into (concurrent mode), else 0. */
  readonly slices: number;
  /** Longest main-thread stretch measured by the run itself. */
  readonly mainMs: number;
  readonly bytesCopied: number;
}

/** How a mode is run. */
export interface ModeRunner {
  /** Before the clock starts, what the run needs ready: workers answering, a frame painted. Rejects if it cannot start. */
  prepare(job: RunJob, deps: RunDeps): Promise<void>;
  run(job: RunJob, deps: RunDeps, signal: AbortSignal): Promise<ModeResult>;
}

const nothing: ModeResult = { faults: [], slices: 0, mainMs: 0, bytesCopied: 0 };

const nextFrame = (): Promise<void> =>
  new Promise((r) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => r()) : setTimeout(r, 0)));
const nextTask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/**
 * The one dispatch on a mode. Adding a mode is its entry in `MODES` (src/core/modes.ts) plus
 * its runner here; the compiler rejects a mode without one.
 */
export const RUNNERS = {
  parallel: {
    // Starting workers is not part of the run: a pool that cannot start fails the run here.
    prepare: async (job, deps) => {
      await deps.pool.lanes(job.settings.workers);
    },
    async run(job, deps, signal) {
      const lanes = await deps.pool.lanes(job.settings.workers);
      if (job.settings.memory === 'shared') return { ...nothing, faults: (await runParallelShared(job, lanes, signal)).faults };
      const r = await runParallelMessages(job, lanes, signal);
      return { ...nothing, faults: r.faults, bytesCopied: r.bytesCopied };
    },
  },
  concurrent: {
    prepare: () => Promise.resolve(),
    async run(job, deps, signal) {
      const r = await runConcurrent(job, signal, deps.idle);
      return { ...nothing, slices: r.slices, mainMs: r.longestSliceMs };
    },
  },
  blocking: {
    // Let the page paint "running" first; the loop then runs in a timer task of its own.
    prepare: async () => {
      await nextFrame();
      await nextTask();
    },
    run(job, _deps, signal) {
      const t0 = performance.now();
      if (!signal.aborted) runBlocking(job);
      return Promise.resolve({ ...nothing, slices: 1, mainMs: performance.now() - t0 });
    },
  },
} satisfies Record<RunMode, ModeRunner>;
