import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { describeSpec } from '../core/filters.js';
import { runLabel, type RunRecord } from '../core/record.js';
import { formatMs, niceTicks } from '../core/stats.js';
import { MODE_COLOURS, theme } from './theme.js';

const ROW = 46;
const LEFT = 250;
const RIGHT = 110;
const WIDTH = 1000;
const TOP = 10;
const AXIS = 56;

/** Sentence a screen reader (and a test) can read instead of the bars. */
export function wallSummary(runs: readonly RunRecord[]): string {
  if (runs.length === 0) return 'No finished runs of this photo and filter yet.';
  const first = runs[0]!;
  const parts = runs.map((r) => `${runLabel(r.settings)} took ${formatMs(r.wallMs)}`);
  const fastest = runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  const slowest = runs.reduce((a, b) => (b.wallMs > a.wallMs ? b : a));
  const ratio = slowest.wallMs / fastest.wallMs;
  const compare = runs.length > 1 && ratio > 1.005
    ? ` Fastest: ${runLabel(fastest.settings)}, ${ratio.toFixed(2)}× faster than ${runLabel(slowest.settings)}.`
    : '';
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
    css`
      :host { display: block; }
      h2 { font-size: 1.1em; margin: 0 0 6px; }
      svg { width: 100%; height: auto; font-size: 20px; }
      .legend { display: flex; gap: 18px; flex-wrap: wrap; font-size: 0.8em; margin: 4px 0; }
      .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px; margin-right: 6px; }
      p.summary { margin: 6px 0 0; font-size: 0.85em; color: var(--muted); }
    `,
  ];

  /** Finished runs to draw, oldest first. */
  @property({ attribute: false }) runs: readonly RunRecord[] = [];

  override render() {
    const runs = this.runs;
    const decode = runs[0]?.photo.decodeMs ?? 0;
    const max = Math.max(1, decode, ...runs.map((r) => r.wallMs + r.readbackMs));
    const ticks = niceTicks(max);
    const scale = (WIDTH - LEFT - RIGHT) / ticks[ticks.length - 1]!;
    const rows = runs.length + (runs.length ? 1 : 0);
    const height = TOP + Math.max(1, rows) * ROW + AXIS;
    const axisY = TOP + Math.max(1, rows) * ROW;
    const summary = wallSummary(runs);
    const bar = (i: number, label: string, parts: { ms: number; fill: string }[], value: string) => {
      const y = TOP + i * ROW + 8;
      let x = LEFT;
      return svg`
        <text x=${LEFT - 10} y=${y + 22} text-anchor="end" fill="currentColor">${label}</text>
        ${parts.map((p) => {
          const w = Math.max(1, p.ms * scale);
          const r = svg`<rect x=${x} y=${y} width=${w} height=${ROW - 16} rx="4" fill=${p.fill}></rect>`;
          x += w;
          return r;
        })}
        <text x=${x + 8} y=${y + 22} fill="currentColor" font-weight="600">${value}</text>`;
    };
    return html`
      <h2 id="wall-title">Wall time per run</h2>
      <div class="legend" aria-hidden="true">
        <span><span class="swatch" style="background:var(--parallel)"></span>Parallel</span>
        <span><span class="swatch" style="background:var(--concurrent)"></span>Concurrent</span>
        <span><span class="swatch" style="background:var(--blocking)"></span>Blocking</span>
        <span><span class="swatch" style="background:var(--readback)"></span>Read-back (copy + hash)</span>
        <span><span class="swatch" style="background:#6b7280"></span>Decode (once per photo)</span>
      </div>
      <svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="wall-title wall-summary">
        ${runs.length
          ? svg`
            ${bar(0, 'Decode', [{ ms: decode, fill: '#6b7280' }], formatMs(decode))}
            ${runs.map((r, i) =>
              bar(i + 1, `#${r.id} ${runLabel(r.settings)}`, [
                { ms: r.wallMs, fill: MODE_COLOURS[r.settings.mode] },
                { ms: r.readbackMs, fill: 'var(--readback)' },
              ], formatMs(r.wallMs)),
            )}`
          : svg`<text x=${WIDTH / 2} y=${TOP + 28} text-anchor="middle" fill="currentColor">Run a filter to see its wall time here.</text>`}
        <line x1=${LEFT} x2=${WIDTH - RIGHT} y1=${axisY} y2=${axisY} stroke="currentColor" stroke-width="2"></line>
        ${ticks.map((t) => svg`
          <line x1=${LEFT + t * scale} x2=${LEFT + t * scale} y1=${axisY} y2=${axisY + 8} stroke="currentColor" stroke-width="2"></line>
          <text x=${LEFT + t * scale} y=${axisY + 30} text-anchor="middle" fill="currentColor">${t}</text>`)}
        <text x=${(LEFT + WIDTH - RIGHT) / 2} y=${axisY + 54} text-anchor="middle" fill="currentColor" font-weight="600">Time (ms)</text>
      </svg>
      <p class="summary" id="wall-summary">${summary}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-wall-chart': TlWallChart;
  }
}
