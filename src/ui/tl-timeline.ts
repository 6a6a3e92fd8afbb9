import { LitElement, css, html, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { laneStats } from '../core/lanes.js';
import { laneCount, MODES } from '../core/modes.js';
import type { RunRecord } from '../core/record.js';
import { finishedSpans, type RunTables } from '../core/run-tables.js';
import { formatMs, niceTicks } from '../core/stats.js';
import { firstCursor, laneOrder, moveCursor, NAV_KEYS, type Cursor, type NavKey } from '../core/timeline-nav.js';
import type { Span } from '../core/types.js';
import { count } from '../core/words.js';
import { sharedNow } from '../engine/clock.js';
import { onFrame } from '../engine/frame-meter.js';
import { ChartWidth, chartText } from './chart-width.js';
import { exportButtons } from './chart-export.js';
import { barBox, laneChart, laneLayout, laneTableStyles } from './lane-chart.js';
import { chartStyles, laneColour, theme } from './theme.js';
import { printStyles } from './print.styles.js';

const LANE = 38;
/** Redraw a live timeline at most this often: each redraw is the page's own work, taken from the run. */
const LIVE_MS = 250;
/** Rows of the table alternative: enough to read how tiles were handed out, few enough to stay quick for thousands. */
const TABLE_ROWS = 100;
const AXIS_LABEL = 'Time since the run started (ms)';

export interface TimelineData {
  readonly spans: readonly Span[];
  readonly lanes: number;
  readonly start: number;
  readonly wallMs: number;
  readonly mainThread: boolean;
  /** The axis's length: while live it grows in steps so that bars already drawn stay put; timelines compared share one. */
  readonly axisMs?: number;
  /** Drawn while the run goes: bars only, nothing to focus. */
  readonly live?: boolean;
}

/** A finished run's timeline; `axisMs` puts it on an axis shared with the timelines it is compared with. */
export const timelineOf = (r: RunRecord, axisMs?: number): TimelineData => ({
  spans: r.spans,
  lanes: laneCount(r.settings.mode, r.settings.workers),
  start: r.startedAt,
  wallMs: r.wallMs,
  mainThread: MODES[r.settings.mode].usesPageThread,
  ...(axisMs !== undefined ? { axisMs } : {}),
});

const laneName = (d: TimelineData, lane: number): string => (d.mainThread ? 'Main thread' : `Worker ${lane + 1}`);

export function timelineSummary(d: TimelineData): string {
  if (!d.spans.length) return 'No tiles finished yet.';
  const stats = laneStats(d.spans, d.lanes, d.wallMs);
  const lanes = stats.map(
    (l) => `${laneName(d, l.lane).toLowerCase()}: ${count(l.tiles, 'tile')}, busy ${formatMs(l.busyMs)}, idle ${formatMs(l.idleMs)}`,
  );
  return `${count(d.spans.length, 'tile')} over ${formatMs(d.wallMs)}. ${lanes.join('; ')}.`;
}

/** What a tile says when focused or pointed at: lane, tile, start and duration. */
export function describeSpan(s: Span, d: TimelineData): string {
  return `${laneName(d, s.lane)}, tile ${s.tile + 1}, starts at ${formatMs(s.start - d.start)}, takes ${formatMs(s.end - s.start)}`;
}

/**
 * Who filtered which tile when: one lane per worker (or one for the main thread), a bar per
 * tile from its measured span. Drawn live during a run and kept afterwards. The tiles are one
 * tab stop: arrow keys move between them (roving tabindex), and a table gives the same in text.
 */
@customElement('tl-timeline')
export class TlTimeline extends LitElement {
  static override styles = [
    theme,
    chartStyles,
    chartText,
    laneTableStyles,
    css`
      /* On a phone a long title takes the row and the export buttons go under it. */
      .head { flex-wrap: wrap; }
      rect.tile { cursor: pointer; }
      rect.tile:focus { outline: none; stroke: currentColor; stroke-width: 4; }
      p.detail { margin: 4px 0 0; font-size: 0.9em; min-height: 1.3em; font-weight: 600; }
      p.note { font-size: 0.9em; margin: 4px 0; }
    `,
    printStyles,
  ];

  @property() heading = 'Timeline: who filtered which tile, when';
  /** Level of the heading: 2 on the page, 3 inside an experiment. */
  @property({ type: Number }) level = 2;
  @property({ attribute: false }) data: TimelineData | null = null;
  @state() private detail = '';
  @state() private cursor: Cursor | null = null;
  @state() private tableOpen = false;
  private readonly size = new ChartWidth(this);
  private order: number[][] = [];
  private static made = 0;
  /** Ids unique on the page: several timelines can be shown at once. */
  private readonly uid = `timeline-${++TlTimeline.made}`;

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
        this.data?.live && this.data.axisMs !== undefined && this.data.axisMs >= wallMs
          ? this.data.axisMs
          : (niceTicks(wallMs * 2).at(-1) ?? wallMs);
      this.data = { spans: finishedSpans(l.tables), lanes: l.lanes, start: l.start, wallMs, mainThread: l.mainThread, axisMs, live: true };
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

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('data')) {
      const d = this.data;
      this.order = d && !d.live ? laneOrder(d.spans, d.lanes) : [];
      this.cursor = firstCursor(this.order);
      if (!d?.live) this.detail = '';
    }
  }

  private spanAt(c: Cursor | null): number | undefined {
    return c ? this.order[c.lane]?.[c.pos] : undefined;
  }

  private onKey(e: KeyboardEvent): void {
    const d = this.data;
    if (!d || !this.cursor || !NAV_KEYS.includes(e.key)) return;
    e.preventDefault();
    this.cursor = moveCursor(this.order, d.spans, this.cursor, e.key as NavKey);
    void this.focusActive();
  }

  private async focusActive(): Promise<void> {
    await this.updateComplete;
    const i = this.spanAt(this.cursor);
    const s = i === undefined ? undefined : this.data?.spans[i];
    if (s && this.data) this.detail = describeSpan(s, this.data);
    this.renderRoot.querySelector<SVGRectElement>('rect.tile.active')?.focus();
  }

  /** The tile under the pointer, from the one listener on the chart rather than one per tile. */
  private spanOf(e: Event): number | undefined {
    const i = e.target instanceof Element ? e.target.getAttribute('data-i') : null;
    return i === null ? undefined : Number(i);
  }

  private onPoint(e: Event): void {
    const i = this.spanOf(e);
    const s = i === undefined ? undefined : this.data?.spans[i];
    if (s && this.data) this.detail = describeSpan(s, this.data);
  }

  private onClick(e: Event): void {
    const i = this.spanOf(e);
    const s = i === undefined ? undefined : this.data?.spans[i];
    if (!s) return;
    this.cursor = { lane: s.lane, pos: this.order[s.lane]?.indexOf(i ?? -1) ?? 0 };
    void this.focusActive();
  }

  private table(d: TimelineData) {
    const stats = laneStats(d.spans, d.lanes, d.wallMs);
    const first = [...d.spans].sort((a, b) => a.start - b.start).slice(0, TABLE_ROWS);
    return html`
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Each lane</caption>
          <thead><tr><th scope="col">Lane</th><th scope="col">Tiles</th><th scope="col">Busy</th><th scope="col">Idle</th></tr></thead>
          <tbody>${stats.map(
            (l) =>
              html`<tr><th scope="row">${laneName(d, l.lane)}</th><td>${l.tiles}</td><td>${formatMs(l.busyMs)}</td><td>${formatMs(l.idleMs)}</td></tr>`,
          )}</tbody>
        </table>
      </div>
      <p class="note">
        ${d.spans.length > TABLE_ROWS ? `The first ${TABLE_ROWS} of ${d.spans.length} tiles, in the order they started.` : 'Every tile, in the order they started.'}
      </p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Tiles in the order they started</caption>
          <thead><tr><th scope="col">Lane</th><th scope="col">Tile</th><th scope="col">Start (ms)</th><th scope="col">End (ms)</th><th scope="col">Took (ms)</th></tr></thead>
          <tbody>${first.map(
            (s) =>
              html`<tr><td>${laneName(d, s.lane)}</td><td>${s.tile + 1}</td><td>${(s.start - d.start).toFixed(1)}</td><td>${(s.end - d.start).toFixed(1)}</td><td>${(s.end - s.start).toFixed(1)}</td></tr>`,
          )}</tbody>
        </table>
      </div>`;
  }

  override render() {
    const d = this.data;
    const width = this.size.width;
    const lanes = d?.lanes ?? 1;
    const labels = Array.from({ length: lanes }, (_, lane) => (d ? laneName(d, lane) : ''));
    const layout = laneLayout(width, labels, d?.axisMs ?? d?.wallMs ?? 0, AXIS_LABEL, LANE);
    const live = !!d?.live;
    const active = this.spanAt(this.cursor);
    const id = this.uid;
    const title = this.level === 3 ? html`<h3 id="${id}-title">${this.heading}</h3>` : html`<h2 id="${id}-title">${this.heading}</h2>`;
    const bar = (s: Span, i: number) => {
      const { x, y, w, h } = barBox(layout, s.lane, s.start, s.end, d?.start ?? 0);
      if (live) return svg`<rect x=${x} y=${y} width=${w} height=${h} fill=${laneColour(s.lane)}></rect>`;
      // Only the tile the cursor is on is in the tab order and named: one tab stop, and thousands of tiles stay cheap.
      return i === active && d
        ? svg`<rect class="tile active" data-i=${i} x=${x} y=${y} width=${w} height=${h} fill=${laneColour(s.lane)}
            tabindex="0" role="img" aria-label=${describeSpan(s, d)} @focus=${() => (this.detail = describeSpan(s, d))}></rect>`
        : svg`<rect class="tile" data-i=${i} x=${x} y=${y} width=${w} height=${h} fill=${laneColour(s.lane)}></rect>`;
    };
    const hint = live
      ? ''
      : d?.spans.length
        ? 'Tab to the tiles, then use the arrow keys (Home and End for a lane’s first and last), or point at a tile, to see its details.'
        : '';
    return html`
      <div class="head">${title}${exportButtons(() => this.renderRoot.querySelector('svg'), 'tilelab-timeline', 'timeline')}</div>
      <svg viewBox="0 0 ${width} ${layout.height}" role="group" aria-roledescription="timeline" aria-labelledby="${id}-title ${id}-summary"
        @keydown=${this.onKey} @mouseover=${this.onPoint} @click=${this.onClick}>
        ${laneChart(layout, (lane) => ({ fill: laneColour(lane), opacity: 0.08 }), d?.spans.map(bar))}
      </svg>
      <p class="detail">${this.detail || hint}</p>
      <p class="summary" id="${id}-summary">${live ? `${count(d.spans.length, 'tile')} so far…` : d ? timelineSummary(d) : 'Run a filter to see its timeline.'}</p>
      ${
        d && !live && d.spans.length
          ? html`<details @toggle=${(e: Event) => (this.tableOpen = (e.target as HTMLDetailsElement).open)}>
              <summary>Timeline as a table</summary>
              ${this.tableOpen ? this.table(d) : ''}
            </details>`
          : ''
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-timeline': TlTimeline;
  }
}
