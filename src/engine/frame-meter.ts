/** One frame at 60 Hz: the budget a smooth page draws in. */
export const FRAME_MS = 1000 / 60;

export interface FrameStats {
  readonly longestGapMs: number;
  /** Frames that should have been drawn but were not, counting each gap in whole frames. */
  readonly droppedFrames: number;
  readonly frames: number;
}

/** Frames dropped in gaps between animation frames: a gap of k frames drops k − 1. */
export function framesDropped(gaps: readonly number[], frameMs = FRAME_MS): number {
  return gaps.reduce((n, g) => n + Math.max(0, Math.round(g / frameMs) - 1), 0);
}

/**
 * Measures how smoothly the page draws while a run goes: the time between consecutive
 * `requestAnimationFrame` callbacks. A blocked main thread shows up as one long gap.
 */
export class FrameMeter {
  private last = 0;
  private handle = 0;
  private readonly gaps: number[] = [];

  start(): this {
    if (typeof requestAnimationFrame !== 'function') return this;
    // Counted from now, not from the first frame: a run that blocks at once is one long gap.
    this.last = performance.now();
    const tick = (): void => {
      const t = performance.now();
      this.gaps.push(t - this.last);
      this.last = t;
      this.handle = requestAnimationFrame(tick);
    };
    this.handle = requestAnimationFrame(tick);
    return this;
  }

  /** Stop, counting the time since the last frame as a gap too (a run may end mid-freeze). */
  stop(): FrameStats {
    cancelAnimationFrame(this.handle);
    if (this.last) this.gaps.push(performance.now() - this.last);
    return {
      longestGapMs: this.gaps.length ? Math.max(...this.gaps) : 0,
      droppedFrames: framesDropped(this.gaps),
      frames: this.gaps.length,
    };
  }
}
