/**
 * What the benchmark measures, derived from the registries: every filter of the filter registry
 * with its default parameters, every mode of MODES. A filter or mode added there is measured
 * here without an edit.
 */
import { cssFilterOf, defaultSpec, FILTERS, findFilter, type FilterRegistry } from '../src/core/filters.js';
import { haloOf } from '../src/core/kernels/index.js';
import { MODES, RUN_MODES } from '../src/core/modes.js';
import type { RunSettings } from '../src/core/record.js';
import type { FilterSpec } from '../src/core/types.js';

/** Tiles small against the 50 ms idle period, so a slice can run up to its deadline. */
export const SMALL_TILE = 64;
export const TILE = 256;

export interface Config {
  readonly label: string;
  /** Settings of a lab run; null: the browser's ctx.filter. */
  readonly settings: Partial<RunSettings> | null;
}

/** Filters named in `names` (all when empty), each at its defaults; an unknown name is an error. */
export function benchFilters(names: readonly string[], registry: FilterRegistry = FILTERS): FilterSpec[] {
  const chosen = names.length ? names : registry.map((f) => f.kind);
  return chosen.map((name) => {
    const def = findFilter(name, registry);
    if (!def) throw new Error(`no filter "${name}": use ${registry.map((f) => f.kind).join(', ')}`);
    return defaultSpec(def.kind, registry);
  });
}

/** A point filter reads no neighbours; one with a CSS counterpart is held to the point-filter targets. */
export const isPoint = (spec: FilterSpec, registry: FilterRegistry = FILTERS): boolean =>
  haloOf(spec, registry) === 0 && cssFilterOf(spec, registry) !== null;

/** Label of a pool mode's run with `workers` workers, e.g. "parallel×2". */
export const poolLabel = (mode: string, workers: number): string => `${mode}×${workers}`;

/**
 * Every configuration of one filter: each page-thread mode at the usual and at small tiles, each
 * pool mode at every worker count, and ctx.filter where the filter has a CSS counterpart.
 */
export function benchConfigs(spec: FilterSpec, workerCounts: readonly number[], registry: FilterRegistry = FILTERS): Config[] {
  const page = RUN_MODES.filter((m) => MODES[m].usesPageThread);
  const pool = RUN_MODES.filter((m) => !MODES[m].usesPageThread);
  return [
    ...page.map((mode) => ({ label: mode, settings: { mode } })),
    ...page.map((mode) => ({ label: `${mode}@${SMALL_TILE}`, settings: { mode, tileSize: SMALL_TILE } })),
    ...pool.flatMap((mode) => workerCounts.map((workers) => ({ label: poolLabel(mode, workers), settings: { mode, workers } }))),
    ...(cssFilterOf(spec, registry) !== null ? [{ label: 'ctx.filter', settings: null }] : []),
  ];
}
