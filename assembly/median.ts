import { histogramScratch, medianHistogram } from './median-histogram';
import { medianNetwork, networkScratch } from './median-network';

/**
 * Two methods, chosen per call, giving the same bytes: comparator networks (median-network.ts),
 * whose cost grows about as r³ but does not depend on the pixels, and constant-time histograms
 * (median-histogram.ts), whose cost is about the same for every radius and a little higher on
 * noise than on photos. Measured on a photo, one thread, 256 px tiles: the networks take about 4,
 * 8, 15, 20, 35, 47 and 70 ns a pixel for radius 1 to 7, the histograms about 73 at any radius
 * (82 on noise, where the networks take the same as on the photo).
 */

/** From this radius on, histograms beat networks. */
const HISTOGRAM_FROM: i32 = 8;

/**
 * Below this many pixels a tile is cheaper with histograms: building a network costs a few to
 * some tens of microseconds a call, and narrow strips pay each operation's dispatch more often.
 */
function networkFrom(r: i32): i32 {
  return r <= 2 ? 0 : r == 3 ? 256 : r == 4 ? 1024 : r == 5 ? 2304 : r == 6 ? 12288 : 16384;
}

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
  if (
    radius >= HISTOGRAM_FROM ||
    tw * th < networkFrom(radius) ||
    !medianNetwork(src, sx, sy, sw, dst, dx, dy, dw, width, height, tx, ty, tw, th, scratch, radius)
  )
    medianHistogram(src, sx, sy, sw, dst, dx, dy, dw, width, height, tx, ty, tw, th, scratch, radius);
}

export function medianScratch(tw: i32, th: i32, radius: i32): i32 {
  const h = histogramScratch(tw, th, radius);
  if (radius >= HISTOGRAM_FROM) return h;
  const n = networkScratch(tw, th, radius);
  return n > h ? n : h;
}
