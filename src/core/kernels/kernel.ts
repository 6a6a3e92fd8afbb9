import type { PixelView, Rect } from '../types.js';

/** What every filter's parameters have in common: the filter's name. */
export interface BaseSpec {
  readonly kind: string;
}
import type { Scratch } from '../scratch.js';

/**
 * A filter as every mode runs it. `apply` reads `view.src` (clamping at the image border),
 * writes exactly the pixels of `tile` in `view.dst`, and is deterministic.
 */
export interface Kernel<S extends BaseSpec> {
  /** Pixels each side of a tile that `apply` reads. */
  readonly halo: (spec: S) => number;
  readonly apply: (view: PixelView, tile: Rect, spec: S, scratch: Scratch) => void;
}
