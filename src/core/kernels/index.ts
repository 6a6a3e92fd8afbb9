import type { FilterKind, FilterSpec, PixelView, Rect } from '../types.js';
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
