/**
 * Interleaving work with the page. The loop takes its deadline as an argument, so tests drive
 * it with a fake clock and the browser with `requestIdleCallback` or a fallback.
 */

/** What `requestIdleCallback` hands its callback, reduced to what the loop needs. */
export interface Deadline {
  timeRemaining(): number;
}

/**
 * Longest slice the loop allows itself: the RAIL limit for a task that does not feel stuck (50 ms),
 * less 5 ms for the rest of the task around it (the callback's own start and end, the page's
 * bookkeeping), so that the whole task stays within the limit when an idle period is 50 ms long.
 */
export const MAX_SLICE_MS = 45;

/**
 * Room left for a tile costing `estimate` ms: a tenth more and half a millisecond, because a
 * tile's cost varies and the slice must not run past the deadline.
 */
export const withMargin = (estimate: number): number => estimate * 1.1 + 0.5;

/** Running estimate of what one more tile costs, from the tiles measured so far. */
export class CostMeter {
  private worst = 0;
  private mean = 0;
  private count = 0;

  record(ms: number): void {
    this.count++;
    this.mean += (ms - this.mean) / this.count;
    this.worst = Math.max(this.worst * 0.9, ms);
  }

  /** A cautious guess: the larger of the mean and a slowly fading recent worst. */
  get estimate(): number {
    return Math.max(this.mean, this.worst);
  }

  get measured(): number {
    return this.count;
  }
}

export interface SliceResult {
  readonly tiles: number;
  readonly elapsed: number;
  /** No tile is left. */
  readonly finished: boolean;
}

/**
 * Run tiles until the next one would overrun the idle deadline or the slice limit. `step`
 * filters one tile and returns false when there was none left. At least one tile runs per
 * slice, so a run always progresses.
 */
export function runSlice(
  deadline: Deadline,
  step: () => boolean,
  meter: CostMeter,
  now: () => number,
  maxSliceMs: number = MAX_SLICE_MS,
): SliceResult {
  const sliceStart = now();
  let tiles = 0;
  for (;;) {
    if (tiles > 0) {
      const need = withMargin(meter.estimate);
      if (deadline.timeRemaining() < need || now() - sliceStart + need > maxSliceMs) break;
    }
    const t0 = now();
    if (!step()) return { tiles, elapsed: now() - sliceStart, finished: true };
    meter.record(now() - t0);
    tiles++;
  }
  return { tiles, elapsed: now() - sliceStart, finished: false };
}
