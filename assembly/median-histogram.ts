/**
 * Median by histograms in constant time per pixel, whatever the radius (Perreault and Hébert,
 * "Median Filtering in Constant Time", 2007), for the larger radii.
 *
 * Every column of the tile's window keeps a histogram of its 2r + 1 pixels, in bytes (a column
 * counts at most 17): 16 coarse bins (the high nibble) and 256 fine bins, per channel. Going down a
 * row moves one pixel out of and one into each column. Going right along a row, the window's coarse
 * histogram (16-bit counts, all four channels in eight vectors) gains a column and loses one, and
 * prefix sums over its bins find every channel's coarse bin at once. Only that bin's 16 fine counts
 * are then brought up to date (lazily, from the column where they were last right) and searched.
 */

/** Coarse counts of a column: 16 bins × 4 channels, bin-major (byte 4·bin + channel). */
const COARSE: usize = 64;
/** Fine counts: for channel c and coarse bin b, the 16 counts of every column in a row. */
const FINE_ROW: usize = 16;
/** The window's fine counts: u16 × 256 a channel, then the column each bin was last right for. */
const KFINE: usize = 4 * 512;
const KLAST: usize = 4 * 64;
const STALE: i32 = -1 << 20;

function clampH(v: i32, lo: i32, hi: i32): i32 {
  return v < lo ? lo : v > hi ? hi : v;
}

export function histogramScratch(tw: i32, th: i32, r: i32): i32 {
  const ncol = <usize>(tw + 2 * r);
  return <i32>(ncol * (COARSE + 64 * FINE_ROW) + KFINE + KLAST + 64 + 16);
}

/** Add `d` (1, or 255 for −1) to the counts of the 4 channels of pixel `p` in column `i`. */
function countPixel(coarse: usize, fine: usize, stride: usize, i: usize, p: u32, d: u8): void {
  const cc = coarse + i * COARSE;
  const ff = fine + i * FINE_ROW;
  for (let c: usize = 0; c < 4; c++) {
    const v = <usize>((p >>> ((<u32>c) << 3)) & 255);
    const ca = cc + ((v >> 4) << 2) + c;
    store<u8>(ca, load<u8>(ca) + d);
    const fa = ff + ((c << 4) + (v >> 4)) * stride + (v & 15);
    store<u8>(fa, load<u8>(fa) + d);
  }
}

/** Inclusive prefix sums of 8 u16 lanes. */
function prefix(v: v128): v128 {
  const z = i16x8.splat(0);
  v = i16x8.add(v, i8x16.shuffle(z, v, 0, 1, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29));
  v = i16x8.add(v, i8x16.shuffle(z, v, 0, 1, 2, 3, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27));
  return i16x8.add(v, i8x16.shuffle(z, v, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23));
}

/** The bin (0 … 15) of 16 u16 counts, `lo` and `hi`, where rank `m` falls. */
function binOf(lo: v128, hi: v128, m: i32): i32 {
  const pl = prefix(lo);
  const ph = i16x8.add(prefix(hi), i16x8.splat(i16x8.extract_lane_u(pl, 7)));
  const mm = i16x8.splat(<i16>m);
  return popcnt<i32>(i16x8.bitmask(i16x8.le_u(pl, mm))) + popcnt<i32>(i16x8.bitmask(i16x8.le_u(ph, mm)));
}

/**
 * Counts `k` (u16) gain the byte counts `a` and lose `s`, lanes 0–7 of the bytes (`slideLow`) or
 * 8–15 (`slideHigh`). A byte count is at most 17, so a − s fits a signed byte.
 */
function slideLow(k: v128, a: v128, s: v128): v128 {
  return i16x8.add(k, i16x8.extend_low_i8x16_s(i8x16.sub(a, s)));
}
function slideHigh(k: v128, a: v128, s: v128): v128 {
  return i16x8.add(k, i16x8.extend_high_i8x16_s(i8x16.sub(a, s)));
}

