import { filterInfo, paramsOf, type FilterRegistry, FILTERS } from './filters.js';
import { KERNELS } from './kernel-choice.js';
import { MODES } from './modes.js';
import type { RunSettings } from './record.js';

/** Longest stem taken from a photo's name: the settings after it must still fit a file name. */
const MAX_STEM = 60;

/**
 * A file-name-safe stem from any text: accents dropped ("Café" → "cafe"), anything but ASCII
 * letters, digits, dots and hyphens turned into one hyphen, lower case.
 */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** The stem of a photo's file name: without its extension, safe, never empty. */
export const stem = (name: string): string =>
  slug(name.replace(/\.[a-z0-9]{1,5}$/i, ''))
    .slice(0, MAX_STEM)
    .replace(/[-.]+$/, '') || 'photo';

/**
 * A parameter as a file name says it: its symbol where that is a plain letter ("r3"), else its
 * name ("sigma4", "amount1.5").
 */
const paramTag = (symbol: string, name: string, value: number): string => `${/^[a-z]+$/i.test(symbol) ? symbol : name}${value}`;

/** "median-r3", "blur-sigma4", "sobel": the filter and every parameter's value. */
export function filterTag(spec: RunSettings['filter'], registry: FilterRegistry = FILTERS): string {
  const values = paramsOf(spec);
  const params = filterInfo(spec.kind, registry).params.map((p) => paramTag(p.symbol, p.name, values[p.name] ?? p.default));
  return slug([spec.kind, ...params].join('-'));
}

/** "parallel-2w-simd", "blocking-js": how the run was made, as far as it changes the time. */
export function runTag(s: Pick<RunSettings, 'mode' | 'workers' | 'kernel' | 'memory'>): string {
  const workers = MODES[s.mode].usesPageThread ? [] : [`${s.workers}w`, ...(s.memory === 'message' ? ['messages'] : [])];
  return [s.mode, ...workers, KERNELS[s.kernel].short.toLowerCase()].join('-');
}

/**
 * The file a run's result is saved as: photo, filter with its parameters, mode, workers and
 * kernel, so a folder of downloads says which run made each one:
 * "lake-at-sunset-median-r3-parallel-2w-simd.png".
 */
export const resultName = (photoName: string, s: RunSettings): string => `${stem(photoName)}-${filterTag(s.filter)}-${runTag(s)}.png`;
