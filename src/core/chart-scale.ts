/**
 * The arithmetic of the charts, kept apart from drawing so it can be tested: axis ticks that
 * read as ordinary numbers, how wide a label is, where to wrap it, and one axis for charts that
 * are compared side by side.
 */
import { niceTicks } from './stats.js';

/**
 * Ticks from 0 covering `max`, about `count` of them. Below `floor` (or for no data at all) the
 * axis still runs 0…floor: a chart of nothing, or of a few microseconds, gets a readable axis
 * rather than steps of 2e-10.
 */
export function axisTicks(max: number, floor = 1, count = 5): number[] {
  const top = Number.isFinite(max) && max > floor ? max : floor;
  return niceTicks(top, count);
}

/** A tick as people write numbers: "0", "0.5", "2500", "10000"; no exponent, no float noise, no grouping (so it reads back as a number). */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return '';
  const clean = Number(value.toPrecision(12));
  if (clean === 0) return '0';
  return TICK_FORMAT.format(clean);
}

/** One formatter for every tick: making one per call cost charts tens of milliseconds on a slow phone. */
const TICK_FORMAT = new Intl.NumberFormat('en', { useGrouping: false, maximumFractionDigits: 6 });

/**
 * Widths of characters in em, taken from DejaVu Sans (the widest of the common system sans-serif
 * fonts) and rounded up, so that an estimate never comes out short on any of them.
 */
const NARROW = new Set(Array.from("iljI!|.:;'’"));
const THIN = new Set(Array.from('tfr ,()[]-'));
const WIDE = new Set(Array.from('mwMW@%'));

/** Estimated width in px of `text` drawn at `fontPx` (bold a little wider). */
export function textWidth(text: string, fontPx: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if (NARROW.has(c)) em += 0.3;
    else if (THIN.has(c)) em += 0.42;
    else if (WIDE.has(c)) em += 1;
    else if (c >= 'A' && c <= 'Z') em += 0.77;
    else if (c >= '0' && c <= '9') em += 0.64;
    else if (c >= 'a' && c <= 'z') em += 0.62;
    else em += 0.84;
  }
  return em * fontPx * (bold ? 1.12 : 1);
}

/**
 * `text` broken at spaces into lines no wider than `maxPx`. A single word wider than that
 * keeps a line of its own: the caller sizes the column from `widest` so that nothing is cut.
 */
export function wrapLabel(text: string, maxPx: number, fontPx: number, bold = false): { lines: string[]; widest: number } {
  const lines: string[] = [];
  for (const word of text.split(' ').filter((w) => w.length)) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} ${word}`, fontPx, bold) <= maxPx) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (!lines.length) lines.push('');
  return { lines, widest: Math.max(...lines.map((l) => textWidth(l, fontPx, bold))) };
}

/**
 * The label column for `labels`: as wide as the widest label, but no more than `maxShare` of
 * `width`; labels wider than that wrap, and the column grows to their longest word.
 */
export function labelColumn(
  labels: readonly string[],
  width: number,
  fontPx: number,
  maxShare = 0.45,
): { width: number; lines: string[][] } {
  const limit = Math.max(fontPx * 4, width * maxShare);
  const wrapped = labels.map((l) => wrapLabel(l, limit, fontPx));
  const widest = Math.max(0, ...wrapped.map((w) => w.widest));
  return { width: Math.ceil(widest), lines: wrapped.map((w) => w.lines) };
}

/** The one extent that every chart of a comparison is drawn on: the largest of their values. */
export function sharedExtent(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  return finite.length ? Math.max(...finite) : 0;
}
