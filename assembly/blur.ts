import { align16, at, clampI } from './view';

/*
 * Gaussian blur as the JavaScript kernel computes it (src/core/kernels/blur.ts): three box sums
 * across each row, rounded to bytes, then three box sums down each column, rounded again. The box
 * widths follow boxPlan: three of width d when d is odd; two of width d and one of d + 1 when d is
 * even. Pixels outside the image repeat the border.
 *
 * Exactness: the sums are integers, so only what each rounding sees matters, not the order of the
 * additions. Here the three boxes are one filter: the product of the box polynomials,
 * (1 − z^−a)²(1 − z^−b) / (1 − z^−1)³ with a = d and b = d or d + 1, is a six-tap difference of the
 * input followed by three running sums (cumulative sums), which needs no intermediate lines and
 * gives the same integer sum at every pixel as the three sliding boxes. Each running sum starts
 * from zeros before the line's first pixel, so the sums are those of the line padded with zeros,
 * which equal the boxes' wherever the whole filter lies inside the line: exactly the pixels the
 * JavaScript keeps. Rounding is `divRound` below.
 */

/** Box width `d`'s halo: pixels each side the three boxes reach, as boxPlan. */
function haloOf(d: i32): i32 {
  return d & 1 ? 3 * ((d - 1) >> 1) : 3 * (d >> 1) - 1;
}

/** The product of the three box widths. */
function divisorOf(d: i32): i32 {
  return d & 1 ? d * d * d : d * d * (d + 1);
}

/** Largest divisor rounded in float32 (see divRound); box widths up to 25 (σ up to about 13.5). */
const F32_LIMIT: i32 = 16383;

/**
 * The rounded means ⌊(t + ⌊D/2⌋) / D⌋ of four sums t (0 ≤ t ≤ 255·D), as 32-bit lanes; T is f32
 * or f64, the lanes `inv`, `k` and `magic` (below) are in.
 *
 * ⌊(t + ⌊D/2⌋) / D⌋ is the integer nearest to (t + k) / D, with k = 0 for odd D and ½ for even D,
 * and (t + k) / D never lies closer than 1 / (2D) to a half-integer. So any approximation of
 * (t + k) / D better than that rounds to the right integer, and adding 2^23 (float32) or 2^52
 * (float64) rounds to the nearest integer and leaves it in the low bits. In float32, t + k is
 * exact (t < 2^23) and its product with a rounded 1/D is within 256·2^−23 = 1/32768 of (t + k) / D:
 * below 1 / (2D) for D ≤ 16383. Larger divisors use float64, whose error is about 2^−44. The tests
 * check every divisor the blur meets against every sum it can make.
 */
function divRound<T>(t: v128, inv: v128, k: v128, magic: v128): v128 {
  if (sizeof<T>() == 4) {
    const q = f32x4.add(f32x4.mul(f32x4.add(f32x4.convert_i32x4_s(t), k), inv), magic);
    return i32x4.sub(q, magic);
  }
  const lo = f64x2.add(f64x2.mul(f64x2.add(f64x2.convert_low_i32x4_s(t), k), inv), magic);
  const hi = f64x2.add(f64x2.mul(f64x2.add(f64x2.convert_low_i32x4_s(i32x4.shuffle(t, t, 2, 3, 2, 3)), k), inv), magic);
  return i32x4.shuffle(lo, hi, 0, 2, 4, 6);
}

/**
 * `divRound`'s constants for box width d, in the lanes of T: 1/D, k, and the number that rounds
 * to an integer (2^23 or 2^52). They are made from d at run time: V8 rebuilds a vector constant
 * at every use inside a loop (three instructions), but keeps a computed value in a register.
 */
function invOf<T>(d: i32): v128 {
  const inv = 1 / <f64>divisorOf(d);
  return sizeof<T>() == 4 ? f32x4.splat(<f32>inv) : f64x2.splat(inv);
}

