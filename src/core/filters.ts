import type { FilterKind, FilterSpec } from './types.js';
import { MAX_SIGMA, MIN_SIGMA } from './kernels/blur.js';
import { MAX_MEDIAN_RADIUS, MIN_MEDIAN_RADIUS } from './kernels/median.js';

/** A slider the page shows for one parameter of a filter. */
export interface ParamInfo {
  readonly name: 'amount' | 'sigma' | 'radius';
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly unit: '' | 'px' | '×';
}

export interface FilterInfo {
  readonly kind: FilterKind;
  readonly label: string;
  /** One plain sentence for the page. */
  readonly about: string;
  readonly params: readonly ParamInfo[];
  readonly defaults: FilterSpec;
}

const amount = (max: number, unit: ParamInfo['unit'] = ''): ParamInfo =>
  ({ name: 'amount', label: 'Amount', min: 0, max, step: 0.05, unit });
const sigma = (max = MAX_SIGMA): ParamInfo =>
  ({ name: 'sigma', label: 'Radius σ', min: MIN_SIGMA, max, step: 0.5, unit: 'px' });

export const FILTERS: readonly FilterInfo[] = [
  { kind: 'median', label: 'Median (heavy)', about: 'Each pixel becomes the middle value of its neighbourhood: removes speckles, costs a lot.',
    params: [{ name: 'radius', label: 'Radius', min: MIN_MEDIAN_RADIUS, max: MAX_MEDIAN_RADIUS, step: 1, unit: 'px' }],
    defaults: { kind: 'median', radius: 3 } },
  { kind: 'blur', label: 'Gaussian blur', about: 'Three box blurs in a row approximate a Gaussian, at the same cost whatever the radius.',
    params: [sigma()], defaults: { kind: 'blur', sigma: 4 } },
  { kind: 'sharpen', label: 'Sharpen', about: 'Unsharp mask: adds back the difference between the photo and a blurred copy.',
    params: [amount(3, '×'), sigma(8)], defaults: { kind: 'sharpen', amount: 1, sigma: 2 } },
  { kind: 'sobel', label: 'Sobel edges', about: 'Brightness change across each pixel: edges light up, flat areas go black.',
    params: [], defaults: { kind: 'sobel' } },
  { kind: 'grayscale', label: 'Grayscale', about: 'Mixes red, green and blue by how bright each looks to the eye.',
    params: [amount(1)], defaults: { kind: 'grayscale', amount: 1 } },
  { kind: 'sepia', label: 'Sepia', about: 'The warm brown tint of old photographs.',
    params: [amount(1)], defaults: { kind: 'sepia', amount: 1 } },
  { kind: 'invert', label: 'Invert', about: 'Turns each colour into its opposite, like a negative.',
    params: [amount(1)], defaults: { kind: 'invert', amount: 1 } },
  { kind: 'brightness', label: 'Brightness', about: 'Multiplies every channel: below 1 darker, above 1 brighter.',
    params: [amount(3, '×')], defaults: { kind: 'brightness', amount: 1.5 } },
  { kind: 'contrast', label: 'Contrast', about: 'Pushes values away from mid grey (above 1) or towards it (below 1).',
    params: [amount(3, '×')], defaults: { kind: 'contrast', amount: 1.5 } },
];

export function filterInfo(kind: FilterKind): FilterInfo {
  const info = FILTERS.find((f) => f.kind === kind);
  if (!info) throw new Error(`unknown filter ${kind}`);
  return info;
}

export const isFilterKind = (s: string): s is FilterKind => FILTERS.some((f) => f.kind === s);

/** Parameter values of a spec, by name. */
export function paramsOf(spec: FilterSpec): Partial<Record<ParamInfo['name'], number>> {
  const { kind: _kind, ...rest } = spec;
  return rest;
}

/**
 * Build a valid spec of `kind` from loose values (sliders, URL), clamping each parameter to
 * its slider's range and filling gaps with defaults.
 */
export function makeSpec(kind: FilterKind, values: Partial<Record<ParamInfo['name'], number>> = {}): FilterSpec {
  const info = filterInfo(kind);
  const out: Record<string, unknown> = { ...info.defaults };
  for (const p of info.params) {
    const v = values[p.name];
    if (typeof v === 'number' && Number.isFinite(v)) out[p.name] = Math.min(p.max, Math.max(p.min, v));
  }
  return out as FilterSpec;
}

/** Short human description, e.g. "Gaussian blur σ=4px". */
export function describeSpec(spec: FilterSpec): string {
  const info = filterInfo(spec.kind);
  const parts = info.params.map((p) => `${p.name === 'sigma' ? 'σ' : p.name === 'radius' ? 'r' : '×'}=${paramsOf(spec)[p.name]}${p.unit === 'px' ? 'px' : ''}`);
  return [info.label.replace(' (heavy)', ''), ...parts].join(' ');
}

/** The CSS filter the browser can run for the same effect, where there is one. */
export function cssFilterOf(spec: FilterSpec): string | null {
  switch (spec.kind) {
    case 'grayscale':
    case 'sepia':
    case 'invert':
    case 'brightness':
    case 'contrast':
      return `${spec.kind}(${spec.amount})`;
    case 'blur':
      return `blur(${spec.sigma}px)`;
    default:
      return null;
  }
}
