import { align16, at, clampI } from './view';

/*
 * Sobel edges as the JavaScript kernel computes them (src/core/kernels/sobel.ts), in float64,
 * two pixels a vector: luma = (0.2126·R + 0.7152·G) + 0.0722·B per pixel, the gradients gx and gy
 * summed term by term in the JavaScript's order, m = √(gx² + gy²), and the byte
 * m ≥ 255 ? 255 : ⌊m + 0.5⌋, written to R, G and B with the source's alpha. Every operation is
 * the JavaScript's own on the same float64 values (no fused multiply-add in WebAssembly), so the
 * bytes are the same.
 *
 * Luma is kept for three image rows at a time (above, at and below the output row), each
 * tw + 2 values wide (one more pixel each side, clamped to the image).
 */

/** Bytes of one row of luma: tw + 2 float64 values, and room to read a vector past the end. */
function lumaRowBytes(tw: i32): i32 {
  return align16(((tw + 2) << 3) + 16);
}

export function sobelScratch(tw: i32, th: i32): i32 {
  return 3 * lumaRowBytes(tw) + CONSTANTS;
}

/** Bytes of vector constants kept in scratch (see `sobel`). */
const CONSTANTS: i32 = 128;

/** The luma of one pixel, as the JavaScript computes it. */
function lumaOf(p: u32): f64 {
  return 0.2126 * <f64>(p & 255) + 0.7152 * <f64>((p >>> 8) & 255) + 0.0722 * <f64>((p >>> 16) & 255);
}

/** Luma of image row y, pixels tx − 1 to tx + tw (clamped), into `out`. */
function lumaRow(
  src: usize,
  sx: i32,
  sy: i32,
  sw: i32,
  width: i32,
  tx: i32,
  tw: i32,
  y: i32,
  out: usize,
  wr: v128,
  wg: v128,
  wb: v128,
): void {
  // Pixels inside the image: from x0 to x1 inclusive, at out[x - (tx − 1)].
  const x0 = max(0, tx - 1),
    x1 = min(width - 1, tx + tw);
  let s = at(src, sx, sy, sw, x0, y);
  let o = out + ((<usize>(x0 - (tx - 1))) << 3);
  let x = x0;
  const byte = i32x4.splat(255);
  for (; x + 3 <= x1; x += 4, s += 16, o += 32) {
    const p = v128.load(s);
    const r = v128.and(p, byte),
      g = v128.and(i32x4.shr_u(p, 8), byte),
      b = v128.and(i32x4.shr_u(p, 16), byte);
    const lo = f64x2.add(
      f64x2.add(f64x2.mul(wr, f64x2.convert_low_i32x4_u(r)), f64x2.mul(wg, f64x2.convert_low_i32x4_u(g))),
      f64x2.mul(wb, f64x2.convert_low_i32x4_u(b)),
    );
    const hi = f64x2.add(
      f64x2.add(
        f64x2.mul(wr, f64x2.convert_low_i32x4_u(i32x4.shuffle(r, r, 2, 3, 2, 3))),
        f64x2.mul(wg, f64x2.convert_low_i32x4_u(i32x4.shuffle(g, g, 2, 3, 2, 3))),
      ),
      f64x2.mul(wb, f64x2.convert_low_i32x4_u(i32x4.shuffle(b, b, 2, 3, 2, 3))),
    );
    v128.store(o, lo);
    v128.store(o, hi, 16);
  }
  for (; x <= x1; x++, s += 4, o += 8) store<f64>(o, lumaOf(load<u32>(s)));
  // Clamped neighbours beyond the image's left and right edges repeat the edge pixel.
  if (tx == 0) store<f64>(out, load<f64>(out, 8));
  if (tx + tw == width) store<f64>(out + ((<usize>(tw + 1)) << 3), load<f64>(out + ((<usize>tw) << 3)));
}