function kOf<T>(d: i32): v128 {
  const k: f64 = d & 1 ? 0 : 0.5;
  return sizeof<T>() == 4 ? f32x4.splat(<f32>k) : f64x2.splat(k);
}

function magicOf<T>(d: i32): v128 {
  // 1 for every d ≥ 0, but not a constant to the compiler.
  const one = <f64>(d >> 31) + 1;
  return sizeof<T>() == 4 ? f32x4.splat(<f32>(8388608 * one)) : f64x2.splat(4503599627370496 * one);
}

/** Whether box width d's divisor needs float64 in `divRound`. */
function wideOf(d: i32): bool {
  return divisorOf(d) > F32_LIMIT;
}

/** Test hook: `divRound` of n sums from t0 on, as bytes at `out`, for box width d (n a multiple of 4). */
export function blurDivide(out: usize, t0: i32, n: i32, d: i32): void {
  if (wideOf(d)) divideRange<f64>(out, t0, n, d);
  else divideRange<f32>(out, t0, n, d);
}

function divideRange<T>(out: usize, t0: i32, n: i32, d: i32): void {
  const inv = invOf<T>(d),
    k = kOf<T>(d),
    magic = magicOf<T>(d);
  for (let i = 0; i < n; i += 4) {
    const q = divRound<T>(i32x4.add(i32x4.splat(t0 + i), i32x4(0, 1, 2, 3)), inv, k, magic);
    v128.store32_lane(out + <usize>i, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(q, q), q), 0);
  }
}

/*
 * Scratch, in 16-byte-aligned parts:
 *   line    (pad + tw + 2·halo) × 8 bytes: two image rows' pixels side by side, after `pad` zeros
 *   plane   (th + 2·halo) rows of the horizontally blurred tile, align16(tw · 4) bytes each
 *   zeros   one such row of zeros
 *   rows    (pad + th + 2·halo) × 4 bytes: where each row of the vertical pass is (zeros before the first)
 * `pad` covers the filter's longest tap, 2a + b ≤ 3d + 1 pixels back.
 */
function padOf(d: i32): i32 {
  return 3 * d + 2;
}

export function blurScratch(tw: i32, th: i32, d: i32): i32 {
  const halo = haloOf(d),
    pad = padOf(d);
  const stride = align16(tw << 2);
  return align16((pad + tw + 2 * halo) << 3) + (th + 2 * halo + 1) * stride + align16((pad + th + 2 * halo) << 2);
}

/**
 * The six-tap difference e[n] = (x[n] − x[n−b]) − 2(x[n−a] − x[n−a−b]) + (x[n−2a] − x[n−2a−b]) of
 * eight 8-bit values, in 16-bit lanes (|e| ≤ 4·255); the taps are at p − a and so on.
 */
function taps(p: usize, a: usize, b: usize): v128 {
  const e0 = i16x8.sub(v128.load8x8_u(p), v128.load8x8_u(p - b));
  const e1 = i16x8.sub(v128.load8x8_u(p - a), v128.load8x8_u(p - a - b));
  const e2 = i16x8.sub(v128.load8x8_u(p - 2 * a), v128.load8x8_u(p - 2 * a - b));
  return i16x8.add(i16x8.sub(e0, i16x8.shl(e1, 1)), e2);
}

/** A pixel of 8-bit RGBA at `p`. */
function pixelAt(p: usize): u64 {
  return <u64>load<u32>(p);
}

/**
 * The horizontal pass of image rows `ya` and `yb` (the same row when there is one left) into
 * `outA` and `outB` (tw pixels each). Their pixels from tx − halo to tx + tw − 1 + halo (clamped
 * to the image) go into `line` side by side, eight bytes a position, so that one 16-bit vector
 * holds both rows' RGBA; then the filter runs along the line. The first running sum fits 16 bits
 * (|c1| ≤ 2·255·max(a, b) < 2^15); the other two take 32.
 */
