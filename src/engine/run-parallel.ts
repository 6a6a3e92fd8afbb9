import type { Remote } from 'comlink';
import { CTRL, type RunTables, type Schedule } from '../core/run-tables.js';
import type { FilterSpec, Rect } from '../core/types.js';
import type { FilterWorkerApi } from './filter-worker-api.js';
import type { Planes } from './planes.js';

export interface ParallelJob {
  readonly planes: Planes;
  readonly spec: FilterSpec;
  readonly tileSize: number;
  readonly tables: RunTables;
  readonly schedule: Schedule;
  readonly region: Rect | null;
  readonly lanes: readonly Remote<FilterWorkerApi>[];
}

/**
 * Every worker filters in place in shared memory, claiming tiles with `Atomics.add` (dynamic)
 * or taking a fixed share (static). Only this call and its reply travel as messages; cancelling
 * sets a shared flag the workers check between tiles.
 */
export async function runParallelShared(job: ParallelJob, signal: AbortSignal): Promise<{ cancelled: boolean }> {
  const { planes, tables } = job;
  if (!(tables.ctrl.buffer instanceof SharedArrayBuffer)) throw new Error('shared run needs shared run tables');
  const cancel = () => Atomics.store(tables.ctrl, CTRL.CANCEL, 1);
  if (signal.aborted) cancel();
  signal.addEventListener('abort', cancel, { once: true });
  try {
    await Promise.all(
      job.lanes.map((api, lane) =>
        api.runShared({
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
        }),
      ),
    );
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  return { cancelled: Atomics.load(tables.ctrl, CTRL.CANCEL) !== 0 };
}
