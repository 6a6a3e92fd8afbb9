import { HISTOGRAM_BINS, summarizeRace, type Counting, type RaceResult } from '../core/race.js';
import { sharedNow } from './clock.js';
import type { Planes } from './planes.js';
import { guarded, type WorkerPool } from './pool.js';

/**
 * All `workers` count the photo's luma histogram into one shared table at the same time,
 * with plain increments or with Atomics. Needs shared memory: without it there is no race.
 * A caller may pass the (zeroed, shared) table to read the counts bin by bin afterwards.
 */
export async function runRace(
  pool: WorkerPool,
  planes: Planes,
  workers: number,
  counting: Counting,
  hist = new Uint32Array(new SharedArrayBuffer(HISTOGRAM_BINS * 4)),
): Promise<RaceResult> {
  if (!planes.shared) throw new Error('The race experiment needs shared memory (a cross-origin isolated page).');
  const lanes = await pool.lanes(workers);
  const t0 = sharedNow();
  // A worker that dies mid-count fails the round instead of leaving it waiting for a reply.
  await Promise.all(lanes.map((l) => guarded(l, l.api.countLuma(planes.src, hist, l.index, lanes.length, counting))));
  return summarizeRace(counting, hist, planes.width * planes.height, sharedNow() - t0);
}
