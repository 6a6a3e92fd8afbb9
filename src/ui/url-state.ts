import { FILTERS, isFilterKind, makeSpec, paramsOf } from '../core/filters.js';
import { clampTileSize, DEFAULT_TILE } from '../core/tiling.js';
import { EXPERIMENTS, type Experiment } from '../core/experiments.js';
import { RUN_MODES, type FilterSpec, type RunMode } from '../core/types.js';


/** The settings a shared link carries. */
export interface LabState {
  readonly filter: FilterSpec;
  readonly mode: RunMode;
  readonly workers: number;
  readonly tileSize: number;
  readonly experiment: Experiment | null;
}

export const defaultState = (cores: number): LabState => ({
  filter: FILTERS[0]!.defaults,
  mode: 'parallel',
  workers: cores,
  tileSize: DEFAULT_TILE,
  experiment: null,
});

/** Query string for a state: only what differs from nothing, in a stable order. */
export function encodeState(s: LabState): string {
  const q = new URLSearchParams();
  q.set('filter', s.filter.kind);
  for (const [k, v] of Object.entries(paramsOf(s.filter))) q.set(k, String(v));
  q.set('mode', s.mode);
  q.set('workers', String(s.workers));
  q.set('tile', String(s.tileSize));
  if (s.experiment) q.set('experiment', s.experiment);
  return q.toString();
}

/** State from a query string; anything missing or invalid falls back to the defaults. */
export function decodeState(query: string, cores: number): LabState {
  const q = new URLSearchParams(query);
  const d = defaultState(cores);
  const kind = q.get('filter') ?? '';
  const num = (name: string): number | undefined => {
    const v = q.get(name);
    return v === null || v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v);
  };
  const filter = isFilterKind(kind)
    ? makeSpec(kind, { amount: num('amount'), sigma: num('sigma'), radius: num('radius') })
    : d.filter;
  const mode = RUN_MODES.find((m) => m === q.get('mode')) ?? d.mode;
  const workers = num('workers');
  const tile = num('tile');
  const experiment = EXPERIMENTS.find((e) => e === q.get('experiment')) ?? null;
  return {
    filter,
    mode,
    workers: workers === undefined ? d.workers : Math.min(2 * cores, Math.max(1, Math.round(workers))),
    tileSize: tile === undefined ? d.tileSize : clampTileSize(tile),
    experiment,
  };
}
