import { at } from './view';

/*
 * Point filters: one pixel in, one pixel out, four pixels (16 bytes) a vector. Rows are walked a
 * vector at a time; the last 0–3 pixels of a row go through the scalar path, which is the
 * JavaScript kernel's arithmetic written out.
 */

/** One pixel through the byte map at `lut`, alpha kept. */
function mapPixel(p: u32, lut: usize): u32 {
  return (
    (<u32>load<u8>(lut + (p & 255))) |
    ((<u32>load<u8>(lut + ((p >>> 8) & 255))) << 8) |
    ((<u32>load<u8>(lut + ((p >>> 16) & 255))) << 16) |
    (p & 0xff000000)
  );
}

/**
 * Invert, brightness, contrast: one byte map for R, G and B (256 bytes at `lut`, made by the page
 * with the JavaScript kernel's own rounding); alpha is kept. Any byte map is exact, since every
 * byte is looked up.
 *
 * Vector lookup: sixteen table chunks of 16 bytes; `i8x16.swizzle` gives a chunk's byte where the
 * index is 0..15 and 0 anywhere else, so subtracting 16 before each chunk and OR-ing the sixteen
 * results looks up all sixteen bytes. That keeps the vector units busy (four instructions a chunk
 * in V8) while the scalar units idle, so each step of the loop looks up four pixels with vectors
 * and four with scalar loads from the map, which run side by side (1.3–1.4× faster than either
 * alone).
 */
export function transfer(
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
  lut: usize,
): void {
  if (isInvert(lut)) {
    invertTile(src, sx, sy, sw, dst, dx, dy, dw, tx, ty, tw, th);
    return;
  }
  const t0 = v128.load(lut, 0);
  const t1 = v128.load(lut, 16);
  const t2 = v128.load(lut, 32);
  const t3 = v128.load(lut, 48);
  const t4 = v128.load(lut, 64);
  const t5 = v128.load(lut, 80);
  const t6 = v128.load(lut, 96);
  const t7 = v128.load(lut, 112);
  const t8 = v128.load(lut, 128);
  const t9 = v128.load(lut, 144);
  const t10 = v128.load(lut, 160);
  const t11 = v128.load(lut, 176);
  const t12 = v128.load(lut, 192);
  const t13 = v128.load(lut, 208);
  const t14 = v128.load(lut, 224);
  const t15 = v128.load(lut, 240);
  const step = i8x16.splat(16);
  const alpha = i32x4.splat(0xff000000);
  for (let y = ty; y < ty + th; y++) {
    let s = at(src, sx, sy, sw, tx, y);
    let d = at(dst, dx, dy, dw, tx, y);
    let x = 0;
    for (; x + 8 <= tw; x += 8, s += 32, d += 32) {
      const p = v128.load(s);
      let i = p;
      let r = i8x16.swizzle(t0, i);
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t1, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t2, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t3, i));
      store<u32>(d, mapPixel(load<u32>(s, 16), lut), 16);
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t4, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t5, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t6, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t7, i));
      store<u32>(d, mapPixel(load<u32>(s, 20), lut), 20);
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t8, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t9, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t10, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t11, i));
      store<u32>(d, mapPixel(load<u32>(s, 24), lut), 24);
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t12, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t13, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t14, i));
      i = i8x16.sub(i, step);
      r = v128.or(r, i8x16.swizzle(t15, i));
      store<u32>(d, mapPixel(load<u32>(s, 28), lut), 28);
      v128.store(d, v128.bitselect(p, r, alpha));
    }
    for (; x < tw; x++, s += 4, d += 4) store<u32>(d, mapPixel(load<u32>(s), lut));
  }
}

/** Whether the byte map is 255 − x everywhere (invert at full amount): then it is an exclusive or. */
function isInvert(lut: usize): bool {
  for (let i = 0; i < 256; i++) if (<i32>load<u8>(lut + i) != 255 - i) return false;
  return true;
}

/**
 * The byte map 255 − x is x XOR 255 on every byte: one instruction for four pixels instead of the
 * sixteen-chunk lookup, the same bytes (the exhaustive test runs invert at full amount too).
 */
function invertTile(
  src: usize,
  sx: i32,
  sy: i32,
  sw: i32,
  dst: usize,
  dx: i32,
  dy: i32,
  dw: i32,
  tx: i32,
  ty: i32,
  tw: i32,
  th: i32,
): void {
  const flip = i32x4.splat(0x00ffffff);
  for (let y = ty; y < ty + th; y++) {
    let s = at(src, sx, sy, sw, tx, y);
    let d = at(dst, dx, dy, dw, tx, y);
    let x = 0;
    for (; x + 4 <= tw; x += 4, s += 16, d += 16) v128.store(d, v128.xor(v128.load(s), flip));
    for (; x < tw; x++, s += 4, d += 4) store<u32>(d, load<u32>(s) ^ 0x00ffffff);
  }
}

