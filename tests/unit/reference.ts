/**
 * Straightforward reference filters for the tests: per pixel, no tiles, no sliding sums,
 * written from the definitions rather than from the kernels.
 */
import { boxPlan } from '../../src/core/kernels/blur.js';
import { colourMatrix, linearTransfer } from '../../src/core/kernels/point.js';
import type { FilterSpec } from '../../src/core/types.js';
import { at } from '../fixtures.js';

export { at, must } from '../fixtures.js';

export interface Img {
  width: number;
  height: number;
  data: Uint8Array;
}

const clampI = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const byte = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.floor(v + 0.5));
// The clamped index is in range by construction for c in 0..3.
const pixelAt = (img: Img, x: number, y: number, c: number) =>
  img.data[(clampI(y, 0, img.height - 1) * img.width + clampI(x, 0, img.width - 1)) * 4 + c] ?? 0;

export function randomImage(width: number, height: number, seed: number, opaque = false): Img {
  const data = new Uint8Array(width * height * 4);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    data[i] = opaque && i % 4 === 3 ? 255 : s & 255;
  }
  return { width, height, data };
}

function mapPixels(img: Img, f: (x: number, y: number) => [number, number, number, number]): Img {
  const out = new Uint8Array(img.data.length);
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) out.set(f(x, y), (y * img.width + x) * 4);
  return { width: img.width, height: img.height, data: out };
}

/** The triple-box weights as one kernel: three boxes convolved, by brute force. */
export function tripleBoxWeights(sigma: number): { offset: number; weights: number[]; divisor: number } {
  const { boxes, divisor } = boxPlan(sigma);
  let w = new Map<number, number>([[0, 1]]);
  for (const b of boxes) {
    const next = new Map<number, number>();
    for (const [k, v] of w) for (let j = b.lo; j <= b.hi; j++) next.set(k + j, (next.get(k + j) ?? 0) + v);
    w = next;
  }
  const keys = [...w.keys()];
  const lo = Math.min(...keys),
    hi = Math.max(...keys);
  const weights: number[] = [];
  for (let k = lo; k <= hi; k++) weights.push(w.get(k) ?? 0);
  return { offset: lo, weights, divisor };
}

export function refBlur(img: Img, sigma: number): Img {
  const { offset, weights, divisor } = tripleBoxWeights(sigma);
  const horiz = mapPixels(img, (x, y) => {
    const px = [0, 0, 0, 0] as [number, number, number, number];
    for (let c = 0; c < 4; c++) {
      let s = 0;
      weights.forEach((w, i) => (s += w * pixelAt(img, x + offset + i, y, c)));
      px[c] = Math.floor(s / divisor + 0.5);
    }
    return px;
  });
  return mapPixels(horiz, (x, y) => {
    const px = [0, 0, 0, 0] as [number, number, number, number];
    for (let c = 0; c < 4; c++) {
      let s = 0;
      weights.forEach((w, i) => (s += w * pixelAt(horiz, x, y + offset + i, c)));
      px[c] = Math.floor(s / divisor + 0.5);
    }
    return px;
  });
}

export function refMedian(img: Img, r: number): Img {
  return mapPixels(img, (x, y) => {
    const px = [0, 0, 0, 0] as [number, number, number, number];
    for (let c = 0; c < 4; c++) {
      const vals: number[] = [];
      for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) vals.push(pixelAt(img, x + dx, y + dy, c));
      vals.sort((a, b) => a - b);
      px[c] = at(vals, (vals.length - 1) / 2);
    }
    return px;
  });
}

export function refSobel(img: Img): Img {
  const luma = (x: number, y: number) => 0.2126 * pixelAt(img, x, y, 0) + 0.7152 * pixelAt(img, x, y, 1) + 0.0722 * pixelAt(img, x, y, 2);
  return mapPixels(img, (x, y) => {
    let gx = 0,
      gy = 0;
    const k = [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ];
    for (let j = -1; j <= 1; j++)
      for (let i = -1; i <= 1; i++) {
        gx += at(at(k, j + 1), i + 1) * luma(x + i, y + j);
        gy += at(at(k, i + 1), j + 1) * luma(x + i, y + j);
      }
    const m = Math.min(255, Math.floor(Math.hypot(gx, gy) + 0.5));
    return [m, m, m, pixelAt(img, x, y, 3)];
  });
}

export function refPoint(img: Img, spec: Extract<FilterSpec, { amount: number }>): Img {
  return mapPixels(img, (x, y) => {
    const [r, g, b, a] = [0, 1, 2, 3].map((c) => pixelAt(img, x, y, c)) as [number, number, number, number];
    if (spec.kind === 'grayscale' || spec.kind === 'sepia') {
      const m = colourMatrix(spec);
      const row = (i: number) => byte(at(m, 3 * i) * r + at(m, 3 * i + 1) * g + at(m, 3 * i + 2) * b);
      return [row(0), row(1), row(2), a];
    }
    if (spec.kind === 'sharpen') throw new Error('not a point filter');
    const { slope, intercept } = linearTransfer(spec);
    const f = (v: number) => byte(slope * v + intercept * 255);
    return [f(r), f(g), f(b), a];
  });
}

export function refSharpen(img: Img, amount: number, sigma: number): Img {
  const blurred = refBlur(img, sigma);
  return mapPixels(img, (x, y) => {
    const px = [0, 0, 0, pixelAt(img, x, y, 3)] as [number, number, number, number];
    for (let c = 0; c < 3; c++) {
      const v = pixelAt(img, x, y, c);
      px[c] = byte(v + amount * (v - pixelAt(blurred, x, y, c)));
    }
    return px;
  });
}

export function reference(img: Img, spec: FilterSpec): Img {
  switch (spec.kind) {
    case 'blur':
      return refBlur(img, spec.sigma);
    case 'median':
      return refMedian(img, spec.radius);
    case 'sobel':
      return refSobel(img);
    case 'sharpen':
      return refSharpen(img, spec.amount, spec.sigma);
    default:
      return refPoint(img, spec);
  }
}
