import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatSpread, rank, rankingText, spreadOf } from '../core/evidence.js';
import { describeSpec } from '../core/filters.js';
import { runLabel, type RunRecord } from '../core/record.js';
import { formatMs } from '../core/stats.js';
import { barsChart, type BarRow } from './bars.js';
import { ChartWidth, chartText } from './chart-width.js';
import { exportButtons } from './chart-export.js';
import { chartStyles, DECODE_COLOUR, READBACK_COLOUR, theme } from './theme.js';
import { MODES, RUN_MODES } from '../core/modes.js';
import { KERNELS } from '../core/kernel-choice.js';

/**
 * Sentence a screen reader (and a test) can read instead of the bars. Runs with the same label
 * are repeats: each label's times are listed with their spread, and a fastest is named only when
 * `rank` finds the repeats separate it from every other label.
 */
export function wallSummary(runs: readonly RunRecord[]): string {
  const first = runs[0];
  if (!first) return 'No finished runs of this photo and filter yet.';
  const byLabel = new Map<string, number[]>();
  // Runs are repeats only when everything that decides their time matches: tile size and schedule too.
  const tiles = new Set(runs.map((r) => r.settings.tileSize)).size > 1;
  const kernels = new Set(runs.map((r) => r.settings.kernel)).size > 1;
  const label = (r: RunRecord): string =>
    `${runLabel(r.settings)}${kernels ? ` (${KERNELS[r.settings.kernel].label})` : ''}${tiles ? ` (${r.settings.tileSize} px tiles)` : ''}${r.settings.schedule === 'static' ? ' (static)' : ''}`;
  for (const r of runs) byLabel.set(label(r), [...(byLabel.get(label(r)) ?? []), r.wallMs]);
  const groups = [...byLabel].map(([label, ms]) => ({ label, ms }));
  const parts = groups.map((g) => `${g.label} took ${g.ms.length === 1 ? formatMs(g.ms[0] ?? NaN) : formatSpread(spreadOf(g.ms))}`);
  const ranking = rank(groups);
  const compare =
    groups.length < 2
      ? ''
      : ` ${rankingText(ranking)}${ranking.kind === 'too-few' ? ' The Compare modes button runs every mode that many times, taking turns.' : ''}`;
  return `${describeSpec(first.settings.filter)} on ${first.photo.name}: ${parts.join('; ')}.${compare}`;
}

/**
 * Wall time of each finished run of the current photo and filter, one bar a run: filtering in
 * the mode's colour, then read-back (copy and hash) in grey. Decode time, paid once per photo,
 * has its own bar.
 */
@customElement('tl-wall-chart')
export class TlWallChart extends LitElement {
  static override styles = [
    theme,
    chartStyles,
    chartText,
    css`
      .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px; margin-right: 6px; }
    `,
  ];

  /** Finished runs to draw, oldest first. */
  @property({ attribute: false }) runs: readonly RunRecord[] = [];
  private readonly size = new ChartWidth(this);

  override render() {
    const runs = this.runs;
    const first = runs[0];
    const rows: BarRow[] = first
      ? [
          { label: 'Decode', segments: [{ value: first.photo.decodeMs, colour: DECODE_COLOUR }], note: formatMs(first.photo.decodeMs) },
          ...runs.map((r) => ({
            label: `#${r.id} ${runLabel(r.settings)} · ${KERNELS[r.settings.kernel].short}`,
            segments: [
              { value: r.wallMs, colour: MODES[r.settings.mode].colour },
              { value: r.readbackMs, colour: READBACK_COLOUR },
            ],
            note: formatMs(r.wallMs),
          })),
        ]
      : [];
    return html`
      <div class="head">
        <h2 id="wall-title">Wall time per run</h2>
        ${exportButtons(() => this.renderRoot.querySelector('svg'), 'tilelab-wall-time', 'wall time chart')}
      </div>
      <div class="legend" aria-hidden="true">
        ${RUN_MODES.map((m) => html`<span><span class="swatch" style="background:${MODES[m].colour}"></span>${MODES[m].label}</span>`)}
        <span><span class="swatch" style="background:${READBACK_COLOUR}"></span>Read-back (copy + hash)</span>
        <span><span class="swatch" style="background:${DECODE_COLOUR}"></span>Decode (once per photo)</span>
      </div>
      ${barsChart(rows, {
        width: this.size.width,
        axisLabel: 'Time (ms)',
        empty: 'Run a filter to see its wall time here.',
        labelledby: 'wall-title wall-summary',
      })}
      <p class="summary" id="wall-summary">${wallSummary(runs)}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-wall-chart': TlWallChart;
  }
}
