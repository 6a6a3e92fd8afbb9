/** One frame at 60 Hz: the budget a smooth page draws in. */
export const FRAME_MS = 1000 / 60;

export interface FrameStats {
  readonly longestGapMs: number;
  /** Frames that should have been drawn but were not, counting each gap in whole frames. */
  readonly droppedFrames: number;
  readonly frames: number;
  /** Every gap between consecutive frames, in ms. */
  readonly gapsMs: readonly number[];
  /**
   * Share of the measured time the page's thread spent making frames: its frame callbacks,
   * style, layout and paint, from the start of each frame's first measured callback until the
   * first task after that frame. Filtering outside frames is not counted.
   */
  readonly frameWorkShare: number;
}

/** Frames dropped in gaps between animation frames: a gap of k frames drops k − 1. */
export function framesDropped(gaps: readonly number[], frameMs = FRAME_MS): number {
  return gaps.reduce((n, g) => n + Math.max(0, Math.round(g / frameMs) - 1), 0);
}

/** Work within one frame is never longer than the frame gap that follows it; a stray reply cannot count twice. */
export function frameWorkShare(workMs: readonly number[], elapsedMs: number): number {
  if (!(elapsedMs > 0)) return 0;
  return Math.min(1, workMs.reduce((s, w) => s + Math.max(0, w), 0) / elapsedMs);
}

/**
 * Measures how smoothly the page draws: the time between consecutive `requestAnimationFrame`
 * callbacks (a blocked main thread shows up as one long gap), and how long the page's thread
 * worked on each frame (a message posted from the frame callback is answered only after the
 * frame's style, layout and paint).
 */
export class FrameMeter {
  private last = 0;
  private started = 0;
  private handle = 0;
  private frameStart = 0;
  private readonly gaps: number[] = [];
  private readonly work: number[] = [];
  private channel: MessageChannel | null = null;

  start(): this {
    if (typeof requestAnimationFrame !== 'function') return this;
    // Counted from now, not from the first frame: a run that blocks at once is one long gap.
    this.started = this.last = performance.now();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (this.frameStart) this.work.push(performance.now() - this.frameStart);
      this.frameStart = 0;
    };
    this.channel = channel;
    const tick = (): void => {
      const t = performance.now();
      this.gaps.push(t - this.last);
      this.last = t;
      this.frameStart = t;
      channel.port2.postMessage(0);
      this.handle = requestAnimationFrame(tick);
    };
    this.handle = requestAnimationFrame(tick);
    return this;
  }

  /** Stop, counting the time since the last frame as a gap too (a run may end mid-freeze). */
  stop(): FrameStats {
    cancelAnimationFrame(this.handle);
    this.channel?.port1.close();
    this.channel = null;
    const now = performance.now();
    if (this.last) this.gaps.push(now - this.last);
    return {
      longestGapMs: this.gaps.length ? Math.max(...this.gaps) : 0,
      droppedFrames: framesDropped(this.gaps),
      frames: this.gaps.length,
      gapsMs: [...this.gaps],
      frameWorkShare: frameWorkShare(this.work, now - this.started),
    };
  }
}
