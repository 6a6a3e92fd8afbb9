import type { FilterKind, FilterSpec, PixelView, Rect } from '../types.js';
import { intersect } from '../tiling.js';
import { dstOffset, srcOffset } from './view.js';
import type { Scratch } from '../scratch.js';
import type { Kernel } from './kernel.js';
import { matrixKernel, transferKernel } from './point.js';
import { blurKernel } from './blur.js';
import { sharpenKernel } from './sharpen.js';
import { sobelKernel } from './sobel.js';
import { medianKernel } from './median.js';

type KernelTable = { [K in FilterKind]: Kernel<Extract<FilterSpec, { kind: K }>> };

/** The one kernel for each filter; every mode looks its filter up here. */
export const KERNELS: KernelTable = {
  grayscale: matrixKernel,
  sepia: matrixKernel,
  invert: transferKernel,
  brightness: transferKernel,
  contrast: transferKernel,
  blur: blurKernel,
  sharpen: sharpenKernel,
  sobel: sobelKernel,
  median: medianKernel,
};

function kernelFor<S extends FilterSpec>(spec: S): Kernel<S> {
  return KERNELS[spec.kind] as unknown as Kernel<S>;
}

/** Pixels each side of a tile that `spec` reads. */
export function haloOf(spec: FilterSpec): number {
  return kernelFor(spec).halo(spec);
}

/** Filter one tile of `view` with `spec`. */
export function applyFilter(view: PixelView, tile: Rect, spec: FilterSpec, scratch: Scratch): void {
  kernelFor(spec).apply(view, tile, spec, scratch);
}

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
export function applyFilterIn(view: PixelView, tile: Rect, spec: FilterSpec, scratch: Scratch, region: Rect | null): void {
  if (!region) return applyFilter(view, tile, spec, scratch);
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
  applyFilter(view, inside, spec, scratch);
}
