import type { Kernel } from './kernel.js';
import { blurTile, boxPlan } from './blur.js';
import { dstOffset, srcOffset, toByte } from './view.js';

export interface SharpenSpec {
  readonly kind: 'sharpen';
  readonly amount: number;
  readonly sigma: number;
}

/** Unsharp mask: out = src + amount · (src − blur(src, σ)) on RGB; alpha is kept. */
export const sharpenKernel: Kernel<SharpenSpec> = {
  halo: (spec) => boxPlan(spec.sigma).halo,
  apply(view, tile, spec, scratch) {
    const rowLen = tile.w * 4;
    const blurred = scratch.uint8('sharpen-blurred', rowLen * tile.h);
    blurTile(view, tile, spec.sigma, scratch, { out: blurred, offset: 0, stride: rowLen });
    const { src, dst } = view;
    const amount = spec.amount;
    for (let r = 0; r < tile.h; r++) {
      const s0 = srcOffset(view, tile.x, tile.y + r);
      const d0 = dstOffset(view, tile.x, tile.y + r);
      const b0 = r * rowLen;
      for (let j = 0; j < rowLen; j += 4) {
        const s = s0 + j,
          d = d0 + j,
          b = b0 + j;
        const R = src[s] ?? 0,
          G = src[s + 1] ?? 0,
          B = src[s + 2] ?? 0;
        dst[d] = toByte(R + amount * (R - (blurred[b] ?? 0)));
        dst[d + 1] = toByte(G + amount * (G - (blurred[b + 1] ?? 0)));
        dst[d + 2] = toByte(B + amount * (B - (blurred[b + 2] ?? 0)));
        dst[d + 3] = src[s + 3] ?? 0;
      }
    }
  },
};
