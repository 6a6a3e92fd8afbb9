import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { amdahlSpeedup } from '../core/amdahl.js';
import { coresSummary, type CoresResult } from '../core/experiments.js';
import { axisTicks, formatTick, textWidth } from '../core/chart-scale.js';
import { count } from '../core/words.js';
import { axisLines, LINE, lines } from './bars.js';
import { CHART_FONT, ChartWidth, chartText } from './chart-width.js';
import { exportButtons } from './chart-export.js';
import { chartStyles, theme } from './theme.js';
import { printStyles } from './print.styles.js';

const T = 16;

/**
 * Speedup against workers: measured points with the spread of their repeats as error bars, the
 * ideal line, and Amdahl's law where the result has a fit (three or more worker counts within the
 * cores).
 */
@customElement('tl-speedup-chart')
export class TlSpeedupChart extends LitElement {
  static override styles = [
    theme,
    chartStyles,
    chartText,
    css`
      /* On a phone a long title takes the row and the export buttons go under it. */
      .head { flex-wrap: wrap; }
      .table-wrap { overflow-x: auto; max-width: 100%; }
      table { border-collapse: collapse; font-size: 0.9em; margin-top: 6px; font-variant-numeric: tabular-nums; }
      th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: right; }
    `,
    printStyles,
  ];

  @property({ attribute: false }) result!: CoresResult;
  private readonly size = new ChartWidth(this);

  override render() {
    const r = this.result;
    const maxN = Math.max(...r.points.map((p) => p.workers));
    const W = this.size.width;
    // As tall as it is wide on a phone, flatter on a wide screen.
    const H = Math.round(Math.min(460, Math.max(300, W * 0.5)));
    const yTicks = axisTicks(
      Math.max(maxN, ...r.points.flatMap((p) => [p.speedup, p.speedupHigh].filter(Number.isFinite))),
      1,
      Math.max(2, Math.min(8, Math.floor(H / 50))),
    );
    const maxS = yTicks.at(-1) ?? 1;
    const L = Math.ceil(Math.max(...yTicks.map((t) => textWidth(`${formatTick(t)}×`, CHART_FONT)))) + 44;
    const R = 16;
    const xLabel = axisLines('Workers', W);
    const B = 36 + xLabel.length * LINE;
    // Worker counts are labelled as many as fit: every one, else every second, …
    const every = Math.max(1, Math.ceil((maxN * 40) / Math.max(1, W - L - R)));
    const x = (n: number) => L + ((n - 1) / Math.max(1, maxN - 1)) * (W - L - R);
    const y = (s: number) => T + (1 - s / maxS) * (H - T - B);
    const fit = r.fit;
    const curve = fit
      ? Array.from({ length: 41 }, (_, i) => 1 + (i / 40) * (maxN - 1))
          .map((n) => `${x(n)},${y(amdahlSpeedup(fit, n))}`)
          .join(' ')
      : '';
    return html`
      <div class="head"><h3 id="speedup-title">Speedup against one worker</h3>
        ${exportButtons(() => this.renderRoot.querySelector('svg'), 'tilelab-speedup', 'speedup chart')}</div>
      <div class="legend" aria-hidden="true">
        <span style="color:var(--key-measured)">● measured</span><span>- - ideal (n×)</span><span>| spread of the repeats</span>
        ${fit ? html`<span style="color:var(--key-fit)">··· Amdahl fit</span>` : ''}
        <span style="color:var(--muted)">▒ more workers than cores</span>
      </div>
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="speedup-title speedup-summary">
        <rect x=${x(r.cores)} y=${T} width=${Math.max(0, x(maxN) - x(r.cores))} height=${H - T - B} fill="currentColor" fill-opacity="0.1"></rect>
        ${yTicks.map(
          (s) => svg`
          <line x1=${L} x2=${W - R} y1=${y(s)} y2=${y(s)} stroke="currentColor" stroke-opacity="0.2"></line>
          <text class="tick" x=${L - 10} y=${y(s) + 6} text-anchor="end" fill="currentColor">${formatTick(s)}×</text>`,
        )}
        ${r.points
          .filter((p) => (p.workers - 1) % every === 0 || p.workers === maxN)
          .map(
            (p) => svg`<text class="tick" x=${x(p.workers)} y=${H - B + 26} text-anchor="middle" fill="currentColor">${p.workers}</text>`,
          )}
        ${lines(xLabel, (L + W - R) / 2, H - B + 34 + (xLabel.length * LINE) / 2, 'middle', true)}
        <text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle" fill="currentColor" font-weight="600">Speedup</text>
        <line x1=${x(1)} y1=${y(1)} x2=${x(maxN)} y2=${y(maxN)} stroke="currentColor" stroke-width="2" stroke-dasharray="8 6"></line>
        ${fit ? svg`<polyline points=${curve} fill="none" stroke="#a96100" stroke-width="3" stroke-dasharray="2 6" stroke-linecap="round"></polyline>` : ''}
        ${r.points
          .filter((p) => p.runs > 1 && Number.isFinite(p.speedupLow) && Number.isFinite(p.speedupHigh))
          .map(
            (p) => svg`<line class="spread" x1=${x(p.workers)} x2=${x(p.workers)} y1=${y(p.speedupLow)} y2=${y(p.speedupHigh)}
              stroke="#2b6de0" stroke-width="2"></line>
              ${[p.speedupLow, p.speedupHigh].map((s) => svg`<line x1=${x(p.workers) - 10} x2=${x(p.workers) + 10} y1=${y(s)} y2=${y(s)} stroke="#2b6de0" stroke-width="2"></line>`)}`,
          )}
        <polyline points=${r.points.map((p) => `${x(p.workers)},${y(p.speedup)}`).join(' ')} fill="none" stroke="#2b6de0" stroke-width="3"></polyline>
        ${r.points.map((p) => svg`<circle cx=${x(p.workers)} cy=${y(p.speedup)} r="8" fill="#2b6de0"><title>${p.workers} workers: ${p.speedup.toFixed(2)}× (${p.speedupLow.toFixed(2)}–${p.speedupHigh.toFixed(2)}× over ${count(p.runs, 'run')})</title></circle>`)}
      </svg>
      <p class="summary" id="speedup-summary">${coresSummary(r)}</p>
      <div class="table-wrap"><table>
        <thead><tr><th>Workers</th>${r.points.map((p) => html`<th>${p.workers}</th>`)}</tr></thead>
        <tbody>
          <tr><th>Wall time (median)</th>${r.points.map((p) => html`<td>${Math.round(p.medianMs)} ms</td>`)}</tr>
          <tr><th>Fastest–slowest run</th>${r.points.map((p) => html`<td>${Math.round(p.minMs)}–${Math.round(p.maxMs)} ms</td>`)}</tr>
          <tr><th>Speedup</th>${r.points.map((p) => html`<td>${p.speedup.toFixed(2)}×</td>`)}</tr>
        </tbody>
      </table></div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-speedup-chart': TlSpeedupChart;
  }
}