function blurRows<T>(
  src: usize,
  sx: i32,
  sy: i32,
  sw: i32,
  width: i32,
  tx: i32,
  tw: i32,
  ya: i32,
  yb: i32,
  d: i32,
  line: usize,
  outA: usize,
  outB: usize,
  inv: v128,
  k: v128,
  magic: v128,
): void {
  const halo = haloOf(d);
  const len = tw + 2 * halo;
  const x0 = tx - halo;
  // Positions before the image, inside it, after it.
  const inFrom = clampI(-x0, 0, len);
  const inTo = clampI(width - x0, inFrom, len);
  let p = line;
  if (inFrom > 0) {
    const v = pixelAt(at(src, sx, sy, sw, 0, ya)) | (pixelAt(at(src, sx, sy, sw, 0, yb)) << 32);
    for (let i = 0; i < inFrom; i++, p += 8) store<u64>(p, v);
  }
  let s = at(src, sx, sy, sw, x0 + inFrom, ya);
  const t = at(src, sx, sy, sw, x0 + inFrom, yb) - s;
  let i = inFrom;
  for (; i + 4 <= inTo; i += 4, s += 16, p += 32) {
    const va = v128.load(s),
      vb = v128.load(s + t);
    v128.store(p, i32x4.shuffle(va, vb, 0, 4, 1, 5));
    v128.store(p, i32x4.shuffle(va, vb, 2, 6, 3, 7), 16);
  }
  for (; i < inTo; i++, s += 4, p += 8) store<u64>(p, pixelAt(s) | (pixelAt(s + t) << 32));
  if (inTo < len) {
    const v = pixelAt(at(src, sx, sy, sw, width - 1, ya)) | (pixelAt(at(src, sx, sy, sw, width - 1, yb)) << 32);
    for (let j = inTo; j < len; j++, p += 8) store<u64>(p, v);
  }

  const a = (<usize>d) << 3,
    b = (<usize>(d + ((d & 1) ^ 1))) << 3;
  let c1 = i16x8.splat(0),
    c2a = i32x4.splat(0),
    c2b = i32x4.splat(0),
    c3a = i32x4.splat(0),
    c3b = i32x4.splat(0);
  p = line;
  const warm = line + ((<usize>(2 * halo)) << 3),
    end = line + ((<usize>len) << 3);
  for (; p < warm; p += 8) {
    c1 = i16x8.add(c1, taps(p, a, b));
    c2a = i32x4.add(c2a, i32x4.extend_low_i16x8_s(c1));
    c2b = i32x4.add(c2b, i32x4.extend_high_i16x8_s(c1));
    c3a = i32x4.add(c3a, c2a);
    c3b = i32x4.add(c3b, c2b);
  }
  const gap = outB - outA;
  for (; p < end; p += 8, outA += 4) {
    c1 = i16x8.add(c1, taps(p, a, b));
    c2a = i32x4.add(c2a, i32x4.extend_low_i16x8_s(c1));
    c2b = i32x4.add(c2b, i32x4.extend_high_i16x8_s(c1));
    c3a = i32x4.add(c3a, c2a);
    c3b = i32x4.add(c3b, c2b);
    const q = i16x8.narrow_i32x4_u(divRound<T>(c3a, inv, k, magic), divRound<T>(c3b, inv, k, magic));
    const bytes = i8x16.narrow_i16x8_u(q, q);
    v128.store32_lane(outA, bytes, 0);
    v128.store32_lane(outA + gap, bytes, 1);
  }
}

/**
 * The vertical pass over a strip of four pixels (16 bytes) from `col`, down the rows whose
 * addresses are at `rows` (pad entries of zeros first), writing `th` rows from `out`, `pixels` of
 * the four. As across: 16-bit differences and first sum, 32-bit second and third sums.
 */
