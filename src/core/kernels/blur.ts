import type { PixelView, Rect } from '../types.js';
import type { Scratch } from '../scratch.js';
import type { Kernel } from './kernel.js';
import { clamp, dstOffset, srcOffset } from './view.js';

export const MIN_SIGMA = 0.5;
export const MAX_SIGMA = 32;

/** One box of the three-box approximation: output[i] = Σ input[i+lo .. i+hi]. */
export interface Box {
  readonly lo: number;
  readonly hi: number;
}

export interface BoxPlan {
  /** Box width d from the Filter Effects formula. */
  readonly d: number;
  readonly boxes: readonly [Box, Box, Box];
  /** Product of the box widths: the sum of the three passes over this is the mean. */
  readonly divisor: number;
  /** Pixels each side that the three passes reach. */
  readonly halo: number;
}

/**
 * The W3C Filter Effects approximation of a Gaussian: d = ⌊σ·3·√(2π)/4 + 0.5⌋; three boxes
 * of width d centred on the pixel when d is odd, else two of width d centred on the pixel
 * boundaries either side and one of width d+1 centred on the pixel.
 */
export function boxPlan(sigma: number): BoxPlan {
  const s = clamp(sigma, MIN_SIGMA, MAX_SIGMA);
  const d = Math.max(1, Math.floor((s * 3 * Math.sqrt(2 * Math.PI)) / 4 + 0.5));
  if (d % 2 === 1) {
    const r = (d - 1) / 2;
    const box = { lo: -r, hi: r };
    return { d, boxes: [box, box, box], divisor: d * d * d, halo: 3 * r };
  }
  const h = d / 2;
  return {
    d,
    boxes: [
      { lo: -h, hi: h - 1 },
      { lo: -(h - 1), hi: h },
      { lo: -h, hi: h },
    ],
    divisor: d * d * (d + 1),
    halo: 3 * h - 1,
  };
}

/** Where a blurred tile goes: `out[offset + row * stride + x * 4 + c]`. */
export interface Sink {
  readonly out: Uint8Array;
  readonly offset: number;
  readonly stride: number;
}

/**
 * Sliding sums of one box over interleaved RGBA. Reads `inp` at pixels [a, b), writes `out`
 * at pixels [a - lo, b - hi). Integer sums, so the result does not depend on where the
 * window started: a tile gives the same numbers as the whole image.
 */
function boxLine(inp: Int32Array, out: Int32Array, a: number, b: number, box: Box): void {
  const first = a - box.lo;
  const last = b - box.hi; // exclusive
  if (first >= last) return;
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  for (let k = first + box.lo; k <= first + box.hi; k++) {
    const p = k * 4;
    s0 += inp[p] ?? 0;
    s1 += inp[p + 1] ?? 0;
    s2 += inp[p + 2] ?? 0;
    s3 += inp[p + 3] ?? 0;
  }
  let o = first * 4;
  out[o] = s0;
  out[o + 1] = s1;
  out[o + 2] = s2;
  out[o + 3] = s3;
  let add = (first + box.hi + 1) * 4;
  let sub = (first + box.lo) * 4;
  for (let i = first + 1; i < last; i++, add += 4, sub += 4) {
    o += 4;
    out[o] = s0 += (inp[add] ?? 0) - (inp[sub] ?? 0);
    out[o + 1] = s1 += (inp[add + 1] ?? 0) - (inp[sub + 1] ?? 0);
    out[o + 2] = s2 += (inp[add + 2] ?? 0) - (inp[sub + 2] ?? 0);
    out[o + 3] = s3 += (inp[add + 3] ?? 0) - (inp[sub + 3] ?? 0);
  }
}

/** The same sliding sums down columns, a whole row of `rowLen` values at a time. */
function boxRows(inp: Int32Array, out: Int32Array, a: number, b: number, box: Box, rowLen: number): void {
  const first = a - box.lo;
  const last = b - box.hi;
  if (first >= last) return;
  const o0 = first * rowLen;
  out.fill(0, o0, o0 + rowLen);
  for (let k = first + box.lo; k <= first + box.hi; k++) {
    const p = k * rowLen;
    for (let j = 0; j < rowLen; j++) out[o0 + j] = (out[o0 + j] ?? 0) + (inp[p + j] ?? 0);
  }
  for (let i = first + 1; i < last; i++) {
    const o = i * rowLen,
      prev = o - rowLen;
    const add = (i + box.hi) * rowLen,
      sub = (i + box.lo - 1) * rowLen;
    for (let j = 0; j < rowLen; j++) out[o + j] = (out[prev + j] ?? 0) + (inp[add + j] ?? 0) - (inp[sub + j] ?? 0);
  }
}

