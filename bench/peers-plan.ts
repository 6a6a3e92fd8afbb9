/**
 * The libraries a user would pick instead of Tilelab, and which of their operations stands for
 * each filter, as data: the bench page (bench/peers.ts) runs them, the report names them. Pure,
 * so the tests can check the mapping.
 *
 * Every operation runs on the same RGBA pixels, already in the library's own image type; what is
 * timed is the operation into a library image of the result. Mapped at each filter's parameters:
 * a filter whose parameters a library cannot express is not compared with it.
 */
import { colourMatrix, linearTransfer } from '../src/core/kernels/point.js';
import { medianRadius } from '../src/core/kernels/median.js';
import type { FilterSpec } from '../src/core/types.js';

export type PeerLibrary = 'opencv' | 'vips';

export const PEER_LIBRARIES: Record<PeerLibrary, { readonly label: string; readonly package: string }> = {
  opencv: { label: 'OpenCV.js', package: '@techstark/opencv-js' },
  vips: { label: 'wasm-vips', package: 'wasm-vips' },
};

/** One library call (or a short chain of them), with its parameters. */
export type PeerOp =
  | { readonly lib: 'opencv'; readonly op: 'medianBlur'; readonly ksize: number }
  | { readonly lib: 'opencv'; readonly op: 'GaussianBlur'; readonly sigma: number }
  | { readonly lib: 'opencv'; readonly op: 'unsharp'; readonly sigma: number; readonly amount: number }
  | { readonly lib: 'opencv'; readonly op: 'sobel' }
  | { readonly lib: 'opencv'; readonly op: 'bitwise_not' }
  | { readonly lib: 'opencv'; readonly op: 'grey' }
  | { readonly lib: 'opencv'; readonly op: 'convertTo'; readonly alpha: number; readonly beta: number }
  | { readonly lib: 'opencv'; readonly op: 'transform'; readonly matrix: readonly number[] }
  | { readonly lib: 'vips'; readonly op: 'rank'; readonly size: number; readonly index: number }
  | { readonly lib: 'vips'; readonly op: 'gaussblur'; readonly sigma: number }
  | { readonly lib: 'vips'; readonly op: 'sobel' }
  | { readonly lib: 'vips'; readonly op: 'invert' }
  | { readonly lib: 'vips'; readonly op: 'bw' }
  | { readonly lib: 'vips'; readonly op: 'linear'; readonly a: readonly number[]; readonly b: readonly number[] }
  | { readonly lib: 'vips'; readonly op: 'recomb'; readonly matrix: readonly number[] };

export interface PeerPlan {
  readonly op: PeerOp;
  /** The call as its library spells it, e.g. "medianBlur(src, dst, 7)". */
  readonly call: string;
  /** What the timing includes beyond the call itself, and where the output differs in kind from Tilelab's. */
  readonly note: string;
}

/** A 4×4 row-major matrix that applies the 3×3 colour matrix `m` to RGB and keeps alpha. */
export function rgbaMatrix(m: readonly number[]): number[] {
  const at = (i: number): number => m[i] ?? 0;
  return [at(0), at(1), at(2), 0, at(3), at(4), at(5), 0, at(6), at(7), at(8), 0, 0, 0, 0, 1];
}

/** The kernel size OpenCV's GaussianBlur picks for `sigma` on 8-bit images when given none: round(6σ + 1), made odd. */
export const opencvGaussSize = (sigma: number): number => Math.round(sigma * 6 + 1) | 1;

const FORCE = 'the lazy pipeline forced by copyMemory() (rendered into a new memory image)';

/**
 * The peers' operations for `spec`. Transfer and colour-matrix filters are mapped only at the
 * amounts the libraries' own operations mean (invert 1, grayscale 1); brightness, contrast and
 * sepia at any amount, as the same linear map or matrix.
 */
