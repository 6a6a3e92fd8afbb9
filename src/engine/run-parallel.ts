import { CTRL, unfinishedTiles, type RunTables, type Schedule } from '../core/run-tables.js';
import type { FilterSpec, Rect } from '../core/types.js';
import type { SharedRunRequest } from './filter-worker-api.js';
import type { Planes } from './planes.js';
import { guarded, type PoolLane, type WorkerFault } from './pool.js';

export interface ParallelJob {
  readonly planes: Planes;
  readonly spec: FilterSpec;
  readonly tileSize: number;
  readonly tables: RunTables;
  readonly schedule: Schedule;
  readonly region: Rect | null;
  readonly lanes: readonly PoolLane[];
}

export interface ParallelResult {
  readonly cancelled: boolean;
  /** Workers that failed during the run; their unfinished tiles were filtered by the others. */
  readonly faults: readonly WorkerFault[];
}

/** Lives with the pool's worker hosts; still offered here, where the modes import it from. */
export { guarded };

/**
 * Every worker filters in place in shared memory, claiming tiles with `Atomics.add` (dynamic)
 * or taking a fixed block (static). Only this call and its reply travel as messages; cancelling
 * sets a shared flag the workers check between tiles. If a worker throws or dies, the tiles it
 * left unfinished are shared out among the others, so the output is the same as a clean run.
 */
export async function runParallelShared(job: ParallelJob, signal: AbortSignal): Promise<ParallelResult> {
  const { planes, tables } = job;
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
    tiles: tables.state.length,
    tileSize: job.tileSize,
    spec: job.spec,
    lane,
    lanes: job.lanes.length,
    schedule: job.schedule,
    region: job.region,
  });
  const faults: WorkerFault[] = [];
  try {
    let lanes = [...job.lanes];
    let calls = lanes.map((l, i) => guarded(l, l.api.runShared(request(i))));
    // Recovery rounds: while a worker failed, the survivors take over what is left.
    for (;;) {
      const settled = await Promise.allSettled(calls);
      const failed = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as WorkerFault] : []));
      faults.push(...failed);
      lanes = lanes.filter((_, i) => settled[i]!.status === 'fulfilled');
      const left = unfinishedTiles(tables);
      if (!failed.length || !left.length || Atomics.load(tables.ctrl, CTRL.CANCEL) !== 0) break;
      if (!lanes.length) throw new Error('Every worker failed; the run could not finish.');
      calls = lanes.map((l, k) => guarded(l, l.api.runTiles(request(l.index), left.filter((_, j) => j % lanes.length === k))));
    }
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  return { cancelled: Atomics.load(tables.ctrl, CTRL.CANCEL) !== 0, faults };
}
