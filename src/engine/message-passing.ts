import { transfer } from 'comlink';
import { finishTile } from '../core/run-tables.js';
import { AllWorkersFailed } from '../core/errors.js';
import { gridTile } from '../core/tiling.js';
import type { Rect } from '../core/types.js';
import type { RunJob } from './job.js';
import type { TileResult } from './filter-worker-api.js';
import { guarded, type PoolLane, type WorkerFault } from './pool.js';
import { WorkerFailure } from './worker-host.js';
import type { ParallelResult } from './run-parallel.js';

function copyOut(plane: Uint8Array, width: number, r: Rect): ArrayBuffer {
  const out = new Uint8Array(r.w * r.h * 4);
  for (let y = 0; y < r.h; y++) {
    const from = ((r.y + y) * width + r.x) * 4;
    out.set(plane.subarray(from, from + r.w * 4), y * r.w * 4);
  }
  return out.buffer;
}

function copyIn(plane: Uint8Array, width: number, r: Rect, pixels: ArrayBuffer): void {
  const rows = new Uint8Array(pixels);
  for (let y = 0; y < r.h; y++) plane.set(rows.subarray(y * r.w * 4, (y + 1) * r.w * 4), ((r.y + y) * width + r.x) * 4);
}

/**
 * Parallel without shared memory: the page hands each idle worker the next tile, copying its
 * read area (tile plus halo) into a message, and copies the filtered tile back. Same kernel,
 * same output, but every pixel crosses between threads twice. A tile whose worker died goes
 * back on the queue for the others.
 */
export async function runParallelMessages(
  job: RunJob,
  pool: readonly PoolLane[],
  signal: AbortSignal,
): Promise<ParallelResult & { bytesCopied: number }> {
  const { planes, tables, grid } = job;
  const { filter: spec, region } = job.settings;
  const { width, height } = planes;
  const total = grid.count;
  let next = 0;
  const retry: number[] = [];
  const faults: WorkerFault[] = [];
  let bytesCopied = 0;
  const take = (): number | undefined => retry.shift() ?? (next < total ? next++ : undefined);
  // Set when a lane meets something other than a worker's failure: the other lanes stop too.
  let broken = false;
  const lane = async (l: PoolLane): Promise<void> => {
    for (let tile = take(); tile !== undefined && !signal.aborted && !broken; tile = take()) {
      const { rect, read } = gridTile(grid, tile);
      const pixels = copyOut(planes.src, width, read);
      bytesCopied += pixels.byteLength;
      let r: TileResult;
      try {
        r = await guarded(
          l,
          l.api.runTile(transfer({ width, height, spec, rect, read, region, pixels, wasm: job.wasm, lane: l.index }, [pixels])),
        );
      } catch (e) {
        // Only a worker's failure hands its tile to the others; anything else is a bug that fails the run.
        if (!(e instanceof WorkerFailure)) {
          broken = true;
          throw e;
        }
        retry.push(tile);
        faults.push(e as WorkerFault);
        return;
      }
      bytesCopied += r.pixels.byteLength;
      copyIn(planes.dst, width, rect, r.pixels);
      finishTile(tables, l.index, tile, r.start, r.end);
    }
  };
  // A lane that failed leaves its tile in `retry`; survivors pick it up, in rounds until none is left.
  let lanes = [...pool];
  while (!signal.aborted) {
    const before = faults.length;
    // Every lane stops before the run ends, so none writes into a later run's pixels.
    const settled = await Promise.allSettled(lanes.map(lane));
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    const dead = new Set(faults.slice(before).map((f) => f.lane));
    lanes = lanes.filter((l) => !dead.has(l.index));
    if (!retry.length && next >= total) break;
    if (!lanes.length) throw new AllWorkersFailed(faults);
  }
  return { cancelled: countDone(tables.state) < total, faults, bytesCopied };
}

const countDone = (state: Int32Array): number => state.reduce((a, b) => a + b, 0);
