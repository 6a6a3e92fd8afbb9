import { AllWorkersFailed } from '../core/errors.js';
import { CTRL, unfinishedTiles } from '../core/run-tables.js';
import type { SharedRunRequest } from './filter-worker-api.js';
import type { RunJob } from './job.js';
import { guarded, type PoolLane, type WorkerFault } from './pool.js';

export interface ParallelResult {
  readonly cancelled: boolean;
  /** Workers that failed during the run; their unfinished tiles were filtered by the others. */
  readonly faults: readonly WorkerFault[];
}

/**
 * Every worker filters in place in shared memory, claiming tiles with `Atomics.add` (dynamic)
 * or taking a fixed block (static). Only this call and its reply travel as messages; cancelling
 * sets a shared flag the workers check between tiles. If a worker throws or dies, the tiles it
 * left unfinished are shared out among the others, so the output is the same as a clean run.
 */
export async function runParallelShared(job: RunJob, pool: readonly PoolLane[], signal: AbortSignal): Promise<ParallelResult> {
  const { planes, tables, settings } = job;
  if (!(tables.ctrl.buffer instanceof SharedArrayBuffer)) throw new Error('shared run needs shared run tables');
  const cancel = () => Atomics.store(tables.ctrl, CTRL.CANCEL, 1);
  if (signal.aborted) cancel();
  signal.addEventListener('abort', cancel, { once: true });
  const request = (lane: number): SharedRunRequest => ({
    width: planes.width,
    height: planes.height,
    src: planes.src,
    dst: planes.dst,
    tables: tables.ctrl.buffer as SharedArrayBuffer,
    tiles: job.grid.count,
    tileSize: job.grid.tileSize,
    spec: settings.filter,
    lane,
    lanes: pool.length,
    schedule: settings.schedule,
    region: settings.region,
    wasm: job.wasm,
  });
  const faults: WorkerFault[] = [];
  try {
    let lanes = [...pool];
    let calls = lanes.map((l, i) => guarded(l, l.api.runShared(request(i))));
    // Recovery rounds: while a worker failed, the survivors take over what is left.
    for (;;) {
      const settled = await Promise.allSettled(calls);
      const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as WorkerFault] : []));
      faults.push(...failed);
      lanes = lanes.filter((_, i) => settled[i]?.status === 'fulfilled');
      const left = unfinishedTiles(tables);
      if (!failed.length || !left.length || Atomics.load(tables.ctrl, CTRL.CANCEL) !== 0) break;
      if (!lanes.length) throw new AllWorkersFailed(faults);
      calls = lanes.map((l, k) =>
        guarded(
          l,
          l.api.runTiles(
            request(l.index),
            left.filter((_, j) => j % lanes.length === k),
          ),
        ),
      );
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  return { cancelled: Atomics.load(tables.ctrl, CTRL.CANCEL) !== 0, faults };
}
