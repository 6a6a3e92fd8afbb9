import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { smoothness, UNMEASURED, type MachineCheck } from '../core/evidence.js';
import { runLabel, type RunRecord } from '../core/record.js';
import { formatMs } from '../core/stats.js';
import { theme } from './theme.js';

/**
 * What the meter says about a run: its frame gaps and long tasks, then a verdict that `smoothness`
 * draws from the longest gap and from how the idle page behaved (`idle`). Without an idle
 * measurement, the longest gap alone is judged against fixed limits.
 */
export function responsivenessSummary(r: RunRecord, idle: MachineCheck = UNMEASURED): string {
  const { text } = smoothness(r.longestFrameGapMs, idle);
  return `${runLabel(r.settings)}: longest gap between frames ${formatMs(r.longestFrameGapMs)}, ${r.droppedFrames} frame${r.droppedFrames === 1 ? '' : 's'} dropped, long tasks ${formatMs(r.longTaskTotalMs)} in all. ${text}`;
}

/**
 * Feel the difference: a ball the page's own thread moves every frame, and a text box. When
 * that thread is busy filtering, the ball stops and typing waits.
 */
@customElement('tl-meter')
export class TlMeter extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: block; }
      h2 { font-size: 1.1em; margin: 0 0 6px; }
      .track { position: relative; height: 44px; border-radius: 22px; background: #e5e7eb; overflow: hidden; }
      .ball { position: absolute; top: 4px; left: 0; width: 36px; height: 36px; border-radius: 50%; background: var(--accent);
        will-change: transform; }
      label { display: block; font-weight: 600; margin-top: 10px; }
      input[type='text'] { box-sizing: border-box; width: 100%; font: inherit; padding: 0.3em 0.6em; border: 2px solid var(--line);
        border-radius: var(--radius); min-height: 44px; }
      p { margin: 8px 0 0; font-size: 0.85em; }
      p.caption { color: var(--muted); }
      p.result { font-weight: 600; }
    `,
  ];

  /** The latest finished run, whose frame gaps and long tasks are shown. */
  @property({ attribute: false }) record: RunRecord | null = null;
  @query('.ball') private ball!: HTMLElement | null;
  @query('.track') private track!: HTMLElement | null;
  private frame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    const start = performance.now();
    const tick = (t: number): void => {
      if (this.ball && this.track) {
        // Moved from JavaScript on purpose: a CSS animation would keep going on the compositor.
        const span = this.track.clientWidth - 44;
        const phase = ((t - start) / 1500) % 2;
        this.ball.style.transform = `translateX(${(phase < 1 ? phase : 2 - phase) * span + 4}px)`;
      }
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.frame);
  }

  override render() {
    return html`
      <h2>Is the page still responsive?</h2>
      <div class="track" aria-hidden="true"><div class="ball"></div></div>
      <label for="typing">Type here while a run goes</label>
      <input id="typing" type="text" autocomplete="off" placeholder="Try it during a Blocking run, then a Concurrent one" />
      <p class="caption">The page’s own thread moves this ball every frame. When that thread is busy filtering, the ball stops and your typing waits.</p>
      <p class="result" aria-live="polite">${this.record ? responsivenessSummary(this.record) : 'Run a filter to measure the frames.'}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-meter': TlMeter;
  }
}