export function medianHistogram(
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
  r: i32,
): void {
  const k = 2 * r + 1;
  const m = (k * k - 1) >> 1;
  const ncol = tw + 2 * r;
  const coarse = (scratch + 15) & ~15;
  const fine = coarse + <usize>ncol * COARSE;
  const stride = <usize>ncol * FINE_ROW; // from one (channel, bin) row of fine counts to the next
  const kfine = fine + 64 * stride;
  const klast = kfine + KFINE;
  const maxX = width - 1,
    maxY = height - 1;
  const zero = i16x8.splat(0);
  const mm = i16x8.splat(<i16>m);
  for (let y = ty; y < ty + th; y++) {
    if (y == ty) {
      memory.fill(coarse, 0, <usize>ncol * (COARSE + 64 * FINE_ROW));
      for (let i = 0; i < ncol; i++) {
        const x = clampH(tx - r + i, 0, maxX);
        for (let yy = y - r; yy <= y + r; yy++) {
          const row = clampH(yy, 0, maxY);
          countPixel(coarse, fine, stride, <usize>i, load<u32>(src + ((<usize>((row - sy) * sw + (x - sx))) << 2)), 1);
        }
      }
    } else {
      const out = clampH(y - r - 1, 0, maxY),
        inn = clampH(y + r, 0, maxY);
      if (out != inn) {
        const so = src + ((<usize>((out - sy) * sw)) << 2),
          si = src + ((<usize>((inn - sy) * sw)) << 2);
        for (let i = 0; i < ncol; i++) {
          const x = <usize>(clampH(tx - r + i, 0, maxX) - sx);
          const po = load<u32>(so + (x << 2)),
            pi = load<u32>(si + (x << 2));
          if (po != pi) {
            countPixel(coarse, fine, stride, <usize>i, po, 255);
            countPixel(coarse, fine, stride, <usize>i, pi, 1);
          }
        }
      }
    }
    // The window at the tile's first column: coarse counts summed, fine counts stale.
    let k0 = zero,
      k1 = zero,
      k2 = zero,
      k3 = zero,
      k4 = zero,
      k5 = zero,
      k6 = zero,
      k7 = zero;
    for (let i = 0; i < k; i++) {
      const c = coarse + <usize>i * COARSE;
      const a0 = load<v128>(c),
        a1 = load<v128>(c, 16),
        a2 = load<v128>(c, 32),
        a3 = load<v128>(c, 48);
      k0 = slideLow(k0, a0, zero);
      k1 = slideHigh(k1, a0, zero);
      k2 = slideLow(k2, a1, zero);
      k3 = slideHigh(k3, a1, zero);
      k4 = slideLow(k4, a2, zero);
      k5 = slideHigh(k5, a2, zero);
      k6 = slideLow(k6, a3, zero);
      k7 = slideHigh(k7, a3, zero);
    }
    for (let i: usize = 0; i < 64; i++) store<i32>(klast + (i << 2), STALE);
    let d = dst + ((<usize>((y - dy) * dw + (tx - dx))) << 2);
    for (let x = 0; x < tw; x++, d += 4) {
      if (x > 0) {
        const a = coarse + <usize>(x + 2 * r) * COARSE,
          s = coarse + <usize>(x - 1) * COARSE;
        const a0 = load<v128>(a),
          s0 = load<v128>(s);
        k0 = slideLow(k0, a0, s0);
        k1 = slideHigh(k1, a0, s0);
        const a1 = load<v128>(a, 16),
          s1 = load<v128>(s, 16);
        k2 = slideLow(k2, a1, s1);
        k3 = slideHigh(k3, a1, s1);
        const a2 = load<v128>(a, 32),
          s2 = load<v128>(s, 32);
        k4 = slideLow(k4, a2, s2);
        k5 = slideHigh(k5, a2, s2);
        const a3 = load<v128>(a, 48),
          s3 = load<v128>(s, 48);
        k6 = slideLow(k6, a3, s3);
        k7 = slideHigh(k7, a3, s3);
      }
      // Prefix sums over the coarse bins, all channels at once: lanes 0–3 hold bin 2v, lanes 4–7
      // bin 2v + 1. `count` ends with how many bins lie wholly below rank m, `below` with their sum.
      let count = zero,
        below = zero,
        carry = zero;
      let p = i16x8.add(i16x8.add(k0, i64x2.shuffle(zero, k0, 0, 2)), carry);
      let le = i16x8.le_u(p, mm);
      count = i16x8.sub(count, le);
      below = i16x8.add(below, v128.and(k0, le));
      carry = i64x2.shuffle(p, p, 1, 1);
      p = i16x8.add(i16x8.add(k1, i64x2.shuffle(zero, k1, 0, 2)), carry);
      le = i16x8.le_u(p, mm);
      count = i16x8.sub(count, le);
      below = i16x8.add(below, v128.and(k1, le));
      carry = i64x2.shuffle(p, p, 1, 1);
      p = i16x8.add(i16x8.add(k2, i64x2.shuffle(zero, k2, 0, 2)), carry);
      le = i16x8.le_u(p, mm);
      count = i16x8.sub(count, le);
      below = i16x8.add(below, v128.and(k2, le));
      carry = i64x2.shuffle(p, p, 1, 1);
      p = i16x8.add(i16x8.add(k3, i64x2.shuffle(zero, k3, 0, 2)), carry);
      le = i16x8.le_u(p, mm);
      count = i16x8.sub(count, le);
      below = i16x8.add(below, v128.and(k3, le));
      carry = i64x2.shuffle(p, p, 1, 1);
      p = i16x8.add(i16x8.add(k4, i64x2.shuffle(zero, k4, 0, 2)), carry);
      le = i16x8.le_u(p, mm);
      count = i16x8.sub(count, le);
      below = i16x8.add(below, v128.and(k4, le));
      carry = i64x2.shuffle(p, p, 1, 1);
      p = i16x8.add(i16x8.add(k5, i64x2.shuffle(zero, k5, 0, 2)), carry);
      le = i16x8.le_u(p, mm);
      count = i16x8.sub(count, le);
      below = i16x8.add(below, v128.and(k5, le));
      carry = i64x2.shuffle(p, p, 1, 1);
      p = i16x8.add(i16x8.add(k6, i64x2.shuffle(zero, k6, 0, 2)), carry);
      le = i16x8.le_u(p, mm);
      count = i16x8.sub(count, le);
      below = i16x8.add(below, v128.and(k6, le));
      carry = i64x2.shuffle(p, p, 1, 1);
      p = i16x8.add(i16x8.add(k7, i64x2.shuffle(zero, k7, 0, 2)), carry);
      le = i16x8.le_u(p, mm);
      count = i16x8.sub(count, le);
      below = i16x8.add(below, v128.and(k7, le));
      // Fold the two halves: lanes 0–3 now hold each channel's bin and the count below it.
      count = i16x8.add(count, i64x2.shuffle(count, count, 1, 1));
      below = i16x8.add(below, i64x2.shuffle(below, below, 1, 1));
      const px =
        fineValue(fine, stride, kfine, klast, x, r, m, 0, i16x8.extract_lane_u(count, 0), i16x8.extract_lane_u(below, 0)) |
        (fineValue(fine, stride, kfine, klast, x, r, m, 1, i16x8.extract_lane_u(count, 1), i16x8.extract_lane_u(below, 1)) << 8) |
        (fineValue(fine, stride, kfine, klast, x, r, m, 2, i16x8.extract_lane_u(count, 2), i16x8.extract_lane_u(below, 2)) << 16) |
        (fineValue(fine, stride, kfine, klast, x, r, m, 3, i16x8.extract_lane_u(count, 3), i16x8.extract_lane_u(below, 3)) << 24);
      store<u32>(d, px);
    }
  }
}

