import { histogramScratch, medianHistogram } from './median-histogram';
import { medianNetwork, networkScratch } from './median-network';

/**
 * Two methods, chosen per call, giving the same bytes: comparator networks (median-network.ts),
 * whose cost grows about as r³ but does not depend on the pixels, and constant-time histograms
 * (median-histogram.ts), whose cost is about the same for every radius and a little higher on
 * noise than on photos.
 *
 * Measured on a photo, one thread, 256 px tiles: the networks take about 4, 8, 15, 20, 33, 45 and
 * 58 ns a pixel for radius 1 to 7, the histograms about 68 at any radius (80 on noise, where the
 * networks take what they take on the photo). A network's every operation is dispatched once per
 * strip of lanes, so wide tiles suit them best: on 512 px tiles, from radius 5 on, with four
 * columns to a lane, they take 26, 37, 48 and 60 ns a pixel for radius 5 to 8.
 */

/**
 * Below this many pixels a tile is cheaper with histograms: building a network costs a few to
 * some tens of microseconds a call, and narrow strips pay each operation's dispatch more often.
 */
function networkFrom(r: i32): i32 {
  return r <= 2 ? 0 : r == 3 ? 256 : r == 4 ? 1024 : r == 5 ? 2304 : r == 6 ? 12288 : 16384;
}

/** Columns to a lane of the network for a tile `tw` wide (two or four), or 0 for histograms. */
function networkColumns(r: i32, tw: i32, th: i32): i32 {
  if (tw * th < networkFrom(r)) return 0;
  if (r <= 4) return 2;
  if (r <= 6) return tw > 256 ? 4 : 2;
  if (r == 7) return 4;
  return tw >= 512 ? 4 : 0;
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
  const T = networkColumns(radius, tw, th);
  if (T == 0 || !medianNetwork(src, sx, sy, sw, dst, dx, dy, dw, width, height, tx, ty, tw, th, scratch, radius, T))
    medianHistogram(src, sx, sy, sw, dst, dx, dy, dw, width, height, tx, ty, tw, th, scratch, radius);
}

export function medianScratch(tw: i32, th: i32, radius: i32): i32 {
  const h = histogramScratch(tw, th, radius);
  const T = networkColumns(radius, tw, th);
  const n = T == 0 ? 0 : networkScratch(tw, radius, T);
  return n > h ? n : h;
}
