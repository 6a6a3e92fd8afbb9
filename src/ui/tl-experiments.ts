import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  EXPERIMENTS,
  memorySummary,
  raceSummary,
  scheduleSummary,
  tilesSummary,
  type Experiment,
  type ExperimentResult,
} from '../core/experiments.js';
import { formatMs } from '../core/stats.js';
import { barsChart, type BarRow } from './bars.js';
import { ChartWidth, chartText } from './chart-width.js';
import { EXPERIMENT_INFO } from './captions.js';
import { exportButtons } from './chart-export.js';
import { chartStyles, laneColour, READBACK_COLOUR, theme } from './theme.js';
import { printStyles } from './print.styles.js';
import { MODES, POOL_MODE } from '../core/modes.js';
import { timelineOf } from './tl-timeline.js';
import { KERNELS } from '../core/kernel-choice.js';
import { simdSummary } from '../core/simd-experiment.js';
import { sharedExtent } from '../core/chart-scale.js';
import { count } from '../core/words.js';
import './tl-speedup-chart.js';
import './tl-timeline.js';
import { formatMegabytes as mb } from '../core/sizes.js';

/**
 * The lesson's experiments, each run on the current photo and filter and drawn from the
 * RunRecords it produced.
 * @fires experiment-change - detail: the Experiment chosen
 * @fires experiment-run - the run button
 */
@customElement('tl-experiments')
export class TlExperiments extends LitElement {
  static override styles = [
    theme,
    chartStyles,
    chartText,
    css`
      /* On a phone a long title takes the row and the export buttons go under it. */
      .head { flex-wrap: wrap; }
      .bar { display: flex; gap: 12px; flex-wrap: wrap; align-items: end; }
      .field { display: grid; gap: 4px; }
      .field label { font-weight: 600; }
      p.caption { color: var(--muted); margin: 8px 0; font-size: 0.9em; max-width: 70ch; }
      p.progress { font-weight: 600; }
      p.progress:empty { margin: 0; }
      .stack { display: grid; gap: 16px; margin-top: 12px; }
      .table-wrap { overflow-x: auto; max-width: 100%; }
      table { border-collapse: collapse; font-size: 0.85em; font-variant-numeric: tabular-nums; }
      th, td { padding: 4px 12px; border-bottom: 1px solid var(--rule); text-align: right; }
      th:first-child, td:first-child { text-align: left; }
      .lost { color: var(--danger); font-weight: 700; }
      .exact { color: var(--ok); font-weight: 700; }
    `,
    printStyles,
  ];

  @property() experiment: Experiment = 'cores';
  @property({ attribute: false }) result: ExperimentResult | null = null;
  @property({ type: Boolean }) running = false;
  @property({ type: Boolean, attribute: 'can-run' }) canRun = false;
  @property() progress = '';
  private readonly size = new ChartWidth(this);

  private _onChoose(e: Event): void {
    const value = (e.target as HTMLSelectElement).value as Experiment;
    this.dispatchEvent(new CustomEvent('experiment-change', { detail: value, bubbles: true, composed: true }));
  }

  private _onRun(): void {
    this.dispatchEvent(new CustomEvent('experiment-run', { bubbles: true, composed: true }));
  }

