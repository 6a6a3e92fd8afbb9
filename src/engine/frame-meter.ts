/** One frame at 60 Hz: the budget a smooth page draws in. */
export const FRAME_MS = 1000 / 60;
/**
 * The meter asks for a frame this often (ms). Asking every frame would make the page draw 60
 * frames a second, and on a machine without a GPU each costs the page's thread real time; a
 * frame asked for every 50 ms finds a busy thread just as surely.
 */
export const PROBE_MS = 50;

export interface FrameStats {
  /** Longest time the page made a frame wait: a probe's wait, or a long animation frame. */
  readonly longestGapMs: number;
  /** Frames that should have been drawn but were not (at 60 Hz), counted from the long waits. */
  readonly droppedFrames: number;
  /** Probes answered. */
  readonly frames: number;
  /** How long each probe waited for its frame, in ms: 0…17 on a free thread. */
  readonly gapsMs: readonly number[];
  /**
   * Share of the measured time the page's thread spent making the frames it asked for: their
   * callbacks, style, layout and paint, from the first callback of each frame until the first task
   * after it. Filtering outside frames is not counted.
   */
  readonly frameWorkShare: number;
}

/** Frames dropped in waits: a wait of k frames drops k − 1. */
export function framesDropped(gaps: readonly number[], frameMs = FRAME_MS): number {
  return gaps.reduce((n, g) => n + Math.max(0, Math.round(g / frameMs) - 1), 0);
}

/** Work within frames as a share of `elapsedMs`, at most 1. */
export function frameWorkShare(workMs: number, elapsedMs: number): number {
  if (!(elapsedMs > 0)) return 0;
  return Math.min(1, Math.max(0, workMs) / elapsedMs);
}

/** Every frame the page asks for through `onFrame` is timed once, whoever asked. */
const work = { totalMs: 0, frame: -1, start: 0 };
let channel: MessageChannel | null = null;

function timeFrame(t: number): void {
  if (work.frame === t || typeof MessageChannel !== 'function') return;
  work.frame = t;
  work.start = performance.now();
  if (!channel) {
    channel = new MessageChannel();
    // Answered once the frame's style, layout and paint are done: the first task after it.
    channel.port1.onmessage = () => {
      work.totalMs += performance.now() - work.start;
    };
  }
  channel.port2.postMessage(0);
}

/** `requestAnimationFrame`, with the frame's work counted towards the page's own cost. */
export function onFrame(callback: (t: number) => void): number {
  return requestAnimationFrame((t) => {
    timeFrame(t);
    callback(t);
  });
}

/** The page's frame work so far, in ms (for differences between two reads). */
export const frameWorkMs = (): number => work.totalMs;

/** Long animation frames (Chromium): every frame or task over 50 ms, caught even between probes. */
function longFrames(): { stop: () => number[] } {
  const entries: number[] = [];
  const types = PerformanceObserver.supportedEntryTypes as readonly string[] | undefined;
  if (!types?.includes('long-animation-frame')) return { stop: () => entries };
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) entries.push(e.duration);
  });
  observer.observe({ type: 'long-animation-frame' });
  return {
    stop: () => {
      for (const e of observer.takeRecords()) entries.push(e.duration);
      observer.disconnect();
      return entries;
    },
  };
}

/**
 * Measures how responsive the page's thread is: every PROBE_MS it asks for a frame and records
 * how long the frame took to come (a blocked thread makes it wait until it is free), and long
 * animation frames where the browser reports them. It also sums the work of the page's frames.
 */
export class FrameMeter {
  private started = 0;
  private due = 0;
  private handle = 0;
  private timer = 0;
  private workAtStart = 0;
  private readonly waits: number[] = [];
  private long: { stop: () => number[] } | null = null;

  /** Probes answered so far. */
  get count(): number {
    return this.waits.length;
  }

  start(): this {
    if (typeof requestAnimationFrame !== 'function') return this;
    // Counted from now: a run that blocks at once makes the first probe wait for all of it.
    this.started = this.due = performance.now();
    this.workAtStart = frameWorkMs();
    this.long = longFrames();
    const tick = (): void => {
      const t = performance.now();
      this.waits.push(Math.max(0, t - this.due));
      this.due = t + PROBE_MS;
      this.timer = window.setTimeout(() => (this.handle = onFrame(tick)), PROBE_MS);
    };
    this.handle = onFrame(tick);
    return this;
  }

  /** Stop, counting a probe still waiting as a wait too (a run may end mid-freeze). */
  stop(): FrameStats {
    cancelAnimationFrame(this.handle);
    clearTimeout(this.timer);
    const now = performance.now();
    if (this.started && now > this.due) this.waits.push(now - this.due);
    const long = this.long?.stop() ?? [];
    return {
      longestGapMs: Math.max(0, ...this.waits, ...long),
      // A long frame is usually also a probe's wait: count whichever saw more, not both.
      droppedFrames: Math.max(framesDropped(long), framesDropped(this.waits)),
      frames: this.waits.length,
      gapsMs: [...this.waits],
      frameWorkShare: frameWorkShare(frameWorkMs() - this.workAtStart, now - this.started),
    };
  }
}
