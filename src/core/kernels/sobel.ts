import type { Kernel } from './kernel.js';
import { clamp, dstOffset, srcOffset } from './view.js';

export interface SobelSpec {
  readonly kind: 'sobel';
}

/** Rec. 709 luma weights, applied to the stored (gamma-encoded) values. */
export const LUMA_709 = [0.2126, 0.7152, 0.0722] as const;

/**
 * Sobel edges: gradient magnitude √(gx² + gy²) of luma, clamped to 255, written as grey with
 * the source alpha.
 */
export const sobelKernel: Kernel<SobelSpec> = {
  halo: () => 1,
  apply(view, tile, _spec, scratch) {
    const lw = tile.w + 2,
      lh = tile.h + 2;
    const luma = scratch.float64('sobel-luma', lw * lh);
    const { src, dst } = view;
    const maxX = view.width - 1,
      maxY = view.height - 1;
    for (let j = 0; j < lh; j++) {
      const y = clamp(tile.y - 1 + j, 0, maxY);
      for (let i = 0; i < lw; i++) {
        const s = srcOffset(view, clamp(tile.x - 1 + i, 0, maxX), y);
        luma[j * lw + i] = LUMA_709[0] * (src[s] ?? 0) + LUMA_709[1] * (src[s + 1] ?? 0) + LUMA_709[2] * (src[s + 2] ?? 0);
      }
    }
    for (let r = 0; r < tile.h; r++) {
      let d = dstOffset(view, tile.x, tile.y + r);
      let s = srcOffset(view, tile.x, tile.y + r);
      const up = r * lw,
        mid = up + lw,
        down = mid + lw;
      for (let c = 1; c <= tile.w; c++, d += 4, s += 4) {
        const gx =
          (luma[up + c + 1] ?? 0) +
          2 * (luma[mid + c + 1] ?? 0) +
          (luma[down + c + 1] ?? 0) -
          (luma[up + c - 1] ?? 0) -
          2 * (luma[mid + c - 1] ?? 0) -
          (luma[down + c - 1] ?? 0);
        const gy =
          (luma[down + c - 1] ?? 0) +
          2 * (luma[down + c] ?? 0) +
          (luma[down + c + 1] ?? 0) -
          (luma[up + c - 1] ?? 0) -
          2 * (luma[up + c] ?? 0) -
          (luma[up + c + 1] ?? 0);
        const m = Math.sqrt(gx * gx + gy * gy);
        const v = m >= 255 ? 255 : (m + 0.5) | 0;
        dst[d] = v;
        dst[d + 1] = v;
        dst[d + 2] = v;
        dst[d + 3] = src[s + 3] ?? 0;
      }
    }
  },
};
