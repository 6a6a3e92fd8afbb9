import { shareOf } from '../core/tiling.js';
import type { Planes } from './planes.js';
import { guarded, type WorkerPool } from './pool.js';
import { sharedNow } from './clock.js';

/**
 * The memory's own speed on this photo: `workers` workers copy the source plane to the
 * destination, each its share, at once. A filter that takes about this long is limited by moving
 * pixels, not by computing them. Needs shared memory; overwrites the destination.
 */
export async function copyYardstick(pool: WorkerPool, planes: Planes, workers: number): Promise<number> {
  if (!planes.shared) throw new Error('The copy yardstick needs shared memory (a cross-origin isolated page).');
  const lanes = await pool.lanes(workers);
  const t0 = sharedNow();
  await Promise.all(lanes.map((l) => guarded(l, l.api.copyShare(planes.src, planes.dst, l.index, lanes.length))));
  return sharedNow() - t0;
}

/** Lane `lane` of `lanes` copies its share of `src` into `dst`, in whole pixels. */
export function copyShare(src: Uint8Array, dst: Uint8Array, lane: number, lanes: number): void {
  const { from, to } = shareOf(src.length >> 2, lane, lanes);
  dst.set(src.subarray(from * 4, to * 4), from * 4);
}