/**
 * Blur `tile` of `view.src` into `sink`: three horizontal boxes, rounded to bytes, then three
 * vertical boxes. Rows and columns outside the image replicate the border.
 */
export function blurTile(view: PixelView, tile: Rect, sigma: number, scratch: Scratch, sink: Sink): void {
  const plan = boxPlan(sigma);
  const { halo, boxes, divisor } = plan;
  const half = Math.floor(divisor / 2);
  const maxX = view.width - 1,
    maxY = view.height - 1;
  const lineLen = tile.w + 2 * halo;
  const rows = tile.h + 2 * halo;
  const rowLen = tile.w * 4;
  const lineA = scratch.int32('blur-line-a', lineLen * 4);
  const lineB = scratch.int32('blur-line-b', lineLen * 4);
  const planeA = scratch.int32('blur-plane-a', rows * rowLen);
  const planeB = scratch.int32('blur-plane-b', rows * rowLen);
  const src = view.src;

  // Horizontal: each distinct image row the vertical passes will read, once.
  const yTop = Math.max(0, tile.y - halo);
  const yBottom = Math.min(maxY, tile.y + tile.h - 1 + halo);
  for (let y = yTop; y <= yBottom; y++) {
    for (let i = 0; i < lineLen; i++) {
      const s = srcOffset(view, clamp(tile.x - halo + i, 0, maxX), y);
      const p = i * 4;
      lineA[p] = src[s] ?? 0;
      lineA[p + 1] = src[s + 1] ?? 0;
      lineA[p + 2] = src[s + 2] ?? 0;
      lineA[p + 3] = src[s + 3] ?? 0;
    }
    boxLine(lineA, lineB, 0, lineLen, boxes[0]);
    boxLine(lineB, lineA, -boxes[0].lo, lineLen - boxes[0].hi, boxes[1]);
    const a2 = -boxes[0].lo - boxes[1].lo,
      b2 = lineLen - boxes[0].hi - boxes[1].hi;
    boxLine(lineA, lineB, a2, b2, boxes[2]);
    // Row (y - yTop) of planeB holds the rounded horizontal result for this image row.
    const o = (y - yTop) * rowLen;
    const from = halo * 4;
    for (let j = 0; j < rowLen; j++) planeB[o + j] = (((lineB[from + j] ?? 0) + half) / divisor) | 0;
  }

  // Replicate border rows: row i of planeA stands for image row tile.y - halo + i.
  for (let i = 0; i < rows; i++) {
    const y = clamp(tile.y - halo + i, 0, maxY);
    const from = (y - yTop) * rowLen;
    planeA.set(planeB.subarray(from, from + rowLen), i * rowLen);
  }

  boxRows(planeA, planeB, 0, rows, boxes[0], rowLen);
  boxRows(planeB, planeA, -boxes[0].lo, rows - boxes[0].hi, boxes[1], rowLen);
  const a2 = -boxes[0].lo - boxes[1].lo,
    b2 = rows - boxes[0].hi - boxes[1].hi;
  boxRows(planeA, planeB, a2, b2, boxes[2], rowLen);

  const out = sink.out;
  for (let r = 0; r < tile.h; r++) {
    const from = (halo + r) * rowLen;
    const to = sink.offset + r * sink.stride;
    for (let j = 0; j < rowLen; j++) out[to + j] = (((planeB[from + j] ?? 0) + half) / divisor) | 0;
  }
}

export interface BlurSpec {
  readonly kind: 'blur';
  readonly sigma: number;
}

export const blurKernel: Kernel<BlurSpec> = {
  halo: (spec) => boxPlan(spec.sigma).halo,
  apply(view, tile, spec, scratch) {
    blurTile(view, tile, spec.sigma, scratch, {
      out: view.dst,
      offset: dstOffset(view, tile.x, tile.y),
      stride: view.dstRect.w * 4,
    });
  },
};