/** The JavaScript kernels' `toByte`: 0 at or below 0, 255 at or above 255, else ⌊v + 0.5⌋. */
function toByte(v: f64): u32 {
  return v <= 0 ? 0 : v >= 255 ? 255 : <u32>(<i32>(v + 0.5));
}

/** One pixel exactly as the JavaScript kernel computes it: products in float64, summed left to right. */
function matrixPixel(p: u32, m0: f64, m1: f64, m2: f64, m3: f64, m4: f64, m5: f64, m6: f64, m7: f64, m8: f64, grey: i32): u32 {
  const r = <f64>(p & 255),
    g = <f64>((p >>> 8) & 255),
    b = <f64>((p >>> 16) & 255);
  if (grey) {
    const v = toByte(m0 * r + m1 * g + m2 * b);
    return v | (v << 8) | (v << 16) | (p & 0xff000000);
  }
  return (
    toByte(m0 * r + m1 * g + m2 * b) | (toByte(m3 * r + m4 * g + m5 * b) << 8) | (toByte(m6 * r + m7 * g + m8 * b) << 16) | (p & 0xff000000)
  );
}

/** Bits after the binary point of the fixed-point weights. */
const FRAC: i32 = 22;
const ONE: f64 = 4194304; // 2^FRAC
/** Sums at or past 255 + 2E units give 255 whatever the rounding: they are clamped to 255.5, far from a tie. */
const TOP: i32 = (255 << FRAC) + (1 << (FRAC - 1));

/** Fixed-point weights serve when every weight is at least 0 and a row's sum keeps 255 · sum · 2^22 in an i32. */
function fixedRowFits(a: f64, b: f64, c: f64): bool {
  return a >= 0 && b >= 0 && c >= 0 && a + b + c <= 1.99;
}

function fixed(m: f64): i32 {
  return <i32>Math.round(m * ONE);
}

/** 255 · |w − m·2^22|: the most a weight's rounding moves a sum, in units of 2^-22. */
function slack(m: f64): f64 {
  return 255 * Math.abs(<f64>fixed(m) - m * ONE);
}

/** One row of a fixed-point matrix sum, clamped to TOP, for four pixels: (w0·r + w1·g + w2·b + bias). */
function rowSum(r: v128, g: v128, b: v128, w0: v128, w1: v128, w2: v128, bias: v128): v128 {
  return i32x4.min_u(i32x4.add(i32x4.add(i32x4.add(i32x4.mul(r, w0), i32x4.mul(g, w1)), i32x4.mul(b, w2)), bias), i32x4.splat(TOP));
}

/** Lanes whose sum lies within 2E units above a multiple of 2^22 (a possible rounding tie). */
function nearTie(z: v128, near: v128): v128 {
  return i32x4.lt_s(v128.and(z, i32x4.splat((1 << FRAC) - 1)), near);
}

/*
 * The vector loops take the weights as parameters, and are called once a row: V8 re-derives
 * values computed from the kernel's float arguments inside a loop (a splat of a conversion each
 * iteration), which parameters rule out. Each returns how many pixels it did, stopping before the
 * first vector with a possible tie.
 */
function greyRow(s: usize, d: usize, n: i32, w0: v128, w1: v128, w2: v128, bias: v128, near: v128): i32 {
  const byte = i32x4.splat(255);
  let x = 0;
  for (; x < n; x += 4, s += 16, d += 16) {
    const p = v128.load(s);
    const z = rowSum(v128.and(p, byte), v128.and(i32x4.shr_u(p, 8), byte), v128.and(i32x4.shr_u(p, 16), byte), w0, w1, w2, bias);
    if (v128.any_true(nearTie(z, near))) break;
    v128.store(d, v128.or(i32x4.mul(i32x4.shr_u(z, FRAC), i32x4.splat(0x010101)), v128.and(p, i32x4.splat(0xff000000))));
  }
  return x;
}