function blurStrip<T>(
  rows: usize,
  col: usize,
  nRows: i32,
  halo: i32,
  d: i32,
  out: usize,
  outStride: usize,
  pixels: i32,
  inv: v128,
  k: v128,
  magic: v128,
): void {
  const a = (<usize>d) << 2,
    b = (<usize>(d + ((d & 1) ^ 1))) << 2;
  let c1 = i16x8.splat(0),
    c1h = i16x8.splat(0),
    c20 = i32x4.splat(0),
    c21 = i32x4.splat(0),
    c22 = i32x4.splat(0),
    c23 = i32x4.splat(0),
    c30 = i32x4.splat(0),
    c31 = i32x4.splat(0),
    c32 = i32x4.splat(0),
    c33 = i32x4.splat(0);
  const warm = rows + ((<usize>(2 * halo)) << 2),
    end = rows + ((<usize>nRows) << 2);
  for (let r = rows; r < end; r += 4) {
    const p0 = load<u32>(r) + col,
      pb = load<u32>(r - b) + col,
      pa = load<u32>(r - a) + col,
      pab = load<u32>(r - a - b) + col,
      p2a = load<u32>(r - 2 * a) + col,
      p2ab = load<u32>(r - 2 * a - b) + col;
    const e0 = i16x8.sub(v128.load8x8_u(p0), v128.load8x8_u(pb));
    const e1 = i16x8.sub(v128.load8x8_u(pa), v128.load8x8_u(pab));
    const e2 = i16x8.sub(v128.load8x8_u(p2a), v128.load8x8_u(p2ab));
    c1 = i16x8.add(c1, i16x8.add(i16x8.sub(e0, i16x8.shl(e1, 1)), e2));
    const f0 = i16x8.sub(v128.load8x8_u(p0, 8), v128.load8x8_u(pb, 8));
    const f1 = i16x8.sub(v128.load8x8_u(pa, 8), v128.load8x8_u(pab, 8));
    const f2 = i16x8.sub(v128.load8x8_u(p2a, 8), v128.load8x8_u(p2ab, 8));
    c1h = i16x8.add(c1h, i16x8.add(i16x8.sub(f0, i16x8.shl(f1, 1)), f2));
    c20 = i32x4.add(c20, i32x4.extend_low_i16x8_s(c1));
    c21 = i32x4.add(c21, i32x4.extend_high_i16x8_s(c1));
    c22 = i32x4.add(c22, i32x4.extend_low_i16x8_s(c1h));
    c23 = i32x4.add(c23, i32x4.extend_high_i16x8_s(c1h));
    c30 = i32x4.add(c30, c20);
    c31 = i32x4.add(c31, c21);
    c32 = i32x4.add(c32, c22);
    c33 = i32x4.add(c33, c23);
    if (r < warm) continue;
    const q = i8x16.narrow_i16x8_u(
      i16x8.narrow_i32x4_u(divRound<T>(c30, inv, k, magic), divRound<T>(c31, inv, k, magic)),
      i16x8.narrow_i32x4_u(divRound<T>(c32, inv, k, magic), divRound<T>(c33, inv, k, magic)),
    );
    if (pixels == 4) v128.store(out, q);
    else {
      v128.store32_lane(out, q, 0);
      if (pixels > 1) v128.store32_lane(out, q, 1, 4);
      if (pixels > 2) v128.store32_lane(out, q, 2, 8);
    }
    out += outStride;
  }
}

/**
 * Blur tile (tx, ty, tw, th) of the source into `out` (row stride `outStride` bytes): what both
 * `blur` and `sharpen` use. `scratch` as `blurScratch(tw, th, d)` sizes it.
 */
export function blurInto(
  src: usize,
  sx: i32,
  sy: i32,
  sw: i32,
  width: i32,
  height: i32,
  tx: i32,
  ty: i32,
  tw: i32,
  th: i32,
  scratch: usize,
  d: i32,
  out: usize,
  outStride: usize,
): void {
  if (wideOf(d)) blurPasses<f64>(src, sx, sy, sw, width, height, tx, ty, tw, th, scratch, d, out, outStride);
  else blurPasses<f32>(src, sx, sy, sw, width, height, tx, ty, tw, th, scratch, d, out, outStride);
}

