/**
 * The geometry both timelines share (a run's tiles per worker, a batch's stages per photo): lanes
 * one above the other, labelled on the left, bars on one time axis below them.
 */
import { css, svg, type SVGTemplateResult } from 'lit';
import { axisTicks, wrapLabel } from '../core/chart-scale.js';
import { axisHeight, axisLines, LINE, lines, tickCount, tickOverhang, valueAxis } from './bars.js';
import { CHART_FONT } from './chart-width.js';

const BAR = 26;
const TOP = 6;

export interface LaneLayout {
  /** Where the plot starts: the widest lane label, and a gap. */
  readonly left: number;
  readonly plot: number;
  /** Pixels per millisecond. */
  readonly scale: number;
  readonly ticks: readonly number[];
  readonly laneHeight: number;
  readonly axisY: number;
  readonly height: number;
  /** Each lane's label, in lines. */
  readonly labels: readonly (readonly string[])[];
  readonly axisLabel: string;
  readonly width: number;
}

/**
 * Lanes for `labels` in a chart `width` wide whose axis reaches `extentMs`. Labels wrap (at most
 * 30% of the width, never under four characters' room) and every lane grows to hold the tallest;
 * a lane is at least `minLane` high.
 */
export function laneLayout(width: number, labels: readonly string[], extentMs: number, axisLabel: string, minLane: number): LaneLayout {
  const wrapped = labels.map((l) => wrapLabel(l, Math.max(CHART_FONT * 4, width * 0.3), CHART_FONT, true));
  const left = Math.ceil(Math.max(40, ...wrapped.map((w) => w.widest))) + 14;
  const laneHeight = Math.max(minLane, Math.max(1, ...wrapped.map((w) => w.lines.length)) * LINE + 6);
  const right = Math.max(12, tickOverhang(axisTicks(extentMs, 1, tickCount(width - left - 40))));
  const plot = Math.max(40, width - left - right);
  const ticks = axisTicks(extentMs, 1, tickCount(plot));
  const axisY = TOP + labels.length * laneHeight + 2;
  return {
    left,
    plot,
    scale: plot / (ticks.at(-1) ?? 1),
    ticks,
    laneHeight,
    axisY,
    height: axisY + axisHeight(axisLines(axisLabel, width).length),
    labels: wrapped.map((w) => w.lines),
    axisLabel,
    width,
  };
}

/** Where a bar from `start` to `end` (ms on the chart's clock, `origin` at the axis's 0) sits in `lane`. */
export function barBox(
  l: LaneLayout,
  lane: number,
  start: number,
  end: number,
  origin: number,
): { x: number; y: number; w: number; h: number } {
  return {
    x: l.left + (start - origin) * l.scale,
    y: TOP + lane * l.laneHeight + (l.laneHeight - BAR) / 2,
    w: Math.max(1.5, (end - start) * l.scale),
    h: BAR,
  };
}

/** Each lane's band and label, then the time axis, around `bars`. */
export function laneChart(l: LaneLayout, band: (lane: number) => { fill: string; opacity: number }, bars: unknown): SVGTemplateResult {
  return svg`${l.labels.map((label, lane) => {
    const { fill, opacity } = band(lane);
    return svg`<rect class="lane" x=${l.left} y=${TOP + lane * l.laneHeight + 2} width=${l.plot} height=${l.laneHeight - 4} fill=${fill}
        fill-opacity=${opacity}></rect>
      ${lines(label, l.left - 10, TOP + lane * l.laneHeight + l.laneHeight / 2, 'end', true)}`;
  })}
    ${bars}
    ${valueAxis(l.ticks, l.left, l.left + l.plot, l.axisY, l.axisLabel, l.width)}`;
}

/** The table alternative both timelines put under a `<details>`. */
export const laneTableStyles = css`
  details { margin-top: 6px; }
  summary { cursor: pointer; font-weight: 600; min-height: 44px; display: flex; align-items: center; }
  .table-wrap { overflow-x: auto; max-width: 100%; }
  table { border-collapse: collapse; font-size: 0.9em; font-variant-numeric: tabular-nums; margin: 6px 0; }
  th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: right; }
  th:first-child, td:first-child { text-align: left; }
`;
