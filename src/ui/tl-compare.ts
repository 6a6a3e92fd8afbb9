import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { compareSummary, compareVerdicts, COMPARE_ROUNDS, type CompareResult } from '../core/compare.js';
import { formatSpread } from '../core/evidence.js';
import { MODES } from '../core/modes.js';
import { niceTicks } from '../core/stats.js';
import { valueAxis } from './bars.js';
import { exportButtons } from './chart-export.js';
import { chartStyles, theme } from './theme.js';
import { printStyles } from './print.styles.js';

const ROW = 50;
const LEFT = 200;
const RIGHT = 300;
const WIDTH = 1000;
const TOP = 10;
const AXIS = 60;

/**
 * The headline of the lesson: every mode on the same photo and filter, in interleaved rounds.
 * A bar per configuration at its median wall time, a whisker from its fastest to its slowest
 * round, and below them the verdicts the rounds support.
 * @fires compare-run - the Compare modes button
 */
@customElement('tl-compare')
export class TlCompare extends LitElement {
  static override styles = [
    theme,
    chartStyles,
    css`
      .intro { margin: 0 0 8px; }
      ul.verdicts { margin: 8px 0 0; padding-left: 1.2em; }
      ul.verdicts li { margin: 4px 0; }
      .run { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
      .progress { color: var(--muted); }
    `,
    printStyles,
  ];

  @property({ attribute: false }) result: CompareResult | null = null;
  @property({ type: Boolean }) running = false;
  @property({ type: Boolean, attribute: 'can-run' }) canRun = false;
  @property() progress = '';
  /** Pool size of the "Parallel ×N" row: the cores the device reports. */
  @property({ type: Number }) cores = 1;

  private _onRun(): void {
    this.dispatchEvent(new CustomEvent('compare-run', { bubbles: true, composed: true }));
  }

  private chart(r: CompareResult) {
    const max = Math.max(1e-9, ...r.rows.map((x) => x.wall.max));
    const ticks = niceTicks(max);
    const scale = (WIDTH - LEFT - RIGHT) / (ticks.at(-1) ?? 1);
    const axisY = TOP + Math.max(1, r.rows.length) * ROW;
    return svg`
      ${r.rows.map((row, i) => {
        const y = TOP + i * ROW + 8;
        const mid = y + (ROW - 16) / 2;
        const x = (v: number) => LEFT + v * scale;
        return svg`
          <text x=${LEFT - 10} y=${mid + 7} text-anchor="end" fill="currentColor">${row.label}</text>
          <rect x=${LEFT} y=${y} width=${Math.max(1, row.wall.median * scale)} height=${ROW - 16} rx="4" fill=${MODES[row.mode].colour}></rect>
          <line class="whisker" x1=${x(row.wall.min)} x2=${x(row.wall.max)} y1=${mid} y2=${mid} stroke="currentColor" stroke-width="3"></line>
          <line class="whisker" x1=${x(row.wall.min)} x2=${x(row.wall.min)} y1=${mid - 10} y2=${mid + 10} stroke="currentColor" stroke-width="3"></line>
          <line class="whisker" x1=${x(row.wall.max)} x2=${x(row.wall.max)} y1=${mid - 10} y2=${mid + 10} stroke="currentColor" stroke-width="3"></line>
          <text x=${x(row.wall.max) + 10} y=${mid + 7} fill="currentColor" font-weight="600">${formatSpread(row.wall)}</text>`;
      })}
      ${valueAxis(ticks, LEFT, WIDTH - RIGHT, axisY, 'Wall time (ms): bar at the median, whisker from fastest to slowest round')}`;
  }

  override render() {
    const r = this.result;
    const rows = r?.rows.length ?? 0;
    return html`
      <div class="head">
        <h2 id="compare-title">Compare modes</h2>
        ${r ? exportButtons(() => this.renderRoot.querySelector('svg'), 'tilelab-compare-modes', 'mode comparison chart') : ''}
      </div>
      <p class="intro">
        Blocking, Concurrent${this.cores > 1 ? `, Parallel with one worker and Parallel with ${this.cores} (one per core)` : ' and Parallel with one worker'} on this
        photo and filter, taking turns,
        ${COMPARE_ROUNDS} rounds after one to warm up. A verdict is given only where the rounds do not overlap.
      </p>
      <div class="run">
        <button class="primary" type="button" ?disabled=${!this.canRun || this.running} @click=${this._onRun}>Compare modes</button>
        <span class="progress" aria-live="polite">${this.progress}</span>
      </div>
      ${
        r
          ? html`
            <p class="subject">${r.subject}</p>
            <svg viewBox="0 0 ${WIDTH} ${TOP + Math.max(1, rows) * ROW + AXIS}" role="img" aria-labelledby="compare-title compare-summary">
              ${this.chart(r)}
            </svg>
            <ul class="verdicts">
              ${compareVerdicts(r).map((v) => html`<li>${v}</li>`)}
            </ul>
            <p class="summary visually-hidden" id="compare-summary">${compareSummary(r)}</p>
          `
          : html`<p class="summary">No comparison yet: press Compare modes.</p>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-compare': TlCompare;
  }
}
