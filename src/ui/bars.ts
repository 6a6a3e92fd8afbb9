import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { axisTicks, formatTick, labelColumn, textWidth, wrapLabel } from '../core/chart-scale.js';
import { CHART_FONT } from './chart-width.js';

export interface BarSegment {
  readonly value: number;
  readonly colour: string;
}

export interface BarRow {
  readonly label: string;
  readonly segments: readonly BarSegment[];
  /** Text after the bar, e.g. "423 ms". */
  readonly note: string;
}

const F = CHART_FONT;
/** Height of a line of chart text. */
export const LINE = Math.round(F * 1.3);
const BAR = 26;
const GAP = 12;
const TOP = 8;
/** Room a tick label needs, so that neighbouring ticks never touch. */
const TICK_ROOM = 72;

/** How many ticks fit on an axis `px` long. */
export const tickCount = (px: number): number => Math.max(2, Math.min(6, Math.floor(px / TICK_ROOM)));

/** Lines of an axis label wrapped to `width`. */
export const axisLines = (label: string, width: number): string[] => wrapLabel(label, width - 16, F, true).lines;

/** Height of what `valueAxis` draws below its line for a label of `lines` lines. */
export const axisHeight = (lines: number): number => 34 + lines * LINE + 4;

/** Half the widest tick label: the room the axis needs past its ends. */
export const tickOverhang = (ticks: readonly number[]): number => Math.max(0, ...ticks.map((t) => textWidth(formatTick(t), F))) / 2 + 4;

/** Text of one or more lines, the block centred on `y`. */
export function lines(text: readonly string[], x: number, y: number, anchor: 'start' | 'middle' | 'end', bold = false): SVGTemplateResult {
  const top = y - ((text.length - 1) * LINE) / 2 + F * 0.35;
  return svg`<text x=${x} y=${top} text-anchor=${anchor} fill="currentColor" font-weight=${bold ? '600' : '400'}>${text.map(
    // A wrapped line starts with the space it was broken at, so the text reads (and is found) as one phrase.
    (l, i) => svg`<tspan x=${x} y=${top + i * LINE}>${i ? ` ${l}` : l}</tspan>`,
  )}</text>`;
}

/**
 * A horizontal axis from 0 to the last tick, drawn from `left` to `right` at height `y`, its
 * label (wrapped to `width`) below.
 */
export function valueAxis(
  ticks: readonly number[],
  left: number,
  right: number,
  y: number,
  label: string,
  width: number,
): SVGTemplateResult {
  const scale = (right - left) / (ticks.at(-1) ?? 1);
  const labelLines = axisLines(label, width);
  return svg`
    <line x1=${left} x2=${right} y1=${y} y2=${y} stroke="currentColor" stroke-width="2"></line>
    ${ticks.map(
      (t) => svg`
      <line x1=${left + t * scale} x2=${left + t * scale} y1=${y} y2=${y + 7} stroke="currentColor" stroke-width="2"></line>
      <text class="tick" x=${left + t * scale} y=${y + 26} text-anchor="middle" fill="currentColor">${formatTick(t)}</text>`,
    )}
    ${lines(labelLines, width / 2, y + 34 + (labelLines.length * LINE) / 2, 'middle', true)}`;
}

export interface BarsOptions {
  /** Width the chart is drawn at, in CSS px (see ChartWidth). */
  readonly width: number;
  readonly axisLabel: string;
  /** What an empty chart says instead of an axis of nothing. */
  readonly empty: string;
  /** Ids of the title and summary that name the chart. */
  readonly labelledby: string;
  readonly id?: string;
}

/**
 * A chart of horizontal stacked bars on a value axis from zero, drawn at its real width: labels
 * get the column they need (wrapped when long, never cut), the note after each bar has room
 * before the edge.
 */
export function barsChart(rows: readonly BarRow[], o: BarsOptions): TemplateResult {
  const { width } = o;
  if (!rows.length) {
    const text = wrapLabel(o.empty, width - 16, F).lines;
    const h = TOP * 2 + text.length * LINE + 8;
    return html`<svg id=${ifDefined(o.id)} viewBox="0 0 ${width} ${h}" role="img" aria-labelledby=${o.labelledby}>
      ${lines(text, width / 2, h / 2, 'middle')}</svg>`;
  }
  const col = labelColumn(
    rows.map((r) => r.label),
    width,
    F,
    0.4,
  );
  // A few px of margin: the widths are estimates.
  const left = col.width + GAP + 4;
  const max = Math.max(0, ...rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0)));
  const noteRoom = Math.max(...rows.map((r) => textWidth(r.note, F, true))) + GAP;
  // On a narrow screen the notes go under their bars, so that the bars keep most of the width.
  const under = width - left - noteRoom < width * 0.4;
  // A first guess of the ticks sizes the right margin; the margin fixes the axis length, and the ticks are taken again for it.
  const guess = axisTicks(max, 1, tickCount(width - left - (under ? 16 : noteRoom)));
  const right = Math.max(under ? 8 : noteRoom, tickOverhang(guess));
  const plot = Math.max(40, width - left - right);
  const ticks = axisTicks(max, 1, tickCount(plot));
  const scale = plot / (ticks.at(-1) ?? 1);
  const half = (i: number): number => ((col.lines[i]?.length ?? 1) * LINE) / 2;
  const middle = (i: number): number => (under ? Math.max(BAR / 2, half(i)) + 4 : 0);
  const heights = col.lines.map((l, i) =>
    under ? Math.max(middle(i) + BAR / 2 + LINE + 12, l.length * LINE + 10) : Math.max(BAR + 14, l.length * LINE + 10),
  );
  let y = TOP;
  const drawn = rows.map((row, i) => {
    const h = heights[i] ?? BAR;
    const mid = under ? y + middle(i) : y + h / 2;
    y += h;
    let x = left;
    const rects = row.segments.map((seg) => {
      const w = Math.max(seg.value > 0 ? 1 : 0, seg.value * scale);
      const r = svg`<rect x=${x} y=${mid - BAR / 2} width=${w} height=${BAR} rx="4" fill=${seg.colour}></rect>`;
      x += w;
      return r;
    });
    // Under its bar a note starts with the bar, or further left where a long note would pass the edge.
    const noteX = under ? Math.max(4, Math.min(left, width - textWidth(row.note, F, true) - 4)) : x + 8;
    const note = lines([row.note], noteX, under ? mid + BAR / 2 + LINE / 2 + 2 : mid, 'start', true);
    return svg`${lines(col.lines[i] ?? [row.label], left - GAP, mid, 'end')}${rects}${note}`;
  });
  const axisY = y + 4;
  const height = axisY + axisHeight(axisLines(o.axisLabel, width).length);
  return html`<svg id=${ifDefined(o.id)} viewBox="0 0 ${width} ${height}" role="img" aria-labelledby=${o.labelledby}>
    ${drawn}${valueAxis(ticks, left, left + plot, axisY, o.axisLabel, width)}</svg>`;
}
