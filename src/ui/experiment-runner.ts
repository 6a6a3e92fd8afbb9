import type { Experiment, ExperimentResult } from '../core/experiments.js';
import type { ExperimentContext } from '../engine/experiments.js';
import { COMPARE_ROUNDS } from '../core/compare.js';
import type { RunRecord, RunSettings } from '../core/record.js';
import type { Rect } from '../core/types.js';
import type { LoadedPhoto } from '../engine/job.js';
import type { WorkerPool } from '../engine/pool.js';
import { startRun, type RunDeps, type RunHandle } from '../engine/run.js';
import { runRace } from '../engine/race.js';
import { copyYardstick } from '../engine/yardstick.js';

export type RunExperiment<K = Experiment, R = ExperimentResult> = (kind: K, ctx: ExperimentContext) => Promise<R>;

export interface ExperimentHooks<R = ExperimentResult> {
  readonly status: (text: string) => void;
  /** A result that finished (not one cancelled or failed): for whoever keeps or cites it. */
  readonly done?: (result: R) => void;
  readonly failed: (what: string, e: unknown) => void;
  readonly changed: () => void;
}

/** The context an experiment gets, less what the runner supplies itself. */
export type ExperimentSetup = Omit<ExperimentContext, 'signal' | 'onProgress'>;

const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

/**
 * The experiment chosen, the one running (one at a time), its progress and its last result.
 * A cancelled experiment says so; one that fails says why; either way the page stays usable.
 */
export class ExperimentRunner<K extends string = Experiment, R = ExperimentResult> {
  result: R | null = null;
  running = false;
  progress = '';
  private abort: AbortController | null = null;

  constructor(
    public kind: K,
    private readonly labelOf: (kind: K) => string,
    private readonly runExperiment: RunExperiment<K, R>,
    private readonly hooks: ExperimentHooks<R>,
  ) {}

  choose(kind: K): void {
    this.kind = kind;
    this.hooks.changed();
  }

  cancel(): void {
    this.abort?.abort();
  }

  async run(setup: ExperimentSetup): Promise<void> {
    if (this.running) return;
    const kind = this.kind;
    const label = this.labelOf(kind);
    const abort = (this.abort = new AbortController());
    this.running = true;
    this.result = null;
    this.progress = `${label}: starting…`;
    this.hooks.changed();
    try {
      this.result = await this.runExperiment(kind, {
        ...setup,
        signal: abort.signal,
        onProgress: (done, total) => {
          this.progress = `${label}: ${done} of ${total} done…`;
          this.hooks.changed();
        },
      });
      this.hooks.done?.(this.result);
      this.hooks.status(`${label} finished.`);
    } catch (e) {
      this.hooks.status(isAbort(e) ? `${label} cancelled.` : `${label} failed.`);
      if (!isAbort(e)) this.hooks.failed(label, e);
    } finally {
      this.progress = '';
      this.running = false;
      this.abort = null;
      this.hooks.changed();
    }
  }
}

/**
 * What every experiment and the comparison get: the settings on screen, the photo's size, the
 * device, the spotlight, three repeats (the comparison's rounds), and how to run one run or one
 * round of the race on `pool`.
 */
export function experimentSetup(
  photo: LoadedPhoto,
  base: RunSettings,
  caps: { readonly cores: number; readonly sharedMemory: boolean },
  region: Rect,
  runOne: (s: RunSettings, signal: AbortSignal) => Promise<RunRecord>,
  pool: WorkerPool,
  simdReason = 'WebAssembly SIMD is not available on this page.',
): ExperimentSetup {
  return {
    base,
    size: { width: photo.planes.width, height: photo.planes.height },
    cores: caps.cores,
    sharedMemory: caps.sharedMemory,
    region,
    repeats: COMPARE_ROUNDS,
    runOne,
    race: (workers, counting) => runRace(pool, photo.planes, workers, counting),
    copy: (workers) => copyYardstick(pool, photo.planes, workers),
    simdReason,
  };
}

/** Who may watch an experiment's runs go by: told when each starts and when it has ended. */
export interface RunWatcher {
  readonly started: (handle: RunHandle) => void;
  readonly ended: (record: RunRecord) => void;
}

/**
 * How experiments run their runs: straight on the engine, with ids of their own, so that their
 * records stay with the experiment's result and never enter the page's run history, wall chart,
 * timeline or meter. `watch` can show them going by (cheaply: the photo's tiles, not a chart).
 */
export function experimentRuns(
  photo: LoadedPhoto,
  deps: RunDeps,
  watch: RunWatcher,
): (s: RunSettings, signal: AbortSignal) => Promise<RunRecord> {
  let nextId = 1;
  return async (settings, signal) => {
    const handle = startRun(nextId++, photo, settings, deps, signal);
    watch.started(handle);
    const record = await handle.record;
    watch.ended(record);
    return record;
  };
}
