import { LitElement, css, html, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { STAGE_LABELS, STAGES, type Stage } from '../core/batch.js';
import type { BatchBar } from '../core/batch-report.js';
import { formatMs } from '../core/stats.js';
import { count } from '../core/words.js';
import { ChartWidth, chartText } from './chart-width.js';
import { exportButtons } from './chart-export.js';
import { barBox, laneChart, laneLayout, laneTableStyles } from './lane-chart.js';
import { printStyles } from './print.styles.js';
import { chartStyles, laneColour, theme } from './theme.js';

const LANE = 36;
const AXIS_LABEL = 'Time since the batch started (ms)';

export interface BatchTimelineData {
  /** Lane labels, top to bottom (see `batchLaneLabels`). */
  readonly lanes: readonly string[];
  readonly bars: readonly BatchBar[];
  /** The photos' names, by their place in the batch. */
  readonly photos: readonly string[];
  readonly start: number;
  readonly totalMs: number;
  /** The axis's length: timelines compared share one; a live one grows in steps so bars stay put. */
  readonly axisMs?: number;
  readonly live?: boolean;
}

const describe = (b: BatchBar, d: BatchTimelineData, lane: string): string =>
  `${d.photos[b.photo] ?? `Photo ${b.photo + 1}`}: ${lane}, from ${formatMs(b.start - d.start)} for ${formatMs(b.end - b.start)}`;

/** The timeline in words: how long, and how much of the time stages overlapped. */
export function batchTimelineSummary(d: BatchTimelineData): string {
  if (!d.bars.length) return 'No stage has finished yet.';
  const photos = new Set(d.bars.map((b) => b.photo)).size;
  return `${count(photos, 'photo')} through ${count(d.lanes.length, 'lane')} in ${formatMs(d.totalMs)}; each photo has its own colour, and bars of different photos in the same column of time ran at once.`;
}

/**
 * A batch on one time axis: one lane per stage (the filter stage in the lanes that filtered),
 * a bar per photo per stage, in the photo's colour and named after it. One after another, the
 * bars form a staircase; pipelined, photos overlap across lanes. A table gives the same in text.
 */
@customElement('tl-batch-timeline')
export class TlBatchTimeline extends LitElement {
  static override styles = [
    theme,
    chartStyles,
    chartText,
    laneTableStyles,
    css`
      .head { flex-wrap: wrap; }
      .legend span { display: inline-flex; align-items: center; gap: 6px; overflow-wrap: anywhere; }
      svg.key { width: 14px; height: 14px; flex: none; }
      td { white-space: nowrap; }
    `,
    printStyles,
  ];

  @property() heading = 'Batch timeline';
  @property({ attribute: false }) data: BatchTimelineData | null = null;
  @state() private tableOpen = false;
  private readonly size = new ChartWidth(this);
  private static made = 0;
  private readonly uid = `batch-timeline-${++TlBatchTimeline.made}`;

  /** Start and end of each stage of each photo, in ms from the batch's start. */
  private table(d: BatchTimelineData) {
    const photos = [...new Set(d.bars.map((b) => b.photo))].sort((a, b) => a - b);
    const cell = (photo: number, stage: Stage) => {
      const own = d.bars.filter((b) => b.photo === photo && b.stage === stage);
      if (!own.length) return '–';
      const start = Math.min(...own.map((b) => b.start)) - d.start;
      const end = Math.max(...own.map((b) => b.end)) - d.start;
      return `${Math.round(start)}–${Math.round(end)}`;
    };
    return html`<div class="table-wrap">
      <table>
        <caption class="visually-hidden">Each photo’s stages, from and to (ms since the batch started)</caption>
        <thead><tr><th scope="col">Photo</th>${STAGES.map((s) => html`<th scope="col">${STAGE_LABELS[s]} (ms)</th>`)}</tr></thead>
        <tbody>${photos.map(
          (p) => html`<tr><th scope="row">${d.photos[p] ?? p + 1}</th>${STAGES.map((s) => html`<td>${cell(p, s)}</td>`)}</tr>`,
        )}</tbody>
      </table>
    </div>`;
  }

  override render() {
    const d = this.data;
    const width = this.size.width;
    const laneLabels = d?.lanes ?? [];
    const layout = laneLayout(width, laneLabels, d?.axisMs ?? d?.totalMs ?? 0, AXIS_LABEL, LANE);
    const id = this.uid;
    const bar = (b: BatchBar) => {
      if (!d) return '';
      const { x, y, w, h } = barBox(layout, b.lane, b.start, b.end, d.start);
      return svg`<rect class=${b.underWay ? 'bar under-way' : 'bar'} data-photo=${b.photo} data-lane=${b.lane} x=${x} y=${y} width=${w}
        height=${h} rx="3" fill=${laneColour(b.photo)} fill-opacity=${b.underWay ? 0.55 : 1}><title>${describe(b, d, laneLabels[b.lane] ?? '')}${b.underWay ? ' so far' : ''}</title></rect>`;
    };
    const shown = d ? [...new Set(d.bars.map((b) => b.photo))].sort((a, b) => a - b) : [];
    return html`
      <div class="head"><h3 id="${id}-title">${this.heading}</h3>${exportButtons(() => this.renderRoot.querySelector('svg'), 'tilelab-batch-timeline', 'batch timeline')}</div>
      <svg viewBox="0 0 ${width} ${layout.height}" role="img" aria-labelledby="${id}-title ${id}-summary">
        ${laneChart(layout, () => ({ fill: 'currentColor', opacity: 0.06 }), d?.bars.map(bar))}
      </svg>
      <div class="legend">${shown.map(
        (p) =>
          html`<span><svg class="key" viewBox="0 0 14 14" aria-hidden="true"><rect width="14" height="14" rx="3" fill=${laneColour(p)}></rect></svg> ${d?.photos[p] ?? p + 1}</span>`,
      )}</div>
      <p class="summary" id="${id}-summary">${d ? (d.live ? `${count(d.bars.length, 'stage')} finished so far…` : batchTimelineSummary(d)) : 'Filter all photos to see the batch’s timeline.'}</p>
      ${
        d && !d.live && d.bars.length
          ? html`<details @toggle=${(e: Event) => (this.tableOpen = (e.target as HTMLDetailsElement).open)}>
              <summary>${this.heading} as a table</summary>
              ${this.tableOpen ? this.table(d) : ''}
            </details>`
          : ''
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-batch-timeline': TlBatchTimeline;
  }
}
