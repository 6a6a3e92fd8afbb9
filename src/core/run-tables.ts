import { epochMs, type FilterSpec, type PixelView, type Rect, type Span } from './types.js';
import type { Scratch } from './scratch.js';
import type { FilterRegistry } from './filters.js';
import { applyFilterIn, jsKernels, type TileKernel } from './kernels/index.js';
import { countTiles, shareOf, tileRect } from './tiling.js';

/** Slots of the shared control block. */
export const CTRL = {
  /** Next tile to claim (dynamic schedule). */
  NEXT: 0,
  /** Non-zero: stop after the current tile. */
  CANCEL: 1,
  /** Tiles finished so far. */
  DONE: 2,
  LENGTH: 4,
} as const;

export const SPAN_FIELDS = 4; // lane, tile, start, end

/**
 * The control plane of one run: a control block, a per-tile "finished" flag and a span table.
 * Backed by a SharedArrayBuffer in parallel mode, so workers and the page read the same numbers.
 */
export interface RunTables {
  readonly ctrl: Int32Array;
  /** 1 once tile i is written and its span stored. */
  readonly state: Int32Array;
  /** [lane, tile, start, end] per tile, indexed by tile. */
  readonly spans: Float64Array;
}

export type Schedule = 'dynamic' | 'static';

/** Bytes `createRunTables` needs for `tiles` tiles. */
export function runTablesBytes(tiles: number): number {
  return tiles * SPAN_FIELDS * 8 + (CTRL.LENGTH + tiles) * 4;
}

/** Lay the tables out in `buffer` (a SharedArrayBuffer or an ArrayBuffer). */
export function createRunTables(buffer: ArrayBufferLike, tiles: number): RunTables {
  const spans = new Float64Array(buffer, 0, tiles * SPAN_FIELDS);
  const ctrl = new Int32Array(buffer, spans.byteLength, CTRL.LENGTH);
  const state = new Int32Array(buffer, spans.byteLength + ctrl.byteLength, tiles);
  return { ctrl, state, spans };
}

/** Record that `lane` finished `tile`. The flag is stored last, atomically, so a reader that sees it sees the span. */
export function finishTile(t: RunTables, lane: number, tile: number, start: number, end: number): void {
  const o = tile * SPAN_FIELDS;
  t.spans[o] = lane;
  t.spans[o + 1] = tile;
  t.spans[o + 2] = start;
  t.spans[o + 3] = end;
  Atomics.store(t.state, tile, 1);
  Atomics.add(t.ctrl, CTRL.DONE, 1);
}

export function readSpan(t: RunTables, tile: number): Span {
  const o = tile * SPAN_FIELDS;
  return { lane: t.spans[o] ?? 0, tile, start: epochMs(t.spans[o + 2] ?? NaN), end: epochMs(t.spans[o + 3] ?? NaN) };
}

/** Spans of every finished tile, in tile order. */
export function finishedSpans(t: RunTables): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < t.state.length; i++) if (Atomics.load(t.state, i) === 1) out.push(readSpan(t, i));
  return out;
}

export interface ClaimOptions {
  readonly view: PixelView;
  readonly tileSize: number;
  readonly spec: FilterSpec;
  readonly tables: RunTables;
  readonly lane: number;
  readonly lanes: number;
  readonly schedule: Schedule;
  /** Filter only inside this rectangle (the rest is copied); null for the whole image. */
  readonly region: Rect | null;
  readonly scratch: Scratch;
  /** The shared clock. */
  readonly now: () => number;
  /** Where `spec`'s kernel is looked up; the app's FILTERS when absent (the benchmark adds a plain copy). */
  readonly registry?: FilterRegistry;
  /** Computes each tile; the registry's JavaScript kernels when absent. */
  readonly kernel?: TileKernel;
}

/** Tiles not yet finished, in order: after a worker died, these are left for the others. */
export function unfinishedTiles(t: RunTables): number[] {
  const out: number[] = [];
  for (let i = 0; i < t.state.length; i++) if (Atomics.load(t.state, i) === 0) out.push(i);
  return out;
}

/** Filter exactly the listed tiles on this lane (the recovery pass after a worker died). */
export function filterTileList(o: ClaimOptions, tiles: readonly number[]): number {
  const { view, tables, lane } = o;
  let done = 0;
  for (const tile of tiles) {
    if (Atomics.load(tables.ctrl, CTRL.CANCEL) !== 0) break;
    const start = o.now();
    applyFilterIn(
      view,
      tileRect(view.width, view.height, o.tileSize, tile),
      o.spec,
      o.scratch,
      o.region,
      o.kernel ?? jsKernels(o.registry),
    );
    finishTile(tables, lane, tile, start, o.now());
    done++;
  }
  return done;
}

/**
 * One step of a lane's claim loop: claim a tile (dynamic: the next one from the shared counter;
 * static: the next of this lane's fixed, contiguous block), filter it and record its span.
 * `claimed` is how many tiles this lane has claimed so far. False, with nothing filtered, when
 * no tile is left or the run is cancelled. Exported so tests can interleave lanes tile by tile.
 */
export function claimNext(o: ClaimOptions, claimed: number): boolean {
  const { view, tables, lane } = o;
  if (Atomics.load(tables.ctrl, CTRL.CANCEL) !== 0) return false;
  const total = countTiles(view.width, view.height, o.tileSize);
  const share = shareOf(total, lane, o.lanes);
  const tile = o.schedule === 'dynamic' ? Atomics.add(tables.ctrl, CTRL.NEXT, 1) : share.from + claimed;
  if (tile >= (o.schedule === 'dynamic' ? total : share.to)) return false;
  const start = o.now();
  applyFilterIn(view, tileRect(view.width, view.height, o.tileSize, tile), o.spec, o.scratch, o.region, o.kernel ?? jsKernels(o.registry));
  finishTile(tables, lane, tile, start, o.now());
  return true;
}

/**
 * One lane's share of a parallel run: claim, filter and record tiles until none is left or the
 * run is cancelled. Returns how many tiles this lane filtered.
 */
export function claimTiles(o: ClaimOptions): number {
  let done = 0;
  while (claimNext(o, done)) done++;
  return done;
}
