/**
 * The filters as data. Each entry declares its parameters (the sliders, the URL, the labels),
 * its halo and its kernel; everything else (controls, shared links, descriptions, the
 * benchmark, the kernel dispatch) reads the registry. Adding a filter is its kernel file plus
 * one entry in `DEFS`: the compiler derives `FilterSpec` from the entries.
 */
import type { PixelView, Rect } from './types.js';
import type { Scratch } from './scratch.js';
import type { BaseSpec } from './kernels/kernel.js';
import { blurKernel, MAX_SIGMA, MIN_SIGMA, type BlurSpec } from './kernels/blur.js';
import { MAX_MEDIAN_RADIUS, MIN_MEDIAN_RADIUS, medianKernel, type MedianSpec } from './kernels/median.js';
import {
  matrixKernel,
  transferKernel,
  type BrightnessSpec,
  type ContrastSpec,
  type GrayscaleSpec,
  type InvertSpec,
  type SepiaSpec,
} from './kernels/point.js';
import { sharpenKernel, type SharpenSpec } from './kernels/sharpen.js';
import { sobelKernel, type SobelSpec } from './kernels/sobel.js';

/** One slider of a filter: its key in the spec and the shared link, and how the page shows it. */
export interface ParamDef<N extends string = string> {
  readonly name: N;
  /** The control's label, e.g. "Radius σ". */
  readonly label: string;
  /** Short form in a filter's description, e.g. "σ" in "Gaussian blur σ=4px". */
  readonly symbol: string;
  /** Shown after the value. */
  readonly unit: '' | 'px' | '×';
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly default: number;
}

type ParamName<S> = Exclude<keyof S, 'kind'> & string;

export interface FilterDef<S extends BaseSpec = BaseSpec, P extends string = string> {
  readonly kind: S['kind'];
  readonly label: string;
  /** One plain sentence for the page. */
  readonly about: string;
  readonly params: readonly ParamDef<P>[];
  /** Pixels each side of a tile that the kernel reads. */
  halo(spec: S): number;
  /** Reads `view.src` (clamping at the image border), writes exactly `tile` of `view.dst`, deterministically. */
  kernel(view: PixelView, tile: Rect, spec: S, scratch: Scratch): void;
  /** The CSS filter the browser runs for the same effect, where there is one (the benchmark's and tests' yardstick). */
  css?(spec: S): string;
}

/** A filter entry whose parameter names are checked against its spec. */
const define = <S extends BaseSpec>(def: FilterDef<S, ParamName<S>>): FilterDef<S, ParamName<S>> => def;

const amount = (max: number, unit: ParamDef['unit'], fallback: number): ParamDef<'amount'> => ({
  name: 'amount',
  label: 'Amount',
  symbol: '×',
  min: 0,
  max,
  step: 0.05,
  unit,
  default: fallback,
});
const sigma = (max: number, fallback: number): ParamDef<'sigma'> => ({
  name: 'sigma',
  label: 'Radius σ',
  symbol: 'σ',
  min: MIN_SIGMA,
  max,
  step: 0.5,
  unit: 'px',
  default: fallback,
});
const cssOf = (spec: { readonly kind: string; readonly amount: number }): string => `${spec.kind}(${spec.amount})`;

/** Every filter, in the order the page offers them; the first is the default. */
const DEFS = {
  median: define<MedianSpec>({
    kind: 'median',
    label: 'Median (heavy)',
    about: 'Each pixel becomes the middle value of its neighbourhood: removes speckles, costs a lot.',
    params: [
      { name: 'radius', label: 'Radius', symbol: 'r', min: MIN_MEDIAN_RADIUS, max: MAX_MEDIAN_RADIUS, step: 1, unit: 'px', default: 3 },
    ],
    halo: medianKernel.halo,
    kernel: medianKernel.apply,
  }),
  blur: define<BlurSpec>({
    kind: 'blur',
    label: 'Gaussian blur',
    about: 'Three box blurs in a row approximate a Gaussian, at the same cost whatever the radius.',
    params: [sigma(MAX_SIGMA, 4)],
    halo: blurKernel.halo,
    kernel: blurKernel.apply,
    css: (s) => `blur(${s.sigma}px)`,
  }),
  sharpen: define<SharpenSpec>({
    kind: 'sharpen',
    label: 'Sharpen',
    about: 'Unsharp mask: adds back the difference between the photo and a blurred copy.',
    params: [amount(3, '×', 1), sigma(8, 2)],
    halo: sharpenKernel.halo,
    kernel: sharpenKernel.apply,
  }),
  sobel: define<SobelSpec>({
    kind: 'sobel',
    label: 'Sobel edges',
    about: 'Brightness change across each pixel: edges light up, flat areas go black.',
    params: [],
    halo: sobelKernel.halo,
    kernel: sobelKernel.apply,
  }),
  grayscale: define<GrayscaleSpec>({
    kind: 'grayscale',
    label: 'Grayscale',
    about: 'Mixes red, green and blue by how bright each looks to the eye.',
    params: [amount(1, '', 1)],
    halo: matrixKernel.halo,
    kernel: matrixKernel.apply,
    css: cssOf,
  }),
  sepia: define<SepiaSpec>({
    kind: 'sepia',
    label: 'Sepia',
    about: 'The warm brown tint of old photographs.',
    params: [amount(1, '', 1)],
    halo: matrixKernel.halo,
    kernel: matrixKernel.apply,
    css: cssOf,
  }),
  invert: define<InvertSpec>({
    kind: 'invert',
    label: 'Invert',
    about: 'Turns each colour into its opposite, like a negative.',
    params: [amount(1, '', 1)],
    halo: transferKernel.halo,
    kernel: transferKernel.apply,
    css: cssOf,
  }),
  brightness: define<BrightnessSpec>({
    kind: 'brightness',
    label: 'Brightness',
    about: 'Multiplies every channel: below 1 darker, above 1 brighter.',
    params: [amount(3, '×', 1.5)],
    halo: transferKernel.halo,
    kernel: transferKernel.apply,
    css: cssOf,
  }),
  contrast: define<ContrastSpec>({
    kind: 'contrast',
    label: 'Contrast',
    about: 'Pushes values away from mid grey (above 1) or towards it (below 1).',
    params: [amount(3, '×', 1.5)],
    halo: transferKernel.halo,
    kernel: transferKernel.apply,
    css: cssOf,
  }),
};

