import type { Rect, Tile } from './types.js';

export const MIN_TILE = 16;
export const MAX_TILE = 1024;
export const DEFAULT_TILE = 256;
/** The tile size "Auto": chosen per photo and worker count by `autoTileSize`. */
export const AUTO_TILE = 0;
/** Auto tiles give every worker at least this many, so no worker waits while another finishes the last one. */
export const MIN_TILES_PER_WORKER = 4;
/** The sizes the page offers, and those Auto chooses from. */
export const TILE_SIZES = [16, 32, 64, 128, 256, 512, 1024] as const;

/**
 * The largest offered size up to DEFAULT_TILE that still gives each of `workers` at least
 * MIN_TILES_PER_WORKER tiles (so 16 workers never share 12 tiles); MIN_TILE when none does.
 */
export function autoTileSize(width: number, height: number, workers: number): number {
  const want = MIN_TILES_PER_WORKER * Math.max(1, Math.round(workers));
  const fits = TILE_SIZES.filter((t) => t <= DEFAULT_TILE && t >= MIN_TILE && countTiles(width, height, t) >= want);
  return fits.at(-1) ?? MIN_TILE;
}

/** A tile size as it runs: Auto resolved for this photo and worker count, any other size clamped. */
export const resolveTileSize = (size: number, width: number, height: number, workers: number): number =>
  size === AUTO_TILE ? autoTileSize(width, height, workers) : clampTileSize(size);

export interface TilePlanOptions {
  readonly width: number;
  readonly height: number;
  readonly tileSize: number;
  /** Pixels each side that the filter reads beyond the tile. */
  readonly halo: number;
}

/** Clamp a requested tile size to the supported range, as a whole number. */
export function clampTileSize(size: number): number {
  if (!Number.isFinite(size)) return DEFAULT_TILE;
  return Math.min(MAX_TILE, Math.max(MIN_TILE, Math.round(size)));
}

/** Number of tiles `createTilePlan` makes, without making them. */
export function countTiles(width: number, height: number, tileSize: number): number {
  const size = clampTileSize(tileSize);
  return Math.ceil(width / size) * Math.ceil(height / size);
}

/** The rectangle tile `index` owns, row-major. */
export function tileRect(width: number, height: number, tileSize: number, index: number): Rect {
  const size = clampTileSize(tileSize);
  const cols = Math.ceil(width / size);
  const x = (index % cols) * size;
  const y = Math.floor(index / cols) * size;
  return { x, y, w: Math.min(size, width - x), h: Math.min(size, height - y) };
}

/** `rect` grown by `halo` on every side, clipped to the image. */
export function growRect(rect: Rect, halo: number, width: number, height: number): Rect {
  const x0 = Math.max(0, rect.x - halo);
  const y0 = Math.max(0, rect.y - halo);
  const x1 = Math.min(width, rect.x + rect.w + halo);
  const y1 = Math.min(height, rect.y + rect.h + halo);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * Cut an image into row-major tiles. Every pixel belongs to exactly one tile; edge tiles
 * are smaller. Each tile carries the area its filter reads (the halo), clipped to the image
 * because kernels clamp at the border.
 */
export function createTilePlan({ width, height, tileSize, halo }: TilePlanOptions): Tile[] {
  const grid = createTileGrid(width, height, tileSize, halo);
  return Array.from({ length: grid.count }, (_, index) => gridTile(grid, index));
}

/** Lane `lane` of `lanes`' contiguous share of `count` items: [from, to). */
export function shareOf(count: number, lane: number, lanes: number): { from: number; to: number } {
  return { from: Math.floor((count * lane) / lanes), to: Math.floor((count * (lane + 1)) / lanes) };
}

/** The overlap of two rectangles, or null when they do not meet. */
export function intersect(a: Rect, b: Rect): Rect | null {
  const x0 = Math.max(a.x, b.x),
    y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.w, b.x + b.w),
    y1 = Math.min(a.y + a.h, b.y + b.h);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}

/**
 * A run's tile grid, laid out once: the clamped tile size, how many tiles, and the halo the
 * filter reads. Tile `i`'s rectangles follow from these numbers, on any thread.
 */
export interface TileGrid {
  readonly width: number;
  readonly height: number;
  readonly tileSize: number;
  readonly count: number;
  readonly halo: number;
}

export function createTileGrid(width: number, height: number, tileSize: number, halo: number): TileGrid {
  const size = clampTileSize(tileSize);
  return { width, height, tileSize: size, count: width > 0 && height > 0 ? countTiles(width, height, size) : 0, halo };
}

/** Tile `index` of `grid`: the pixels it owns and those its filter reads. */
export function gridTile(grid: TileGrid, index: number): Tile {
  const rect = tileRect(grid.width, grid.height, grid.tileSize, index);
  return { index, rect, read: growRect(rect, grid.halo, grid.width, grid.height) };
}