  private bars(id: string, title: string, rows: BarRow[], summary: string, file: string, axisLabel = 'Wall time (ms)') {
    return html`
      <div class="head"><h3 id="${id}-title">${title}</h3>${exportButtons(() => this.renderRoot.querySelector(`svg#${id}`), file, title)}</div>
      ${barsChart(rows, { id, width: this.size.width, axisLabel, empty: 'No finished runs to draw.', labelledby: `${id}-title ${id}-summary` })}
      <p class="summary" id="${id}-summary">${summary}</p>`;
  }

  private renderResult(r: ExperimentResult) {
    switch (r.kind) {
      case 'cores':
        return html`<tl-speedup-chart .result=${r}></tl-speedup-chart>`;
      case 'tiles':
        return this.bars(
          'tiles',
          'Wall time by tile size',
          r.points.map((p) => ({
            label: `${p.tileSize} px (${count(p.tiles, 'tile')})`,
            segments: [{ value: p.medianMs, colour: MODES[POOL_MODE].colour }],
            note: `${formatMs(p.medianMs)}, idle ${(p.idleShare * 100).toFixed(0)}%`,
          })),
          tilesSummary(r),
          'tilelab-tile-sizes',
        );
      case 'schedule': {
        // One time axis for both timelines: the same tile takes the same width in each, so their lengths compare.
        const axisMs = sharedExtent(r.runs.map((x) => x.typical.wallMs));
        const name = (x: (typeof r.runs)[number]): string => (x.schedule === 'static' ? 'Static' : 'Dynamic');
        return html`
          ${this.bars(
            'schedule',
            'Static and dynamic scheduling, median wall time',
            r.runs.map((x) => ({
              label: name(x),
              segments: [{ value: x.medianMs, colour: MODES[POOL_MODE].colour }],
              note: formatMs(x.medianMs),
            })),
            scheduleSummary(r),
            'tilelab-schedule',
          )}
          <div class="stack">${r.runs.map(
            (x) => html`<tl-timeline level="3" heading=${`${name(x)}: the run closest to the median (${formatMs(x.typical.wallMs)})`}
              .data=${timelineOf(x.typical, axisMs)}></tl-timeline>`,
          )}</div>`;
      }
      case 'memory':
        return this.bars(
          'memory',
          'Shared memory vs message passing',
          r.runs.map((m) => ({
            label: m.memory === 'shared' ? 'Shared memory' : 'Message passing',
            segments: [{ value: m.medianMs, colour: m.memory === 'shared' ? MODES[POOL_MODE].colour : READBACK_COLOUR }],
            note: `${formatMs(m.medianMs)}, ${mb(m.bytesCopied)} copied`,
          })),
          memorySummary(r),
          'tilelab-memory',
        );
      case 'simd':
        return this.bars(
          'simd',
          `${r.filter}: JavaScript and WebAssembly SIMD, one worker and every core`,
          [
            ...r.points.map((p) => ({
              label: p.label,
              segments: [{ value: p.wall.median, colour: KERNELS[p.kernel].colour }],
              // The spread is in the summary below: a long note would run past the chart's edge.
              note: formatMs(p.wall.median),
            })),
            ...r.copy.map((c) => ({
              label: `Plain copy ×${c.workers}`,
              segments: [{ value: c.wall.median, colour: READBACK_COLOUR }],
              note: formatMs(c.wall.median),
            })),
          ],
          simdSummary(r),
          'tilelab-simd',
        );
      case 'race': {
        const expected = r.rounds[0]?.plain.expected ?? 0;
        const rows = r.rounds.flatMap((x, i) => [
          {
            label: `Round ${i + 1}, plain ++`,
            segments: [{ value: x.plain.lost, colour: laneColour(5) }],
            note: `${x.plain.lost.toLocaleString('en')} lost`,
          },
          {
            label: `Round ${i + 1}, Atomics.add`,
            segments: [{ value: x.atomic.lost, colour: laneColour(2) }],
            note: `${x.atomic.lost.toLocaleString('en')} lost`,
          },
        ]);
        return html`
          ${this.bars(
            'race',
            `Counts lost: ${expected.toLocaleString('en')} pixels counted into one shared histogram by ${count(r.workers, 'worker')}`,
            rows,
            raceSummary(r),
            'tilelab-race',
            'Counts lost (the expected total minus the counted one)',
          )}
          <div class="table-wrap">
            <table aria-labelledby="race-title">
              <thead><tr><th>Round</th><th>Expected</th><th>Plain ++</th><th>Lost</th><th>Atomics.add</th><th>Lost</th></tr></thead>
              <tbody>${r.rounds.map(
                (x, i) => html`<tr>
                <td>${i + 1}</td><td>${x.plain.expected.toLocaleString('en')}</td>
                <td>${x.plain.counted.toLocaleString('en')}</td><td class=${x.plain.lost > 0 ? 'lost' : 'exact'}>${x.plain.lost.toLocaleString('en')}</td>
                <td>${x.atomic.counted.toLocaleString('en')}</td><td class=${x.atomic.lost > 0 ? 'lost' : 'exact'}>${x.atomic.lost.toLocaleString('en')}</td>
              </tr>`,
              )}</tbody>
            </table>
          </div>`;
      }
    }
  }

  override render() {
    const info = EXPERIMENT_INFO[this.experiment];
    const result = this.result?.kind === this.experiment ? this.result : null;
    return html`
      <h2>Experiments</h2>
      <div class="bar">
        <div class="field">
          <label for="experiment">Experiment</label>
          <select id="experiment" @change=${this._onChoose}>
            ${EXPERIMENTS.map((e) => html`<option value=${e} ?selected=${e === this.experiment}>${EXPERIMENT_INFO[e].label}</option>`)}
          </select>
        </div>
        <button class="primary" type="button" ?disabled=${!this.canRun || this.running} @click=${this._onRun}>${info.button}</button>
      </div>
      <p class="caption">${info.caption}</p>
      <p class="progress" aria-live="polite">${this.progress}</p>
      ${result ? this.renderResult(result) : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-experiments': TlExperiments;
  }
}
