import { svg, type SVGTemplateResult } from 'lit';
import { niceTicks } from '../core/stats.js';

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

const ROW = 46;
const LEFT = 260;
const RIGHT = 170;
const WIDTH = 1000;
const TOP = 10;
const AXIS = 60;

/** Height of the viewBox `barsSvg` draws for `rows` rows. */
export const barsHeight = (rows: number): number => TOP + Math.max(1, rows) * ROW + AXIS;

/**
 * Horizontal stacked bars with a labelled value axis from zero: the body of an SVG chart whose
 * viewBox is 1000 × barsHeight(rows).
 */
export function barsSvg(rows: readonly BarRow[], axisLabel: string, empty: string): SVGTemplateResult {
  const max = Math.max(1e-9, ...rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0)));
  const ticks = niceTicks(max);
  const scale = (WIDTH - LEFT - RIGHT) / (ticks.at(-1) ?? 1);
  const axisY = TOP + Math.max(1, rows.length) * ROW;
  return svg`
    ${rows.length === 0 ? svg`<text x=${WIDTH / 2} y=${TOP + 28} text-anchor="middle" fill="currentColor">${empty}</text>` : ''}
    ${rows.map((row, i) => {
      const y = TOP + i * ROW + 8;
      let x = LEFT;
      const rects = row.segments.map((seg) => {
        const w = Math.max(seg.value > 0 ? 1 : 0, seg.value * scale);
        const r = svg`<rect x=${x} y=${y} width=${w} height=${ROW - 16} rx="4" fill=${seg.colour}></rect>`;
        x += w;
        return r;
      });
      return svg`<text x=${LEFT - 10} y=${y + 22} text-anchor="end" fill="currentColor">${row.label}</text>
        ${rects}<text x=${x + 8} y=${y + 22} fill="currentColor" font-weight="600">${row.note}</text>`;
    })}
    ${valueAxis(ticks, LEFT, WIDTH - RIGHT, axisY, axisLabel)}`;
}

/** A horizontal axis from 0 to the last tick, drawn from `left` to `right` at height `y`, with its label below. */
export function valueAxis(ticks: readonly number[], left: number, right: number, y: number, label: string): SVGTemplateResult {
  const scale = (right - left) / (ticks.at(-1) ?? 1);
  return svg`
    <line x1=${left} x2=${right} y1=${y} y2=${y} stroke="currentColor" stroke-width="2"></line>
    ${ticks.map(
      (t) => svg`
      <line x1=${left + t * scale} x2=${left + t * scale} y1=${y} y2=${y + 8} stroke="currentColor" stroke-width="2"></line>
      <text x=${left + t * scale} y=${y + 30} text-anchor="middle" fill="currentColor">${t}</text>`,
    )}
    <text x=${(left + right) / 2} y=${y + 56} text-anchor="middle" fill="currentColor" font-weight="600">${label}</text>`;
}