function colourRow(
  s: usize,
  d: usize,
  n: i32,
  w0: v128,
  w1: v128,
  w2: v128,
  w3: v128,
  w4: v128,
  w5: v128,
  w6: v128,
  w7: v128,
  w8: v128,
  bias: v128,
  near: v128,
): i32 {
  const byte = i32x4.splat(255);
  let x = 0;
  for (; x < n; x += 4, s += 16, d += 16) {
    const p = v128.load(s);
    const r = v128.and(p, byte),
      g = v128.and(i32x4.shr_u(p, 8), byte),
      b = v128.and(i32x4.shr_u(p, 16), byte);
    const z0 = rowSum(r, g, b, w0, w1, w2, bias);
    const z1 = rowSum(r, g, b, w3, w4, w5, bias);
    const z2 = rowSum(r, g, b, w6, w7, w8, bias);
    if (v128.any_true(v128.or(v128.or(nearTie(z0, near), nearTie(z1, near)), nearTie(z2, near)))) break;
    const v0 = i32x4.shr_u(z0, FRAC);
    const v1 = i32x4.shl(i32x4.shr_u(z1, FRAC), 8);
    const v2 = i32x4.shl(i32x4.shr_u(z2, FRAC), 16);
    v128.store(d, v128.or(v128.or(v0, v1), v128.or(v2, v128.and(p, i32x4.splat(0xff000000)))));
  }
  return x;
}

function row(
  s: usize,
  d: usize,
  n: i32,
  grey: i32,
  w0: v128,
  w1: v128,
  w2: v128,
  w3: v128,
  w4: v128,
  w5: v128,
  w6: v128,
  w7: v128,
  w8: v128,
  bias: v128,
  near: v128,
): i32 {
  return grey ? greyRow(s, d, n, w0, w1, w2, bias, near) : colourRow(s, d, n, w0, w1, w2, w3, w4, w5, w6, w7, w8, bias, near);
}

/**
 * Grayscale and sepia: a 3×3 colour matrix on RGB, alpha kept; with `grey`, the three rows are
 * one and each pixel gets one value.
 *
 * Exactness: the JavaScript kernel rounds its float64 sum S = (m0·r + m1·g) + m2·b with
 * ⌊S + 0.5⌋ (clamped). Here each row is summed in integers with weights w = round(m·2^22): that
 * sum, plus 2^21 for the rounding, is within E units (2^-22) of the JavaScript's S + 0.5 (E adds
 * up each weight's rounding times 255, plus one for the float64 error, which is far below it). So
 * ⌊(X + E) / 2^22⌋ is the JavaScript's byte unless (X + E) mod 2^22 < 2E, where an integer lies
 * within reach: there the four pixels are redone in float64 exactly as the JavaScript does. That
 * is rare, but not negligible: weights with three decimals (sepia's) put about one sum in a
 * thousand exactly on a tie. Matrices with a negative weight or a large row sum, which the page
 * never makes, take the float64 path throughout.
 */
export function matrix(
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
  m0: f64,
  m1: f64,
  m2: f64,
  m3: f64,
  m4: f64,
  m5: f64,
  m6: f64,
  m7: f64,
  m8: f64,
  grey: i32,
): void {
  const fits = fixedRowFits(m0, m1, m2) && (grey != 0 || (fixedRowFits(m3, m4, m5) && fixedRowFits(m6, m7, m8)));
  // Units of slack per row; the largest serves all three rows.
  let e = slack(m0) + slack(m1) + slack(m2);
  if (!grey) e = Math.max(e, Math.max(slack(m3) + slack(m4) + slack(m5), slack(m6) + slack(m7) + slack(m8)));
  const units = <i32>Math.ceil(e) + 1;
  const bias = i32x4.splat((1 << (FRAC - 1)) + units);
  const near = i32x4.splat(2 * units);
  const w0 = i32x4.splat(fixed(m0)),
    w1 = i32x4.splat(fixed(m1)),
    w2 = i32x4.splat(fixed(m2)),
    w3 = i32x4.splat(fixed(m3)),
    w4 = i32x4.splat(fixed(m4)),
    w5 = i32x4.splat(fixed(m5)),
    w6 = i32x4.splat(fixed(m6)),
    w7 = i32x4.splat(fixed(m7)),
    w8 = i32x4.splat(fixed(m8));
  const end = fits ? tw & ~3 : 0;
  for (let y = ty; y < ty + th; y++) {
    const s = at(src, sx, sy, sw, tx, y);
    const d = at(dst, dx, dy, dw, tx, y);
    let x = row(s, d, end, grey, w0, w1, w2, w3, w4, w5, w6, w7, w8, bias, near);
    while (x < end) {
      // Near a rounding tie: these four pixels exactly as the JavaScript computes them.
      for (const k = x + 4; x < k; x++) {
        const q = (<usize>x) << 2;
        store<u32>(d + q, matrixPixel(load<u32>(s + q), m0, m1, m2, m3, m4, m5, m6, m7, m8, grey));
      }
      const o = (<usize>x) << 2;
      x += row(s + o, d + o, end - x, grey, w0, w1, w2, w3, w4, w5, w6, w7, w8, bias, near);
    }
    for (; x < tw; x++) {
      const q = (<usize>x) << 2;
      store<u32>(d + q, matrixPixel(load<u32>(s + q), m0, m1, m2, m3, m4, m5, m6, m7, m8, grey));
    }
  }
}
