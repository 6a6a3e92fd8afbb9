import { CostMeter, runSlice, type Deadline } from '../core/idle.js';
import { sharedNow } from './clock.js';
import type { RunJob } from './job.js';
import { filterOnMain } from './run-blocking.js';

/** Calls back when the page has time to spare, with a deadline. */
export type IdleScheduler = (callback: (deadline: Deadline) => void) => void;

/** Slice length of the fallback: leaves most of a 60 Hz frame to the page. */
export const FALLBACK_SLICE_MS = 12;

/**
 * A stand-in for `requestIdleCallback` where the browser lacks it (Safari): a macrotask after
 * the page has had its turn, with a short fixed budget.
 */
export const fallbackScheduler: IdleScheduler = (callback) => {
  setTimeout(() => callback(shortSlice()), 0);
};

/** A deadline FALLBACK_SLICE_MS from now. */
const shortSlice = (): Deadline => {
  const end = performance.now() + FALLBACK_SLICE_MS;
  return { timeRemaining: () => Math.max(0, end - performance.now()) };
};

/** How long a run waits for the page to go idle before it takes a short slice anyway. */
export const IDLE_TIMEOUT_MS = 100;

export function browserIdleScheduler(): IdleScheduler {
  if (typeof requestIdleCallback !== 'function') return fallbackScheduler;
  // A page that is never idle (a huge photo being drawn, say) must not starve the run: after
  // the timeout it gets a short slice, as the fallback gives, instead of an empty deadline.
  return (callback) => requestIdleCallback((d) => callback(d.didTimeout ? shortSlice() : d), { timeout: IDLE_TIMEOUT_MS });
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
export function runConcurrent(job: RunJob, signal: AbortSignal, schedule: IdleScheduler): Promise<ConcurrentResult> {
  const total = job.grid.count;
  const meter = new CostMeter();
  let next = 0;
  let slices = 0;
  let longest = 0;
  const step = (): boolean => {
    if (next >= total || signal.aborted) return false;
    filterOnMain(job, next++);
    return true;
  };
  // Read through a call: the signal can be aborted during a slice, after the check before it.
  const aborted = (): boolean => signal.aborted;
  return new Promise((resolve) => {
    const slice = (deadline: Deadline): void => {
      if (aborted()) return resolve({ slices, longestSliceMs: longest, cancelled: true });
      const r = runSlice(deadline, step, meter, sharedNow);
      slices++;
      longest = Math.max(longest, r.elapsed);
      if (next >= total || aborted()) return resolve({ slices, longestSliceMs: longest, cancelled: aborted() });
      schedule(slice);
    };
    schedule(slice);
  });
}