/**
 * Channel c's median at column x, its coarse bin b known with `below` counts under it: bin b's 16
 * fine counts of the window brought up to date, then searched for rank m − below.
 */
function fineValue(fine: usize, stride: usize, kfine: usize, klast: usize, x: i32, r: i32, m: i32, c: usize, b: i32, below: i32): u32 {
  const seg = kfine + (c << 9) + ((<usize>b) << 5);
  const lastAt = klast + (c << 6) + ((<usize>b) << 2);
  const last = load<i32>(lastAt);
  const row = fine + ((c << 4) + <usize>b) * stride; // column i's 16 counts at row + 16 i
  let lo: v128, hi: v128;
  if (x - last <= r) {
    // Catch up from the column it was last right for.
    lo = load<v128>(seg);
    hi = load<v128>(seg, 16);
    for (let xx = last + 1; xx <= x; xx++) {
      const a = load<v128>(row + ((<usize>(xx + 2 * r)) << 4)),
        s = load<v128>(row + ((<usize>(xx - 1)) << 4));
      lo = slideLow(lo, a, s);
      hi = slideHigh(hi, a, s);
    }
  } else {
    const zero = i16x8.splat(0);
    lo = zero;
    hi = zero;
    for (let i = x; i <= x + 2 * r; i++) {
      const a = load<v128>(row + ((<usize>i) << 4));
      lo = slideLow(lo, a, zero);
      hi = slideHigh(hi, a, zero);
    }
  }
  store<v128>(seg, lo);
  store<v128>(seg, hi, 16);
  store<i32>(lastAt, x);
  return <u32>((b << 4) + binOf(lo, hi, m - below));
}
