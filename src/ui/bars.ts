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
  const scale = (WIDTH - LEFT - RIGHT) / ticks[ticks.length - 1]!;
  const axisY = TOP + Math.max(1, rows.length) * ROW;
  return svg`
    ${rows.length === 0 ? svg`<text x=${WIDTH / 2} y=${TOP + 28} text-anchor="middle" fill="#111827">${empty}</text>` : ''}
    ${rows.map((row, i) => {
      const y = TOP + i * ROW + 8;
      let x = LEFT;
      const rects = row.segments.map((seg) => {
        const w = Math.max(seg.value > 0 ? 1 : 0, seg.value * scale);
        const r = svg`<rect x=${x} y=${y} width=${w} height=${ROW - 16} rx="4" fill=${seg.colour}></rect>`;
        x += w;
        return r;
      });
      return svg`<text x=${LEFT - 10} y=${y + 22} text-anchor="end" fill="#111827">${row.label}</text>
        ${rects}<text x=${x + 8} y=${y + 22} fill="#111827" font-weight="600">${row.note}</text>`;
    })}
    <line x1=${LEFT} x2=${WIDTH - RIGHT} y1=${axisY} y2=${axisY} stroke="#111827" stroke-width="2"></line>
    ${ticks.map((t) => svg`
      <line x1=${LEFT + t * scale} x2=${LEFT + t * scale} y1=${axisY} y2=${axisY + 8} stroke="#111827" stroke-width="2"></line>
      <text x=${LEFT + t * scale} y=${axisY + 30} text-anchor="middle" fill="#111827">${t}</text>`)}
    <text x=${(LEFT + WIDTH - RIGHT) / 2} y=${axisY + 56} text-anchor="middle" fill="#111827" font-weight="600">${axisLabel}</text>`;
}