type Defs = typeof DEFS;
type SpecOfDef<D> = D extends FilterDef<infer S> ? S : never;
/** Every filter with its parameters: one member per entry of the registry. */
export type FilterSpec = { [K in keyof Defs]: SpecOfDef<Defs[K]> }[keyof Defs];
export type FilterKind = FilterSpec['kind'];

/** A list of filter entries: the app's `FILTERS`, or one a test extends. */
export type FilterRegistry = readonly FilterDef<FilterSpec>[];

export const FILTERS: FilterRegistry = Object.values(DEFS);

/** The entry of `kind`, or undefined when the registry has none. */
export const findFilter = (kind: string, registry: FilterRegistry = FILTERS): FilterDef<FilterSpec> | undefined =>
  registry.find((f) => f.kind === kind);

export function filterInfo(kind: string, registry: FilterRegistry = FILTERS): FilterDef<FilterSpec> {
  const info = findFilter(kind, registry);
  if (!info) throw new Error(`unknown filter ${kind}`);
  return info;
}

export const isFilterKind = (s: string, registry: FilterRegistry = FILTERS): s is FilterKind => findFilter(s, registry) !== undefined;

/** Parameter values of a spec, by name. */
export function paramsOf(spec: FilterSpec): Record<string, number> {
  const { kind: _kind, ...rest } = spec as BaseSpec & Record<string, number>;
  return rest;
}

/**
 * Build a valid spec of `kind` from loose values (sliders, URL), clamping each parameter to
 * its slider's range and filling gaps with its default.
 */
export function makeSpec(
  kind: FilterKind,
  values: Readonly<Record<string, number | undefined>> = {},
  registry: FilterRegistry = FILTERS,
): FilterSpec {
  const info = filterInfo(kind, registry);
  const out: Record<string, number | string> = { kind };
  for (const p of info.params) {
    const v = values[p.name];
    out[p.name] = typeof v === 'number' && Number.isFinite(v) ? Math.min(p.max, Math.max(p.min, v)) : p.default;
  }
  // Each parameter of the entry is set above, so the object has the shape of the entry's spec.
  return out as unknown as FilterSpec;
}

/** The spec of `kind` with every parameter at its default. */
export const defaultSpec = (kind: FilterKind, registry: FilterRegistry = FILTERS): FilterSpec => makeSpec(kind, {}, registry);

/** A parameter's value as the page shows it, e.g. "4px" or "1.5×". */
export const formatParam = (p: ParamDef, value: number | undefined): string => `${value ?? p.default}${p.unit}`;

/** Short human description, e.g. "Gaussian blur σ=4px". */
export function describeSpec(spec: FilterSpec, registry: FilterRegistry = FILTERS): string {
  const info = filterInfo(spec.kind, registry);
  const values = paramsOf(spec);
  const parts = info.params.map((p) => `${p.symbol}=${values[p.name] ?? p.default}${p.unit === 'px' ? 'px' : ''}`);
  return [info.label.replace(' (heavy)', ''), ...parts].join(' ');
}

/** The CSS filter the browser can run for the same effect, where there is one. */
export function cssFilterOf(spec: FilterSpec, registry: FilterRegistry = FILTERS): string | null {
  return filterInfo(spec.kind, registry).css?.(spec) ?? null;
}
