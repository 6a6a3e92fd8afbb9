import { defaultSpec, FILTERS, findFilter, makeSpec, paramsOf, type FilterRegistry, type FilterSpec } from '../core/filters.js';
import { AUTO_TILE, clampTileSize } from '../core/tiling.js';
import { EXPERIMENTS, type Experiment } from '../core/experiments.js';
import { isRunMode, RUN_MODES, type RunMode } from '../core/modes.js';
import { isKernelChoice, type KernelChoice } from '../core/kernel-choice.js';
import { isLessonStep } from '../core/lesson-steps.js';

/** The settings a shared link carries. */
export interface LabState {
  readonly filter: FilterSpec;
  readonly mode: RunMode;
  readonly workers: number;
  readonly tileSize: number;
  /** Asked for; a page without WebAssembly SIMD runs JavaScript and says why. */
  readonly kernel: KernelChoice;
  readonly experiment: Experiment | null;
  /** The lesson's step, 1-based, so a teacher can share "step 4"; absent in the free lab. */
  readonly lesson?: number;
}

/** The first entry of the registry, at its defaults. */
const firstFilter = (registry: FilterRegistry): FilterSpec => {
  const first = registry[0] ?? FILTERS[0];
  if (!first) throw new Error('the filter registry is empty');
  return defaultSpec(first.kind, registry);
};

export const defaultState = (cores: number, registry: FilterRegistry = FILTERS): LabState => ({
  filter: firstFilter(registry),
  mode: RUN_MODES[0],
  workers: cores,
  tileSize: AUTO_TILE,
  kernel: 'simd',
  experiment: null,
});

/** Query string for a state: the filter and each of its parameters by name, in a stable order. */
export function encodeState(s: LabState): string {
  const q = new URLSearchParams();
  q.set('filter', s.filter.kind);
  for (const [k, v] of Object.entries(paramsOf(s.filter))) q.set(k, String(v));
  q.set('mode', s.mode);
  q.set('workers', String(s.workers));
  q.set('tile', s.tileSize === AUTO_TILE ? 'auto' : String(s.tileSize));
  q.set('kernel', s.kernel);
  if (s.experiment) q.set('experiment', s.experiment);
  if (s.lesson !== undefined) q.set('lesson', String(s.lesson));
  return q.toString();
}

/** State from a query string; anything missing or invalid falls back to the defaults. */
export function decodeState(query: string, cores: number, registry: FilterRegistry = FILTERS): LabState {
  const q = new URLSearchParams(query);
  const d = defaultState(cores, registry);
  const num = (name: string): number | undefined => {
    const v = q.get(name);
    return v === null || v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v);
  };
  const def = findFilter(q.get('filter') ?? '', registry);
  const filter = def ? makeSpec(def.kind, Object.fromEntries(def.params.map((p) => [p.name, num(p.name)])), registry) : d.filter;
  const asked = q.get('mode');
  const workers = num('workers');
  const tile = q.get('tile') === 'auto' ? AUTO_TILE : num('tile');
  const kernel = q.get('kernel') ?? '';
  // Only a whole step number that exists opens the lesson; anything else (absent is 0) is the free lab.
  const lesson = Number(q.get('lesson') ?? '');
  return {
    filter,
    mode: isRunMode(asked) ? asked : d.mode,
    workers: workers === undefined ? d.workers : Math.min(2 * cores, Math.max(1, Math.round(workers))),
    tileSize: tile === undefined || tile === AUTO_TILE ? d.tileSize : clampTileSize(tile),
    kernel: isKernelChoice(kernel) ? kernel : d.kernel,
    experiment: EXPERIMENTS.find((e) => e === q.get('experiment')) ?? null,
    ...(isLessonStep(lesson) ? { lesson } : {}),
  };
}

/** Put `href` on the clipboard; says so, or, where the clipboard is refused, shows the link to copy by hand. */
export async function copyLink(href: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(href);
    return 'Link copied: opening it restores these settings.';
  } catch {
    return `Share this link to restore these settings: ${href}`;
  }
}
