import { describe, expect, it } from 'vitest';
import { axisTicks, formatTick, labelColumn, sharedExtent, textWidth, wrapLabel } from '../../src/core/chart-scale.js';
import { firstCursor, laneOrder, moveCursor, type Cursor, type NavKey } from '../../src/core/timeline-nav.js';
import { epochMs, type Span } from '../../src/core/types.js';
import { count, noun } from '../../src/core/words.js';
import { formatSpread } from '../../src/core/evidence.js';
import { tilesSummary, raceSummary, type TilesResult } from '../../src/core/experiments.js';

describe('axis ticks', () => {
  it.each([
    // An empty chart (max 0, or the old 1e-9 floor) gets a plain 0…1 axis, not steps of 2e-10.
    [0, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [1e-9, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [NaN, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0.7, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [95, [0, 20, 40, 60, 80, 100]],
    [10_000, [0, 2000, 4000, 6000, 8000, 10_000]],
    [0.3, [0, 0.2, 0.4, 0.6, 0.8, 1]],
  ])('ticks covering %f are %o', (max, ticks) => {
    expect(axisTicks(max)).toEqual(ticks);
  });

  it('takes a smaller floor for charts whose values are small', () => {
    expect(axisTicks(0.03, 0.01)).toEqual([0, 0.01, 0.02, 0.03]);
  });

  it.each([
    [0, '0'],
    [10_000, '10000'],
    [2500, '2500'],
    [0.1 + 0.2, '0.3'],
    [2e-10, '0'],
    [0.000002, '0.000002'],
    [1e21, '1000000000000000000000'],
    [NaN, ''],
  ])('tick %f reads as %s', (value, text) => {
    expect(formatTick(value)).toBe(text);
  });

  it('gives labels that read back as the same finite number', () => {
    for (const max of [0, 0.07, 3, 95, 1234, 98_765, 2_000_000]) {
      for (const t of axisTicks(max, 0.01)) {
        const text = formatTick(t);
        expect(text).not.toMatch(/e|,/i);
        expect(Number(text)).toBeCloseTo(t, 9);
      }
    }
  });
});

describe('label fitting', () => {
  it('measures longer text as wider, and bold wider still', () => {
    expect(textWidth('10000', 16)).toBeGreaterThan(textWidth('1000', 16));
    expect(textWidth('Worker 8', 16, true)).toBeGreaterThan(textWidth('Worker 8', 16));
    // Generous: at 16 px a digit is about 9 px in the system fonts.
    expect(textWidth('10000', 16)).toBeGreaterThanOrEqual(5 * 9);
  });

  it('sizes the column to its longest label, so "10000" is never cut to "1000"', () => {
    const col = labelColumn(['16 px (10000 tiles)', '1024 px (1 tile)'], 1000, 16);
    expect(col.width).toBeGreaterThanOrEqual(Math.ceil(textWidth('16 px (10000 tiles)', 16)));
    expect(col.lines).toEqual([['16 px (10000 tiles)'], ['1024 px (1 tile)']]);
  });

  it('wraps a label wider than its share of a narrow chart at spaces, and widens for a long word', () => {
    const col = labelColumn(['Round 12, Atomics.add'], 300, 16, 0.4);
    expect(col.lines[0]?.length).toBeGreaterThan(1);
    expect(col.lines[0]?.join(' ')).toBe('Round 12, Atomics.add');
    for (const line of col.lines[0] ?? []) expect(textWidth(line, 16)).toBeLessThanOrEqual(col.width);
    const long = wrapLabel('Supercalifragilistic', 50, 16);
    expect(long.lines).toEqual(['Supercalifragilistic']);
    expect(long.widest).toBeGreaterThan(50);
  });
});

describe('a shared axis', () => {
  it.each([
    [[120, 340], 340],
    [[340, 120], 340],
    [[0, NaN, 5], 5],
    [[], 0],
  ])('the extent of %o is %f', (values, extent) => {
    expect(sharedExtent(values)).toBe(extent);
  });
});

describe('counts and nouns', () => {
  it.each([
    [0, 'run', '0 runs'],
    [1, 'run', '1 run'],
    [2, 'run', '2 runs'],
    [1, 'tile', '1 tile'],
    [260, 'tile', '260 tiles'],
  ])('%i %s is "%s"', (n, one, text) => {
    expect(count(n, one)).toBe(text);
  });
  it('takes an irregular plural', () => expect(noun(2, 'this', 'these')).toBe('these'));

  it('summaries never say "1 tiles", "1 workers" or "1 runs"', () => {
    const tiles: TilesResult = {
      kind: 'tiles',
      points: [{ tileSize: 1024, tiles: 1, medianMs: 10, samplesMs: [10], idleShare: 0.5, lanes: [] }],
    };
    expect(tilesSummary(tiles)).toContain('1024 px (1 tile)');
    expect(formatSpread({ median: 5, min: 5, max: 5, n: 1 })).toContain('(1 run)');
    const race = raceSummary({
      kind: 'race',
      workers: 2,
      rounds: [
        {
          plain: { counting: 'plain', expected: 10, counted: 9, lost: 1, ms: 1 },
          atomic: { counting: 'atomic', expected: 10, counted: 10, lost: 0, ms: 1 },
        },
      ],
    });
    expect(race).toContain('the 2 workers counted 9');
    for (const text of [tilesSummary(tiles), race]) expect(text).not.toMatch(/\b1 (tiles|workers|runs|cores)\b/);
  });
});

describe('moving through a timeline with the keys', () => {
  const span = (lane: number, tile: number, start: number): Span => ({ lane, tile, start: epochMs(start), end: epochMs(start + 5) });
  // Lane 0: tiles at 0, 10, 20; lane 1: at 2, 18; lane 2 empty; lane 3: at 9. Given out of order.
  const spans = [span(0, 2, 20), span(1, 1, 2), span(0, 0, 0), span(3, 5, 9), span(1, 4, 18), span(0, 3, 10)];
  const order = laneOrder(spans, 4);
  const at = (c: Cursor): number | undefined => spans[order[c.lane]?.[c.pos] ?? -1]?.tile;

  it('orders each lane in time and starts on the first tile of the first lane', () => {
    expect(order.map((l) => l.map((i) => spans[i]?.tile))).toEqual([[0, 3, 2], [1, 4], [], [5]]);
    expect(firstCursor(order)).toEqual({ lane: 0, pos: 0 });
    expect(firstCursor(laneOrder([], 2))).toBeNull();
  });

  it.each<[Cursor, NavKey, number | undefined]>([
    [{ lane: 0, pos: 0 }, 'ArrowRight', 3],
    [{ lane: 0, pos: 1 }, 'ArrowLeft', 0],
    [{ lane: 0, pos: 0 }, 'ArrowLeft', 0],
    [{ lane: 0, pos: 2 }, 'ArrowRight', 2],
    [{ lane: 0, pos: 1 }, 'End', 2],
    [{ lane: 0, pos: 2 }, 'Home', 0],
    // Down from the tile at 20 ms: lane 1's tile at 18 ms is the closest in time.
    [{ lane: 0, pos: 2 }, 'ArrowDown', 4],
    [{ lane: 0, pos: 0 }, 'ArrowUp', 0],
    // Lane 2 has no tiles: down skips it.
    [{ lane: 1, pos: 0 }, 'ArrowDown', 5],
    [{ lane: 3, pos: 0 }, 'ArrowDown', 5],
    // Up from the tile at 9 ms skips the empty lane 2; lane 1's tile at 2 ms is closer than the one at 18.
    [{ lane: 3, pos: 0 }, 'ArrowUp', 1],
  ])('from %o, %s lands on tile %i', (from, key, tile) => {
    expect(at(moveCursor(order, spans, from, key))).toBe(tile);
  });
});