export function peerPlans(spec: FilterSpec): PeerPlan[] {
  const fixed = (n: number): string => String(Number(n.toFixed(4)));
  switch (spec.kind) {
    case 'median': {
      const r = medianRadius(spec.radius);
      const size = 2 * r + 1;
      const index = (size * size - 1) / 2;
      return [
        {
          op: { lib: 'opencv', op: 'medianBlur', ksize: size },
          call: `medianBlur(src, dst, ${size})`,
          note: 'RGBA, every channel',
        },
        {
          // wasm-vips 0.0.19's median(n) computes rank(n, n, n): not the median of the window.
          op: { lib: 'vips', op: 'rank', size, index },
          call: `rank(${size}, ${size}, ${index})`,
          note: `RGBA; ${FORCE}`,
        },
      ];
    }
    case 'blur':
      return [
        {
          op: { lib: 'opencv', op: 'GaussianBlur', sigma: spec.sigma },
          call: `GaussianBlur(src, dst, Size(0, 0), ${fixed(spec.sigma)})`,
          note: `RGBA; ${opencvGaussSize(spec.sigma)}×${opencvGaussSize(spec.sigma)} kernel, the size OpenCV picks for σ on 8-bit images`,
        },
        {
          op: { lib: 'vips', op: 'gaussblur', sigma: spec.sigma },
          call: `gaussblur(${fixed(spec.sigma)})`,
          note: `RGBA, integer precision (its default for uchar), min_ampl 0.2; ${FORCE}`,
        },
      ];
    case 'sharpen':
      // vips sharpen() is a print sharpener on the L of LabS with a piecewise curve: another filter.
      return [
        {
          op: { lib: 'opencv', op: 'unsharp', sigma: spec.sigma, amount: spec.amount },
          call: `GaussianBlur(src, blurred, Size(0, 0), ${fixed(spec.sigma)}); addWeighted(src, ${fixed(1 + spec.amount)}, blurred, ${fixed(-spec.amount)}, 0, dst)`,
          note: 'RGBA; OpenCV has no unsharp mask of its own: these two calls are the usual recipe',
        },
      ];
    case 'sobel':
      return [
        {
          op: { lib: 'opencv', op: 'sobel' },
          call: 'cvtColor(RGBA2GRAY); Sobel(dx=1, CV_32F); Sobel(dy=1, CV_32F); magnitude; convertTo(CV_8U)',
          note: 'the grey conversion, both 3×3 derivatives in float, √(gx²+gy²) and the rounding to bytes; one grey channel out',
        },
        {
          op: { lib: 'vips', op: 'sobel' },
          call: "colourspace('b-w'); extract_band(0); sobel()",
          note: `the grey conversion and vips' fast uchar path (abs(gx) + abs(gy) at half precision, no square root); one grey channel out; ${FORCE}`,
        },
      ];
    case 'invert': {
      if (spec.amount !== 1) return [];
      return [
        { op: { lib: 'opencv', op: 'bitwise_not' }, call: 'bitwise_not(src, dst)', note: 'RGBA: alpha is inverted too' },
        { op: { lib: 'vips', op: 'invert' }, call: 'invert()', note: `RGBA: alpha is inverted too; ${FORCE}` },
      ];
    }
    case 'grayscale':
      if (spec.amount !== 1) return [];
      return [
        {
          op: { lib: 'opencv', op: 'grey' },
          call: 'cvtColor(src, dst, COLOR_RGBA2GRAY)',
          note: 'Rec. 601 weights; one grey channel out (Tilelab writes RGBA)',
        },
        {
          op: { lib: 'vips', op: 'bw' },
          call: "colourspace('b-w')",
          note: `through linear light, as libvips converts sRGB; grey and alpha out; ${FORCE}`,
        },
      ];
    case 'brightness':
    case 'contrast': {
      const { slope, intercept } = linearTransfer(spec);
      const beta = intercept * 255;
      return [
        {
          op: { lib: 'opencv', op: 'convertTo', alpha: slope, beta },
          call: `src.convertTo(dst, -1, ${fixed(slope)}, ${fixed(beta)})`,
          note: 'RGBA: alpha is scaled too (saturating)',
        },
        {
          op: { lib: 'vips', op: 'linear', a: [slope, slope, slope, 1], b: [beta, beta, beta, 0] },
          call: `linear([${fixed(slope)}×3, 1], [${fixed(beta)}×3, 0], { uchar: true })`,
          note: `RGB, alpha kept; ${FORCE}`,
        },
      ];
    }
    case 'sepia': {
      const matrix = rgbaMatrix(colourMatrix(spec));
      return [
        { op: { lib: 'opencv', op: 'transform', matrix }, call: 'transform(src, dst, 4×4 CV_32F matrix)', note: 'RGBA, alpha kept' },
        {
          op: { lib: 'vips', op: 'recomb', matrix },
          call: "recomb(4×4 matrix); cast('uchar')",
          note: `RGBA, alpha kept; recomb gives floats, so the cast to bytes is timed too; ${FORCE}`,
        },
      ];
    }
  }
}

/**
 * Pixels compared between a peer's output and Tilelab's: `count` pixels spread evenly over the
 * image, the same on both sides.
 */
export function sampleIndices(pixels: number, count: number): number[] {
  const n = Math.min(count, pixels);
  const stride = Math.max(1, Math.floor(pixels / n));
  return Array.from({ length: n }, (_, k) => k * stride);
}

/** How far a peer's output is from Tilelab's, and whether it looks like the filter at all. */
export interface PeerCheck {
  readonly width: number;
  readonly height: number;
  readonly bands: number;
  /** Smallest and largest value over the sampled pixels' compared bands. */
  readonly min: number;
  readonly max: number;
  /** Mean absolute difference from Tilelab's output over the sampled pixels (RGB; band 0 against R for grey outputs). */
  readonly meanAbsDiff: number;
  readonly plausible: boolean;
  /** Why not, when not plausible. */
  readonly reason: string | null;
}

/** A peer's output differing from Tilelab's by more than this on average is not the same filter. */
export const PLAUSIBLE_MEAN_DIFF = 48;

/**
 * Compare a peer's output (`bands` bands a pixel, interleaved) at `indices` with Tilelab's
 * RGBA `reference` at the same pixels (4 values a pixel, in `indices` order).
 */
export function checkPeerOutput(
  out: ArrayLike<number>,
  size: { width: number; height: number; bands: number },
  expected: { width: number; height: number },
  indices: readonly number[],
  reference: readonly number[],
): PeerCheck {
  const compared = size.bands >= 3 ? 3 : 1;
  let min = Infinity,
    max = -Infinity,
    diff = 0,
    n = 0;
  indices.forEach((p, k) => {
    for (let c = 0; c < compared; c++) {
      const v = out[p * size.bands + c] ?? NaN;
      const ref = reference[k * 4 + c] ?? NaN;
      min = Math.min(min, v);
      max = Math.max(max, v);
      diff += Math.abs(v - ref);
      n++;
    }
  });
  const meanAbsDiff = n ? diff / n : NaN;
  const reason =
    size.width !== expected.width || size.height !== expected.height
      ? `output is ${size.width}×${size.height}, not ${expected.width}×${expected.height}`
      : !(max - min >= 8)
        ? `output is flat (values ${min}–${max} over the sampled pixels)`
        : !(meanAbsDiff <= PLAUSIBLE_MEAN_DIFF)
          ? `output differs from Tilelab's by ${meanAbsDiff.toFixed(1)} levels on average`
          : null;
  return { ...size, min, max, meanAbsDiff, plausible: reason === null, reason };
}