function blurPasses<T>(
  src: usize,
  sx: i32,
  sy: i32,
  sw: i32,
  width: i32,
  height: i32,
  tx: i32,
  ty: i32,
  tw: i32,
  th: i32,
  scratch: usize,
  d: i32,
  out: usize,
  outStride: usize,
): void {
  const halo = haloOf(d),
    pad = padOf(d);
  const stride = align16(tw << 2);
  const line = scratch + ((<usize>pad) << 3);
  const plane = scratch + <usize>align16((pad + tw + 2 * halo) << 3);
  const nRows = th + 2 * halo;
  const zeros = plane + <usize>nRows * stride;
  const rows = zeros + stride + ((<usize>pad) << 2);
  const inv = invOf<T>(d),
    k = kOf<T>(d),
    magic = magicOf<T>(d);

  // Zero padding: before the line, and a row of zeros for the vertical pass.
  memory.fill(scratch, 0, (<usize>pad) << 3);
  memory.fill(zeros, 0, stride);

  // Horizontal: every image row the vertical pass reads, once, two at a time; the tile's row
  // ty − halo + n is plane row n.
  const yTop = max(0, ty - halo),
    yBottom = min(height - 1, ty + th - 1 + halo);
  const row0 = plane - <usize>(ty - halo) * stride;
  for (let y = yTop; y <= yBottom; y += 2) {
    const yb = min(y + 1, yBottom);
    blurRows<T>(src, sx, sy, sw, width, tx, tw, y, yb, d, line, row0 + <usize>y * stride, row0 + <usize>yb * stride, inv, k, magic);
  }

  // Vertical: row n of the pass is image row clamp(ty − halo + n), zeros before row 0.
  for (let n = -pad; n < 0; n++) store<u32>(rows + ((<isize>n) << 2), <u32>zeros);
  for (let n = 0; n < nRows; n++) store<u32>(rows + ((<usize>n) << 2), <u32>(row0 + <usize>clampI(ty - halo + n, yTop, yBottom) * stride));
  let col: usize = 0;
  for (let x = 0; x < tw; x += 4, col += 16) blurStrip<T>(rows, col, nRows, halo, d, out + col, outStride, min(4, tw - x), inv, k, magic);
}

export function blur(
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
  d: i32,
): void {
  blurInto(src, sx, sy, sw, width, height, tx, ty, tw, th, scratch, d, at(dst, dx, dy, dw, tx, ty), (<usize>dw) << 2);
}

/**
 * Unsharp mask, as the JavaScript kernel: the tile blurred into scratch (after the blur's own
 * scratch), then each of R, G, B is toByte(v + amount·(v − blurred)) in float64 with the same
 * operations in the same order (v − blurred, a difference of bytes, is exact in integers); alpha
 * is the source's. Four pixels at a time: each channel as 32-bit lanes, in two f64x2 halves.
 */
