/**
 * Where pixels are, as the page hands them in. Every kernel takes the same leading arguments:
 *
 *   src, sx, sy, sw   the source pixels: pixel (x, y) of the image is at src + ((y - sy) * sw + (x - sx)) * 4;
 *                     only the tile plus its halo, clipped to the image, is there to read
 *   dst, dx, dy, dw   the destination the same way; the kernel writes exactly the tile's pixels
 *   width, height     the whole image's size (to clamp at its border)
 *   tx, ty, tw, th    the tile
 *   scratch           16-byte-aligned memory this thread may use as it likes during the call
 *
 * then the filter's own parameters. RGBA, 4 bytes a pixel, R first.
 */

/** Address of pixel (x, y) in a plane that starts at pixel (ox, oy) with `stride` pixels a row. */
export function at(base: usize, ox: i32, oy: i32, stride: i32, x: i32, y: i32): usize {
  return base + ((<usize>(y - oy) * <usize>stride + <usize>(x - ox)) << 2);
}

export function clampI(v: i32, lo: i32, hi: i32): i32 {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Round up to a multiple of 16 bytes, so every scratch buffer can be read a vector at a time. */
export function align16(n: i32): i32 {
  return (n + 15) & ~15;
}
