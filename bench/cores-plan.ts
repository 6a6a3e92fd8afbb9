/**
 * What `npm run bench:cores` measures, as pure functions: its options, the worker counts, the
 * image size, the order of each round, and the plain-copy yardstick as one more registry entry.
 * No threads and no clock here, so the tests can check the plan with tables.
 */
import { parseArgs } from 'node:util';
import { FILTERS, type FilterDef, type FilterRegistry, type FilterSpec } from '../src/core/filters.js';
import { isKernelChoice, KERNEL_CHOICES, type KernelChoice } from '../src/core/kernel-choice.js';
import { dstOffset, srcOffset } from '../src/core/kernels/view.js';
import { clampTileSize } from '../src/core/tiling.js';
import { wholeNumber } from './args.js';
import { benchFilters, TILE } from './plan.js';

/** Fewer tiles than this per worker and the last tiles decide the wall time, not the cores. */
export const MIN_TILES_PER_WORKER = 4;

export interface CoresOptions {
  readonly width: number;
  readonly height: number;
  /** Clamped as the claim loop clamps it. */
  readonly tile: number;
  readonly repeats: number;
  /** Null: 1, 2, 4, … up to the available parallelism, and twice that. */
  readonly workers: readonly number[] | null;
  readonly filters: readonly FilterSpec[];
  /** The kernels each filter runs with: JavaScript, WebAssembly SIMD, or both (the default). */
  readonly kernels: readonly KernelChoice[];
  /** Writes `<out>.json` and `<out>.md`. */
  readonly out: string;
}

const positiveInt = (name: string, s: string): number => wholeNumber(name, s, 1);

/** Width × height of a 4:3 photo of `mp` megapixels: 12 gives 4000×3000. */
export function sizeOfMegapixels(mp: number): { width: number; height: number } {
  if (!(mp > 0) || !Number.isFinite(mp)) throw new Error(`--mp wants a number of megapixels > 0, not "${mp}"`);
  const width = Math.round(Math.sqrt((mp * 1e6 * 4) / 3));
  return { width, height: Math.max(1, Math.round((width * 3) / 4)) };
}

function parseSize(s: string): { width: number; height: number } {
  const m = /^(\d+)[x×](\d+)$/.exec(s);
  if (!m?.[1] || !m[2]) throw new Error(`--size wants WxH, e.g. 4000x3000, not "${s}"`);
  return { width: positiveInt('size', m[1]), height: positiveInt('size', m[2]) };
}

function kernelOf(k: string): KernelChoice {
  if (!isKernelChoice(k)) throw new Error(`--kernels wants ${KERNEL_CHOICES.join(', ')} or both, not "${k}"`);
  return k;
}

const list = (s: string | undefined): string[] => (s ?? '').split(',').filter((x) => x !== '');

/** The command line of `npm run bench:cores`; an unknown option or a bad value is an error. */
export function parseCoresArgs(argv: readonly string[]): CoresOptions {
  const { values: v } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      size: { type: 'string' },
      mp: { type: 'string' },
      tile: { type: 'string' },
      repeats: { type: 'string' },
      workers: { type: 'string' },
      filters: { type: 'string' },
      kernels: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (v.size !== undefined && v.mp !== undefined) throw new Error('give --size or --mp, not both');
  const size = v.size !== undefined ? parseSize(v.size) : sizeOfMegapixels(Number(v.mp ?? '12'));
  const workers =
    v.workers === undefined ? null : [...new Set(list(v.workers).map((w) => positiveInt('workers', w)))].sort((a, b) => a - b);
  if (workers?.length === 0) throw new Error('--workers wants a list such as 1,2');
  const kernels = list(v.kernels ?? KERNEL_CHOICES.join(',')).map(kernelOf);
  if (!kernels.length) throw new Error(`--kernels wants a list such as ${KERNEL_CHOICES.join(',')}`);
  return {
    ...size,
    tile: clampTileSize(v.tile === undefined ? TILE : positiveInt('tile', v.tile)),
    repeats: positiveInt('repeats', v.repeats ?? '5'),
    workers,
    filters: benchFilters(list(v.filters)),
    // In the order the app offers them, whatever the order asked for.
    kernels: KERNEL_CHOICES.filter((k) => kernels.includes(k)),
    out: v.out ?? 'bench/cores',
  };
}

/** 1, 2, 4, … up to `cores`, `cores` itself when it is not a power of two, and `2 × cores` oversubscribed. */
export function workerCounts(cores: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= cores; n *= 2) out.push(n);
  out.push(cores, 2 * cores);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Round `round`'s order: `items` rotated by one place a round, so none always goes first. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const k = items.length ? round % items.length : 0;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** The kind of the yardstick: a name no filter of the app can take. */
export const COPY_KIND = 'bench-copy';

/**
 * The memory-copy yardstick as a registry entry, so the workers run it through the same claim
 * loop and dispatch as every filter: each tile's rows copied from src to dst, nothing computed.
 */
const copyDef: FilterDef = {
  kind: COPY_KIND,
  label: 'Memory copy',
  about: 'Copies each tile from the source plane to the destination: the memory traffic of a filter, without its work.',
  params: [],
  halo: () => 0,
  kernel(view, tile) {
    for (let y = tile.y; y < tile.y + tile.h; y++) {
      const s = srcOffset(view, tile.x, y);
      view.dst.set(view.src.subarray(s, s + tile.w * 4), dstOffset(view, tile.x, y));
    }
  },
};

// The app's registry is closed over FilterSpec; the yardstick is an entry of another shape.
export const CORES_REGISTRY: FilterRegistry = [...FILTERS, copyDef as unknown as FilterDef<FilterSpec>];
export const COPY_SPEC = { kind: COPY_KIND } as unknown as FilterSpec;
