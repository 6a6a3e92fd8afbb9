import { CostMeter, runSlice, type Deadline } from '../core/idle.js';
import { sharedNow } from './clock.js';
import { filterOnMain, type MainThreadJob } from './run-blocking.js';

/** Calls back when the page has time to spare, with a deadline. */
export type IdleScheduler = (callback: (deadline: Deadline) => void) => void;

/** Slice length of the fallback: leaves most of a 60 Hz frame to the page. */
export const FALLBACK_SLICE_MS = 12;

/**
 * A stand-in for `requestIdleCallback` where the browser lacks it (Safari): a macrotask after
 * the page has had its turn, with a short fixed budget.
 */
export const fallbackScheduler: IdleScheduler = (callback) => {
  setTimeout(() => {
    const end = performance.now() + FALLBACK_SLICE_MS;
    callback({ timeRemaining: () => Math.max(0, end - performance.now()) });
  }, 0);
};

export function browserIdleScheduler(): IdleScheduler {
  if (typeof requestIdleCallback !== 'function') return fallbackScheduler;
  // The timeout keeps a busy page from starving the run; such a slice still runs one tile.
  return (callback) => requestIdleCallback(callback, { timeout: 250 });
}

export interface ConcurrentResult {
  readonly slices: number;
  /** Longest slice, measured around the kernel calls. */
  readonly longestSliceMs: number;
  readonly cancelled: boolean;
}

/**
 * Filter tiles on the main thread in idle slices, stopping each slice before the deadline
 * using the measured cost of a tile, so the page keeps rendering and answering input.
 */
export function runConcurrent(job: MainThreadJob, signal: AbortSignal, schedule: IdleScheduler): Promise<ConcurrentResult> {
  const total = job.tables.state.length;
  const meter = new CostMeter();
  let next = 0;
  let slices = 0;
  let longest = 0;
  const step = (): boolean => {
    if (next >= total || signal.aborted) return false;
    filterOnMain(job, next++);
    return true;
  };
  return new Promise((resolve) => {
    const slice = (deadline: Deadline): void => {
      if (signal.aborted) return resolve({ slices, longestSliceMs: longest, cancelled: true });
      const r = runSlice(deadline, step, meter, sharedNow);
      slices++;
      longest = Math.max(longest, r.elapsed);
      if (next >= total || signal.aborted) return resolve({ slices, longestSliceMs: longest, cancelled: signal.aborted });
      schedule(slice);
    };
    schedule(slice);
  });
}
