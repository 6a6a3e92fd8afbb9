import type { PixelView, Rect } from '../types.js';
import { intersect } from '../tiling.js';
import { dstOffset, srcOffset } from './view.js';
import type { Scratch } from '../scratch.js';
import { filterInfo, FILTERS, type FilterRegistry, type FilterSpec } from '../filters.js';

/** Pixels each side of a tile that `spec` reads. */
export function haloOf(spec: FilterSpec, registry: FilterRegistry = FILTERS): number {
  return filterInfo(spec.kind, registry).halo(spec);
}

/** Filter one tile of `view` with `spec`: the one kernel of its filter, whatever the mode. */
export function applyFilter(view: PixelView, tile: Rect, spec: FilterSpec, scratch: Scratch, registry: FilterRegistry = FILTERS): void {
  filterInfo(spec.kind, registry).kernel(view, tile, spec, scratch);
}

/**
 * How one tile is computed: the registry's JavaScript kernel, or a WebAssembly SIMD one bound to
 * the memory the pixels live in. Same contract as a kernel: reads `view.src`, writes exactly
 * `tile` of `view.dst`, the same bytes whichever computes it.
 */
export type TileKernel = (view: PixelView, tile: Rect, spec: FilterSpec, scratch: Scratch) => void;

/** The JavaScript kernels of `registry`. */
export const jsKernels =
  (registry: FilterRegistry = FILTERS): TileKernel =>
  (view, tile, spec, scratch) =>
    applyFilter(view, tile, spec, scratch, registry);

/** Copy `rect` of the source to the destination unchanged. */
function copyRect(view: PixelView, rect: Rect): void {
  for (let y = rect.y; y < rect.y + rect.h; y++) {
    const s = srcOffset(view, rect.x, y);
    view.dst.set(view.src.subarray(s, s + rect.w * 4), dstOffset(view, rect.x, y));
  }
}

/**
 * Filter one tile, but only inside `region` (a spotlight the user draws); the rest of the tile
 * is copied. With no region, the whole tile is filtered.
 */
export function applyFilterIn(
  view: PixelView,
  tile: Rect,
  spec: FilterSpec,
  scratch: Scratch,
  region: Rect | null,
  kernel: TileKernel = jsKernels(),
): void {
  if (!region) return kernel(view, tile, spec, scratch);
  const inside = intersect(tile, region);
  if (!inside) return copyRect(view, tile);
  // Up to four bands around the filtered part: above, below, left, right.
  const bands: Rect[] = [
    { x: tile.x, y: tile.y, w: tile.w, h: inside.y - tile.y },
    { x: tile.x, y: inside.y + inside.h, w: tile.w, h: tile.y + tile.h - inside.y - inside.h },
    { x: tile.x, y: inside.y, w: inside.x - tile.x, h: inside.h },
    { x: inside.x + inside.w, y: inside.y, w: tile.x + tile.w - inside.x - inside.w, h: inside.h },
  ];
  for (const b of bands) if (b.w > 0 && b.h > 0) copyRect(view, b);
  kernel(view, inside, spec, scratch);
}
