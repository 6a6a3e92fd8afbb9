import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { machineCheck, MIN_IDLE_GAPS, smoothness, UNMEASURED, type MachineCheck } from '../core/evidence.js';
import { FrameMeter, PROBE_MS } from '../engine/frame-meter.js';
import { MODES } from '../core/modes.js';
import { runLabel, type RunRecord } from '../core/record.js';
import { formatMs, formatShare } from '../core/stats.js';
import { theme } from './theme.js';

/**
 * What the meter says about a run: its frame gaps and long tasks, then a verdict that `smoothness`
 * draws from the longest gap and from how the idle page behaved (`idle`). Without an idle
 * measurement, the longest gap alone is judged against fixed limits.
 */
export function responsivenessSummary(r: RunRecord, idle: MachineCheck = UNMEASURED): string {
  const { text } = smoothness(r.longestFrameGapMs, idle);
  return `${runLabel(r.settings)}: longest wait for a frame ${formatMs(r.longestFrameGapMs)}, ${r.droppedFrames} frame${r.droppedFrames === 1 ? '' : 's'} dropped, long tasks ${formatMs(r.longTaskTotalMs)} in all. ${text}`;
}

/** One sweep of the track, in ms; the ball goes there and back. */
const SWEEP_MS = 1500;
/** Between runs the page samples its frames for this long … */
const SAMPLE_MS = 1000;
/** … this often, and keeps this many of the gaps it measured. */
const SAMPLE_EVERY_MS = 3000;
const KEEP_GAPS = 150;

/** Where the ball is at time `t` (ms on the page's clock), 0…1 along the track. */
export const ballPhase = (t: number): number => {
  const p = (t / SWEEP_MS) % 2;
  return p < 1 ? p : 2 - p;
};

/** How much motion the page's thread hands the ball at a time, in ms. */
const SEGMENT_MS = 250;

const at = (phase: number): Keyframe => ({ transform: `translateX(${phase * 100}%)` });

/** Keyframes for the ball from `t` to `t + ms`, with the turn at the track's end where one falls in between. */
export function segment(t: number, ms: number): Keyframe[] {
  const frames: Keyframe[] = [at(ballPhase(t))];
  const turn = (Math.floor(t / SWEEP_MS) + 1) * SWEEP_MS;
  if (turn < t + ms) frames.push({ ...at(Math.round(turn / SWEEP_MS) % 2 ? 1 : 0), offset: (turn - t) / ms });
  frames.push(at(ballPhase(t + ms)));
  return frames;
}

/** What the page's own work cost during a run, for the worker modes; the page-thread modes filter on it. */
function costText(r: RunRecord): string {
  if (MODES[r.settings.mode].usesPageThread) return 'This mode filtered on the page’s own thread: its cost to the page is the run itself.';
  return `The page’s own frames took ${formatShare(r.pageBusyShare)} of its thread during this run (drawing tiles, the timeline, this meter’s checks).`;
}

/**
 * Feel the difference: a ball the page's own thread keeps moving while a run goes, and a
 * text box. When that thread is busy filtering, the ball stops and typing waits. Between runs
 * the ball glides on the compositor, so the idle page costs almost nothing, and the page
 * samples its own frames now and then: that is the baseline a run's frames are judged against.
 */
