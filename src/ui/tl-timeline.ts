import { LitElement, css, html, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { laneStats } from '../core/lanes.js';
import { laneCount, MODES } from '../core/modes.js';
import type { RunRecord } from '../core/record.js';
import { finishedSpans, type RunTables } from '../core/run-tables.js';
import { formatMs, niceTicks } from '../core/stats.js';
import type { Span } from '../core/types.js';
import { sharedNow } from '../engine/clock.js';
import { onFrame } from '../engine/frame-meter.js';
import { valueAxis } from './bars.js';
import { exportButtons } from './chart-export.js';
import { chartStyles, laneColour, theme } from './theme.js';
import { printStyles } from './print.styles.js';

const LANE = 54;
const LEFT = 170;
const RIGHT = 20;
const WIDTH = 1000;
const TOP = 8;
const AXIS = 62;
/** Bars get keyboard focus only up to this many, so the Tab key stays usable. */
const FOCUSABLE = 300;
/** Redraw a live timeline at most this often: each redraw is the page's own work, taken from the run. */
const LIVE_MS = 250;

export interface TimelineData {
  readonly spans: readonly Span[];
  readonly lanes: number;
  readonly start: number;
  readonly wallMs: number;
  readonly mainThread: boolean;
  /** While live: the axis's length, which grows in steps so that bars already drawn stay put. */
  readonly axisMs?: number;
}

export const timelineOf = (r: RunRecord): TimelineData => ({
  spans: r.spans,
  lanes: laneCount(r.settings.mode, r.settings.workers),
  start: r.startedAt,
  wallMs: r.wallMs,
  mainThread: MODES[r.settings.mode].usesPageThread,
});

export function timelineSummary(d: TimelineData): string {
  if (!d.spans.length) return 'No tiles finished yet.';
  const stats = laneStats(d.spans, d.lanes, d.wallMs);
  const lanes = stats.map(
    (l) =>
      `${d.mainThread ? 'main thread' : `worker ${l.lane + 1}`}: ${l.tiles} tiles, busy ${formatMs(l.busyMs)}, idle ${formatMs(l.idleMs)}`,
  );
  return `${d.spans.length} tiles over ${formatMs(d.wallMs)}. ${lanes.join('; ')}.`;
}

/**
 * Who filtered which tile when: one lane per worker (or one for the main thread), a bar per
 * tile from its measured span. Drawn live during a run and kept afterwards.
 */
@customElement('tl-timeline')
export class TlTimeline extends LitElement {
  static override styles = [
    theme,
    chartStyles,
    css`
      rect.tile:focus { outline: none; stroke: currentColor; stroke-width: 3; }
      p.detail { margin: 4px 0 0; font-size: 0.85em; min-height: 1.3em; font-weight: 600; }
    `,
    printStyles,
  ];

  @property() heading = 'Timeline: who filtered which tile, when';
  /** Level of the heading: 2 on the page, 3 inside an experiment. */
  @property({ type: Number }) level = 2;
  @property({ attribute: false }) data: TimelineData | null = null;
  @state() private detail = '';

  private live: { tables: RunTables; lanes: number; start: number; mainThread: boolean; frame: number; timer: number } | null = null;

  /** Draw a run's spans as they are written, until `settle`. */
  follow(tables: RunTables, lanes: number, mainThread: boolean): void {
    this.stop();
    this.live = { tables, lanes, start: sharedNow(), mainThread, frame: 0, timer: 0 };
    this.detail = '';
    const tick = (): void => {
      const l = this.live;
      if (!l) return;
      const now = sharedNow();
      const wallMs = now - l.start;
      const axisMs =
        this.data?.axisMs !== undefined && this.data.axisMs >= wallMs ? this.data.axisMs : (niceTicks(wallMs * 2).at(-1) ?? wallMs);
      this.data = { spans: finishedSpans(l.tables), lanes: l.lanes, start: l.start, wallMs, mainThread: l.mainThread, axisMs };
      l.timer = window.setTimeout(() => (l.frame = onFrame(tick)), LIVE_MS);
    };
    tick();
  }

  /** The run ended: show exactly what its record says. */
  settle(record: RunRecord): void {
    this.stop();
    this.data = timelineOf(record);
  }

  private stop(): void {
    if (this.live) {
      cancelAnimationFrame(this.live.frame);
      clearTimeout(this.live.timer);
    }
    this.live = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  private describe(s: Span, d: TimelineData): string {
    const who = d.mainThread ? 'main thread' : `worker ${s.lane + 1}`;
    return `Tile ${s.tile + 1}, ${who}, starts at ${formatMs(s.start - d.start)}, takes ${formatMs(s.end - s.start)}`;
  }

  override render() {
    const d = this.data;
    const lanes = d?.lanes ?? 1;
    const height = TOP + lanes * LANE + AXIS;
    const ticks = niceTicks(Math.max(1, d?.axisMs ?? d?.wallMs ?? 1));
    const scale = (WIDTH - LEFT - RIGHT) / (ticks.at(-1) ?? 1);
    const axisY = TOP + lanes * LANE;
    const focusable = (d?.spans.length ?? 0) <= FOCUSABLE;
    const live = d?.axisMs !== undefined;
    const id = 'timeline';
    const title = this.level === 3 ? html`<h3 id="${id}-title">${this.heading}</h3>` : html`<h2 id="${id}-title">${this.heading}</h2>`;
    return html`
      <div class="head">${title}${exportButtons(() => this.renderRoot.querySelector('svg'), 'tilelab-timeline', 'timeline')}</div>
      <svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-summary">
        ${Array.from(
          { length: lanes },
          (_, lane) => svg`
          <rect x=${LEFT} y=${TOP + lane * LANE + 4} width=${WIDTH - LEFT - RIGHT} height=${LANE - 8} fill="currentColor" fill-opacity="0.06"></rect>
          <text x=${LEFT - 10} y=${TOP + lane * LANE + LANE / 2 + 7} text-anchor="end" fill=${laneColour(lane)} font-weight="700">
            ${d?.mainThread ? 'Main thread' : `Worker ${lane + 1}`}</text>`,
        )}
        ${
          live
            ? // While the run goes only the bars: each redraw is the page's own work, taken from the run.
              d.spans.map(
                (s) => svg`<rect x=${LEFT + (s.start - d.start) * scale} y=${TOP + s.lane * LANE + 6}
                width=${Math.max(1.5, (s.end - s.start) * scale)} height=${LANE - 12} fill=${laneColour(s.lane)}></rect>`,
              )
            : d?.spans.map(
                (s) => svg`
          <rect class="tile" x=${LEFT + (s.start - d.start) * scale} y=${TOP + s.lane * LANE + 6}
            width=${Math.max(1.5, (s.end - s.start) * scale)} height=${LANE - 12} fill=${laneColour(s.lane)}
            stroke="#ffffff" stroke-width="0.5" tabindex=${focusable ? '0' : '-1'} aria-label=${this.describe(s, d)}
            @focus=${() => (this.detail = this.describe(s, d))} @mouseenter=${() => (this.detail = this.describe(s, d))}>
            <title>${this.describe(s, d)}</title></rect>`,
              )
        }
        ${valueAxis(ticks, LEFT, WIDTH - RIGHT, axisY, 'Time since the run started (ms)')}
      </svg>
      <p class="detail" aria-live="off">${this.detail || 'Point at or tab to a tile to see its details.'}</p>
      <p class="summary" id="${id}-summary">${live ? `${d.spans.length} tiles so far…` : d ? timelineSummary(d) : 'Run a filter to see its timeline.'}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-timeline': TlTimeline;
  }
}
