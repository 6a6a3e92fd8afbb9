import { medianNetwork, networkScratch } from './median-network';

/**
 * Median of each channel (RGBA) over the (2r + 1)² square around each pixel of the tile, the
 * image's border replicated: the same bytes as the JavaScript kernel (src/core/kernels/median.ts).
 */
export function median(
  src: usize,
  sx: i32,
  sy: i32,
  sw: i32,
  dst: usize,
  dx: i32,
  dy: i32,
  dw: i32,
  width: i32,
  height: i32,
  tx: i32,
  ty: i32,
  tw: i32,
  th: i32,
  scratch: usize,
  radius: i32,
): void {
  if (tw <= 0 || th <= 0) return;
  medianNetwork(src, sx, sy, sw, dst, dx, dy, dw, width, height, tx, ty, tw, th, scratch, radius);
}

export function medianScratch(tw: i32, th: i32, radius: i32): i32 {
  return networkScratch(tw, th, radius);
}