export function sharpen(
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
  d: i32,
  amount: f64,
): void {
  const blurred = scratch + <usize>align16(blurScratch(tw, th, d));
  const rowBytes = (<usize>tw) << 2;
  blurInto(src, sx, sy, sw, width, height, tx, ty, tw, th, scratch, d, blurred, rowBytes);
  // The loop's constants go through scratch: V8 keeps a value loaded before the loop in a
  // register, while it recomputes a constant or anything computed from one inside the loop.
  const constants = blurred + <usize>align16((tw * th) << 2);
  v128.store(constants, f64x2.splat(amount));
  v128.store(constants, f64x2.splat(0.5), 16);
  v128.store(constants, f64x2.splat(6755399441055744), 32);
  v128.store(constants, i32x4.splat(255), 48);
  const k = v128.load(constants),
    half = v128.load(constants, 16),
    magic = v128.load(constants, 32),
    byte = v128.load(constants, 48);
  let b = blurred;
  for (let y = ty; y < ty + th; y++) {
    let s = at(src, sx, sy, sw, tx, y);
    let o = at(dst, dx, dy, dw, tx, y);
    let x = 0;
    for (; x + 4 <= tw; x += 4, s += 16, o += 16, b += 16) {
      const p = v128.load(s),
        q = v128.load(b);
      const r = v128.and(p, byte),
        g = v128.and(i32x4.shr_u(p, 8), byte),
        bl = v128.and(i32x4.shr_u(p, 16), byte);
      const dr = i32x4.sub(r, v128.and(q, byte)),
        dg = i32x4.sub(g, v128.and(i32x4.shr_u(q, 8), byte)),
        db = i32x4.sub(bl, v128.and(i32x4.shr_u(q, 16), byte));
      const rg = i16x8.narrow_i32x4_s(sharpened(r, dr, k, half, magic), sharpened(g, dg, k, half, magic));
      const bb = sharpened(bl, db, k, half, magic);
      // Bytes R0..R3 G0..G3 B0..B3 (saturated to 0..255: toByte's clamp), then RGBA with the source's alpha.
      const rgb = i8x16.narrow_i16x8_u(rg, i16x8.narrow_i32x4_s(bb, bb));
      v128.store(o, i8x16.shuffle(rgb, p, 0, 4, 8, 19, 1, 5, 9, 23, 2, 6, 10, 27, 3, 7, 11, 31));
    }
    for (; x < tw; x++, s += 4, o += 4, b += 4) {
      const p = load<u32>(s),
        q = load<u32>(b);
      store<u32>(
        o,
        sharpenChannel(p, q, 0, amount) |
          (sharpenChannel(p, q, 8, amount) << 8) |
          (sharpenChannel(p, q, 16, amount) << 16) |
          (p & 0xff000000),
      );
    }
  }
}

/**
 * ⌊(v + k·dv) + 0.5⌋ of four channel values v with differences dv (32-bit lanes), as 32-bit lanes:
 * toByte before its clamp, which the narrowing that follows does (below 0 to 0, above 255 to 255).
 * Adding 1.5·2^52 to an integer-valued float64 leaves the integer in its low 32 bits.
 */
function sharpened(v: v128, dv: v128, k: v128, half: v128, magic: v128): v128 {
  const lo = f64x2.add(
    f64x2.floor(f64x2.add(f64x2.add(f64x2.convert_low_i32x4_s(v), f64x2.mul(k, f64x2.convert_low_i32x4_s(dv))), half)),
    magic,
  );
  const v2 = i32x4.shuffle(v, v, 2, 3, 2, 3),
    d2 = i32x4.shuffle(dv, dv, 2, 3, 2, 3);
  const hi = f64x2.add(
    f64x2.floor(f64x2.add(f64x2.add(f64x2.convert_low_i32x4_s(v2), f64x2.mul(k, f64x2.convert_low_i32x4_s(d2))), half)),
    magic,
  );
  return i32x4.shuffle(lo, hi, 0, 2, 4, 6);
}

/** The JavaScript's toByte(v + amount·(v − w)) for the channel at bit `shift` of pixels p and q. */
function sharpenChannel(p: u32, q: u32, shift: u32, amount: f64): u32 {
  const v = <f64>((p >>> shift) & 255);
  const t = v + amount * (v - <f64>((q >>> shift) & 255));
  return t <= 0 ? 0 : t >= 255 ? 255 : <u32>(<i32>(t + 0.5));
}

export function sharpenScratch(tw: i32, th: i32, d: i32): i32 {
  return align16(blurScratch(tw, th, d)) + align16((tw * th) << 2) + 64;
}