export function sobel(
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
): void {
  const rowBytes = <usize>lumaRowBytes(tw);
  // The loops' constants go through scratch: V8 keeps a value loaded before a loop in a
  // register, while it rebuilds a vector constant (or recomputes one made from it) at each use.
  const constants = scratch + 3 * rowBytes;
  v128.store(constants, f64x2.splat(0.2126));
  v128.store(constants, f64x2.splat(0.7152), 16);
  v128.store(constants, f64x2.splat(0.0722), 32);
  v128.store(constants, f64x2.splat(0.5), 48);
  v128.store(constants, f64x2.splat(255), 64);
  v128.store(constants, f64x2.splat(4503599627370496), 80);
  v128.store(constants, i32x4.splat(0x010101), 96);
  v128.store(constants, i32x4.splat(0xff000000), 112);
  const wr = v128.load(constants),
    wg = v128.load(constants, 16),
    wb = v128.load(constants, 32),
    half = v128.load(constants, 48),
    top = v128.load(constants, 64),
    magic = v128.load(constants, 80),
    grey = v128.load(constants, 96),
    alpha = v128.load(constants, 112);
  let up = scratch,
    mid = scratch + rowBytes,
    down = scratch + 2 * rowBytes;
  const maxY = height - 1;
  lumaRow(src, sx, sy, sw, width, tx, tw, clampI(ty - 1, 0, maxY), up, wr, wg, wb);
  lumaRow(src, sx, sy, sw, width, tx, tw, ty, mid, wr, wg, wb);
  for (let y = ty; y < ty + th; y++) {
    lumaRow(src, sx, sy, sw, width, tx, tw, clampI(y + 1, 0, maxY), down, wr, wg, wb);
    let s = at(src, sx, sy, sw, tx, y);
    let o = at(dst, dx, dy, dw, tx, y);
    // Pixel c of the tile is luma column c + 1; u, m, w point at column c (the left neighbour).
    let u = up,
      m = mid,
      w = down;
    let x = 0;
    for (; x + 4 <= tw; x += 4, s += 16, o += 16, u += 32, m += 32, w += 32) {
      // v in the low 32 bits of each 64-bit lane: four of them as 32-bit lanes, times 0x010101
      // for R = G = B, with the source's alpha.
      const v = i32x4.shuffle(sobelPair(u, m, w, half, top, magic), sobelPair(u + 16, m + 16, w + 16, half, top, magic), 0, 2, 4, 6);
      const p = v128.load(s);
      v128.store(o, v128.or(i32x4.mul(v, grey), v128.and(p, alpha)));
    }
    for (; x < tw; x++, s += 4, o += 4, u += 8, m += 8, w += 8) {
      const v = <u32>i32x4.extract_lane(sobelPair(u, m, w, half, top, magic), 0);
      store<u32>(o, (v * 0x010101) | (load<u32>(s) & 0xff000000));
    }
    const t = up;
    up = mid;
    mid = down;
    down = t;
  }
}

/**
 * The Sobel bytes of two neighbouring pixels, in the low byte of each 64-bit lane; u, m and w
 * point at the luma left of the first pixel in the rows above, at and below it.
 */
function sobelPair(u: usize, m: usize, w: usize, half: v128, top: v128, magic: v128): v128 {
  const ul = v128.load(u),
    uc = v128.load(u, 8),
    ur = v128.load(u, 16);
  const ml = v128.load(m),
    mr = v128.load(m, 16);
  const wl = v128.load(w),
    wc = v128.load(w, 8),
    wr = v128.load(w, 16);
  // The JavaScript's order: ((((ur + 2mr) + wr) − ul) − 2ml) − wl, and 2x is x + x exactly.
  const gx = f64x2.sub(f64x2.sub(f64x2.sub(f64x2.add(f64x2.add(ur, f64x2.add(mr, mr)), wr), ul), f64x2.add(ml, ml)), wl);
  const gy = f64x2.sub(f64x2.sub(f64x2.sub(f64x2.add(f64x2.add(wl, f64x2.add(wc, wc)), wr), ul), f64x2.add(uc, uc)), ur);
  const g = f64x2.sqrt(f64x2.add(f64x2.mul(gx, gx), f64x2.mul(gy, gy)));
  // m ≥ 255 ? 255 : ⌊m + 0.5⌋ is ⌊min(m + 0.5, 255)⌋, as m ≥ 0.
  return f64x2.add(f64x2.floor(f64x2.pmin(f64x2.add(g, half), top)), magic);
}
