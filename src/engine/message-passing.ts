import { transfer } from 'comlink';
import { finishTile } from '../core/run-tables.js';
import { growRect, tileRect } from '../core/tiling.js';
import { haloOf } from '../core/kernels/index.js';
import type { Rect } from '../core/types.js';
import type { ParallelJob } from './run-parallel.js';

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
 * same output, but every pixel crosses between threads twice.
 */
export async function runParallelMessages(job: ParallelJob, signal: AbortSignal): Promise<{ cancelled: boolean; bytesCopied: number }> {
  const { planes, tables, spec, tileSize, region } = job;
  const { width, height } = planes;
  const halo = haloOf(spec);
  const total = tables.state.length;
  let next = 0;
  let bytesCopied = 0;
  const lane = async (api: ParallelJob['lanes'][number], index: number): Promise<void> => {
    for (;;) {
      if (signal.aborted) return;
      const tile = next++;
      if (tile >= total) return;
      const rect = tileRect(width, height, tileSize, tile);
      const read = growRect(rect, halo, width, height);
      const pixels = copyOut(planes.src, width, read);
      bytesCopied += pixels.byteLength;
      const r = await api.runTile(transfer({ width, height, spec, rect, read, region, pixels }, [pixels]));
      bytesCopied += r.pixels.byteLength;
      copyIn(planes.dst, width, rect, r.pixels);
      finishTile(tables, index, tile, r.start, r.end);
    }
  };
  await Promise.all(job.lanes.map(lane));
  return { cancelled: countDone(tables.state) < total, bytesCopied };
}

const countDone = (state: Int32Array): number => state.reduce((a, b) => a + b, 0);
