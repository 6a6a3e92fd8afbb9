import type { Kernel } from './kernel.js';
import { clamp, dstOffset } from './view.js';

export interface MedianSpec {
  readonly kind: 'median';
  readonly radius: number;
}

/** Count one value into a histogram bin. */
const bump = (hist: Int32Array, bin: number): void => {
  hist[bin] = (hist[bin] ?? 0) + 1;
};

export const MIN_MEDIAN_RADIUS = 1;
export const MAX_MEDIAN_RADIUS = 8;

export const medianRadius = (r: number): number => clamp(Math.round(r), MIN_MEDIAN_RADIUS, MAX_MEDIAN_RADIUS);

/**
 * Median of each channel (RGBA) over the (2r+1)² square, border replicated. Huang's sliding
 * histogram: moving one pixel right removes one column and adds one, so the cost per pixel
 * is O(r), and the median moves from where it was.
 */
export const medianKernel: Kernel<MedianSpec> = {
  halo: (spec) => medianRadius(spec.radius),
  apply(view, tile, spec, scratch) {
    const r = medianRadius(spec.radius);
    const side = 2 * r + 1;
    const half = (side * side - 1) / 2; // rank of the median, from 0
    const hist = scratch.int32('median-hist', 4 * 256);
    const rowsAt = scratch.int32('median-rows', side);
    const med = scratch.int32('median-med', 4);
    const below = scratch.int32('median-below', 4);
    const { src, dst } = view;
    const maxX = view.width - 1,
      maxY = view.height - 1;
    const sx = view.srcRect.x,
      sy = view.srcRect.y,
      sw = view.srcRect.w;

    for (let y = tile.y; y < tile.y + tile.h; y++) {
      for (let k = 0; k < side; k++) rowsAt[k] = (clamp(y - r + k, 0, maxY) - sy) * sw;
      hist.fill(0);
      for (let k = 0; k < side; k++) {
        for (let dx = -r; dx <= r; dx++) {
          const s = ((rowsAt[k] ?? 0) + clamp(tile.x + dx, 0, maxX) - sx) * 4;
          bump(hist, src[s] ?? 0);
          bump(hist, 256 + (src[s + 1] ?? 0));
          bump(hist, 512 + (src[s + 2] ?? 0));
          bump(hist, 768 + (src[s + 3] ?? 0));
        }
      }
      for (let c = 0; c < 4; c++) {
        let m = 0,
          lt = 0;
        const base = c * 256;
        while (lt + (hist[base + m] ?? 0) <= half) lt += hist[base + m++] ?? 0;
        med[c] = m;
        below[c] = lt;
      }
      let d = dstOffset(view, tile.x, y);
      dst[d] = med[0] ?? 0;
      dst[d + 1] = med[1] ?? 0;
      dst[d + 2] = med[2] ?? 0;
      dst[d + 3] = med[3] ?? 0;

      for (let x = tile.x + 1; x < tile.x + tile.w; x++) {
        const out = clamp(x - r - 1, 0, maxX) - sx;
        const inn = clamp(x + r, 0, maxX) - sx;
        if (out !== inn) {
          for (let k = 0; k < side; k++) {
            const so = ((rowsAt[k] ?? 0) + out) * 4,
              si = ((rowsAt[k] ?? 0) + inn) * 4;
            for (let c = 0; c < 4; c++) {
              const vo = src[so + c] ?? 0,
                vi = src[si + c] ?? 0;
              if (vo === vi) continue;
              const base = c * 256;
              hist[base + vo] = (hist[base + vo] ?? 0) - 1;
              hist[base + vi] = (hist[base + vi] ?? 0) + 1;
              const m = med[c] ?? 0;
              below[c] = (below[c] ?? 0) + ((vi < m ? 1 : 0) - (vo < m ? 1 : 0));
            }
          }
          for (let c = 0; c < 4; c++) {
            const base = c * 256;
            let m = med[c] ?? 0,
              lt = below[c] ?? 0;
            while (lt > half) lt -= hist[base + --m] ?? 0;
            while (lt + (hist[base + m] ?? 0) <= half) lt += hist[base + m++] ?? 0;
            med[c] = m;
            below[c] = lt;
          }
        }
        d += 4;
        dst[d] = med[0] ?? 0;
        dst[d + 1] = med[1] ?? 0;
        dst[d + 2] = med[2] ?? 0;
        dst[d + 3] = med[3] ?? 0;
      }
    }
  },
};
