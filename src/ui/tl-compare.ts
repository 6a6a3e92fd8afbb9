import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { compareSummary, compareVerdicts, COMPARE_ROUNDS, type CompareResult } from '../core/compare.js';
import { formatSpread } from '../core/evidence.js';
import { MODES } from '../core/modes.js';
import { axisTicks, labelColumn } from '../core/chart-scale.js';
import { axisHeight, axisLines, LINE, lines, tickCount, tickOverhang, valueAxis } from './bars.js';
import { CHART_FONT, ChartWidth, chartText } from './chart-width.js';
import { exportButtons } from './chart-export.js';
import { chartStyles, theme } from './theme.js';
import { printStyles } from './print.styles.js';

const BAR = 26;
const TOP = 8;
const GAP = 12;
const AXIS_LABEL = 'Wall time (ms): bar at the median, whisker from fastest to slowest round';

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
    chartText,
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
  private readonly size = new ChartWidth(this);

  private _onRun(): void {
    this.dispatchEvent(new CustomEvent('compare-run', { bubbles: true, composed: true }));
  }

  /**
   * A row a configuration: its label in a column sized to fit, the bar and whisker, and the
   * spread written under the bar, where it has the whole width however narrow the screen.
   */
  private chart(r: CompareResult) {
    const width = this.size.width;
    const col = labelColumn(
      r.rows.map((x) => x.label),
      width,
      CHART_FONT,
      0.35,
    );
    const left = col.width + GAP + 4;
    const max = Math.max(0, ...r.rows.map((x) => x.wall.max));
    const right = Math.max(16, tickOverhang(axisTicks(max, 1, tickCount(width - left - 16))));
    const plot = Math.max(40, width - left - right);
    const ticks = axisTicks(max, 1, tickCount(plot));
    const scale = plot / (ticks.at(-1) ?? 1);
    const x = (v: number) => left + v * scale;
    const rowH = (i: number) => Math.max(BAR + LINE + 14, (col.lines[i]?.length ?? 1) * LINE + 10);
    let y = TOP;
    const rows = r.rows.map((row, i) => {
      const top = y;
      y += rowH(i);
      const mid = top + BAR / 2 + 2;
      return svg`
          ${lines(col.lines[i] ?? [row.label], left - GAP, mid, 'end')}
          <rect x=${left} y=${mid - BAR / 2} width=${Math.max(1, row.wall.median * scale)} height=${BAR} rx="4" fill=${MODES[row.mode].colour}></rect>
          <line class="whisker" x1=${x(row.wall.min)} x2=${x(row.wall.max)} y1=${mid} y2=${mid} stroke="currentColor" stroke-width="3"></line>
          <line class="whisker" x1=${x(row.wall.min)} x2=${x(row.wall.min)} y1=${mid - 10} y2=${mid + 10} stroke="currentColor" stroke-width="3"></line>
          <line class="whisker" x1=${x(row.wall.max)} x2=${x(row.wall.max)} y1=${mid - 10} y2=${mid + 10} stroke="currentColor" stroke-width="3"></line>
          ${lines([formatSpread(row.wall)], left, mid + BAR / 2 + LINE / 2 + 4, 'start', true)}`;
    });
    const axisY = y + 4;
    const height = axisY + axisHeight(axisLines(AXIS_LABEL, width).length);
    return { height, body: svg`${rows}${valueAxis(ticks, left, left + plot, axisY, AXIS_LABEL, width)}` };
  }

  override render() {
    const r = this.result;
    const chart = r ? this.chart(r) : null;
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
            <svg viewBox="0 0 ${this.size.width} ${chart?.height ?? 0}" role="img" aria-labelledby="compare-title compare-summary">
              ${chart?.body}
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