@customElement('tl-meter')
export class TlMeter extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      h2 { font-size: 1.1em; margin: 0 0 6px; }
      .head { display: flex; align-items: center; justify-content: space-between; gap: 8px; flex-wrap: wrap; }
      .head button { min-height: 36px; }
      .track { position: relative; height: 44px; border-radius: 22px; background: var(--track); overflow: hidden; contain: strict; }
      /* The carrier spans the ball's travel, so translateX(100%) is the far end: no layout is read. */
      .carrier { position: absolute; top: 4px; left: 4px; width: calc(100% - 44px); height: 36px; will-change: transform; }
      .ball { width: 36px; height: 36px; border-radius: 50%; background: var(--accent); }
      label { display: block; font-weight: 600; margin-top: 10px; }
      input[type='text'] { box-sizing: border-box; width: 100%; font: inherit; padding: 0.3em 0.6em; border: 2px solid var(--line);
        border-radius: var(--radius); min-height: 44px; }
      p { margin: 8px 0 0; font-size: 0.85em; }
      p.caption, p.idle { color: var(--muted); }
      p.result { font-weight: 600; }
    `,
  ];

  /** The latest finished run, whose frame gaps and long tasks are shown. */
  @property({ attribute: false }) record: RunRecord | null = null;
  /** A run is going: the page's own thread keeps the ball moving, a segment at a time. */
  @property({ type: Boolean }) running = false;
  /** The user stopped the ball. */
  @state() private paused = false;
  /** The system asks for less motion. */
  @state() private reduced = false;
  /** Frame gaps the page measured between runs, newest last. */
  @state() private idle: readonly number[] = [];
  @query('.carrier') private carrier!: HTMLElement | null;
  /** The timer that hands the ball its next segment during a run. */
  private timer = 0;
  private firstSample = 0;
  /** Runs started so far: a sample that saw one start is no idle baseline. */
  private runsStarted = 0;
  /** The idle baseline as it was when the shown run ended: its verdict does not change afterwards. */
  private recordCheck: MachineCheck = UNMEASURED;
  private glide: Animation | null = null;
  private sampler = 0;
  private readonly motion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  private readonly onMotion = (): void => {
    this.reduced = this.motion?.matches ?? false;
  };

  /** Is the machine quiet enough to judge a run's frames? From the frames measured between runs. */
  get idleCheck(): MachineCheck {
    return machineCheck(this.idle);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.onMotion();
    this.motion?.addEventListener('change', this.onMotion);
    this.sampler = window.setInterval(() => void this.sample(), SAMPLE_EVERY_MS);
    this.firstSample = window.setTimeout(() => void this.sample(), 2 * SAMPLE_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.motion?.removeEventListener('change', this.onMotion);
    clearInterval(this.sampler);
    clearTimeout(this.firstSample);
    this.stopBall();
  }

  /**
   * Measure the idle page's frames for `ms` now (before a comparison, say), add them to the
   * baseline, and return the baseline.
   */
  async baseline(maxMs = 4000): Promise<readonly number[]> {
    const meter = new FrameMeter().start();
    const started = performance.now();
    // Enough waits for a judgement of their own (two more than needed: the first and last are dropped).
    while (meter.count < MIN_IDLE_GAPS + 2 && performance.now() - started < maxMs) await new Promise((r) => setTimeout(r, PROBE_MS));
    this.addIdle(meter.stop().gapsMs);
    return this.idle;
  }

  /** Keep a sample's waits as idle baseline: the first is counted from the start, not a frame; the last ends mid-probe. */
  private addIdle(waits: readonly number[]): void {
    this.idle = [...this.idle, ...waits.slice(1, -1)].slice(-KEEP_GAPS);
  }

  private idleNow(): boolean {
    return !this.running && !document.hidden;
  }

  /** A short window of frames between runs, when the page is shown: what the idle page's frames look like. */
  private async sample(): Promise<void> {
    if (!this.idleNow()) return;
    const runs = this.runsStarted;
    const meter = new FrameMeter().start();
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
    const stats = meter.stop();
    // A run that started meanwhile, even one that has ended again, makes these waits no idle baseline.
    if (!this.idleNow() || runs !== this.runsStarted) return;
    // The first gap is counted from the start, not from a frame; the last ends mid-frame.
    this.addIdle(stats.gapsMs);
  }

  private get moving(): boolean {
    return !this.paused && !this.reduced;
  }

  private stopBall(): void {
    clearTimeout(this.timer);
    this.glide?.cancel();
    this.glide = null;
  }

  /** Glide on the compositor between runs; during a run, the page's thread hands the ball its motion a segment at a time. */
  private placeBall(): void {
    const carrier = this.carrier;
    this.stopBall();
    if (!carrier) return;
    if (!this.moving) {
      carrier.style.transform = `translateX(${ballPhase(performance.now()) * 100}%)`;
      return;
    }
    if (this.running) {
      // The page's own thread hands the ball its next few frames of motion, again and again: a
      // busy thread stops it within SEGMENT_MS. (Moved from a frame callback instead, it would make
      // the page draw 60 frames a second, each one the page's thread's work.)
      const step = (): void => {
        const t = performance.now();
        this.glide?.cancel();
        this.glide = carrier.animate(segment(t, SEGMENT_MS), { duration: SEGMENT_MS, fill: 'forwards' });
        this.timer = window.setTimeout(step, SEGMENT_MS);
      };
      step();
      return;
    }
    carrier.style.transform = '';
    this.glide = carrier.animate([{ transform: 'translateX(0)' }, { transform: 'translateX(100%)' }], {
      duration: SWEEP_MS,
      iterations: Infinity,
      direction: 'alternate',
      easing: 'linear',
    });
    // On the page's clock, like the segments, so the hand-over between the two is seamless.
    this.glide.startTime = 0;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('running') && this.running) this.runsStarted++;
    if (changed.has('record')) this.recordCheck = this.idleCheck;
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('running') || changed.has('paused') || changed.has('reduced')) this.placeBall();
  }

  private idleText(): string {
    if (this.idle.length < MIN_IDLE_GAPS) return 'Measuring the page’s own frames between runs…';
    return this.idleCheck.text;
  }

  override render() {
    const r = this.record;
    const still = this.reduced ? 'Your system asks for less motion, so the ball stays still' : 'The ball is paused';
    return html`
      <div class="head">
        <h2>Is the page still responsive?</h2>
        <button type="button" aria-pressed=${this.paused ? 'true' : 'false'} ?disabled=${this.reduced}
          @click=${() => (this.paused = !this.paused)}>${this.paused ? 'Move the ball' : 'Pause the ball'}</button>
      </div>
      <div class="track" aria-hidden="true"><div class="carrier"><div class="ball"></div></div></div>
      <label for="typing">Type here while a run goes</label>
      <input id="typing" type="text" autocomplete="off" placeholder="Try it during a Blocking run, then a Concurrent one" />
      <p class="caption">${
        this.moving
          ? 'During a run the page’s own thread keeps this ball moving, a quarter of a second at a time: when that thread is busy filtering, the ball stops and your typing waits. Between runs it glides on its own.'
          : `${still}; the page still measures how long each run keeps its frames waiting, and the figures below are the same.`
      }</p>
      <p class="idle">${this.idleText()}</p>
      <p class="result" aria-live="polite">${r ? responsivenessSummary(r, this.recordCheck) : 'Run a filter to measure the frames.'}</p>
      ${r ? html`<p class="cost">${costText(r)}</p>` : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-meter': TlMeter;
  }
}
