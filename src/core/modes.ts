/**
 * The run modes as data: everything the page, the charts, the records, the URL and the
 * experiments need to know about a mode is in its entry here. How a mode is run lives beside it
 * in `src/engine/modes.ts`, the one dispatch on a mode, which the compiler makes complete.
 */
export interface ModeInfo {
  /** The control's option, the chart's legend and the record's label. */
  readonly label: string;
  /**
   * Bars, lanes and swatches of this mode: a mid tone, at least 3:1 against a light and a dark
   * panel alike and 4.5:1 under white text, so it needs no second set for the dark scheme.
   */
  readonly colour: string;
  /** Two plain sentences for the page, next to the measured numbers. */
  readonly caption: string;
  /**
   * Filters on the page's own thread: one lane, the main thread, and the page's responsiveness is
   * the lesson. Otherwise a pool of workers does the filtering, and the Workers control applies.
   */
  readonly usesPageThread: boolean;
  /** The page can draw and answer input while a run goes (between slices, or because workers filter). */
  readonly yieldsToPage: boolean;
}

export const MODES = {
  parallel: {
    label: 'Parallel',
    colour: '#2b6de0',
    usesPageThread: false,
    yieldsToPage: true,
    caption:
      'Several cashiers at once: each worker is a thread with a core of its own, filtering a different tile at the same moment. The page’s own thread only hands out the work and shows the results.',
  },
  concurrent: {
    label: 'Concurrent',
    colour: '#a96100',
    usesPageThread: true,
    yieldsToPage: true,
    caption:
      'One cashier switching between customers: the page’s own thread filters a few tiles whenever it has a moment, then goes back to drawing and answering you. It all still happens on one core, so it is not faster, only politer.',
  },
  blocking: {
    label: 'Blocking',
    colour: '#e02424',
    usesPageThread: true,
    yieldsToPage: false,
    caption:
      'One cashier who serves each customer to the end before looking up: the page’s own thread filters every tile in one go. Until it is done nothing else on the page can happen.',
  },
} as const satisfies Record<string, ModeInfo>;

/** How the tiles are shared out between threads. */
export type RunMode = keyof typeof MODES;

/** Every mode, in the order the page offers them; the first is the default. */
export const RUN_MODES = Object.keys(MODES) as [RunMode, ...RunMode[]];

export const isRunMode = (s: unknown): s is RunMode => typeof s === 'string' && Object.hasOwn(MODES, s);

/** Threads that filter a run of `mode`: the pool size for a worker mode, else the page's one. */
export const laneCount = (mode: RunMode, workers: number): number => (MODES[mode].usesPageThread ? 1 : Math.max(1, Math.round(workers)));

/** The mode whose tiles a pool of workers filters: the one the worker experiments vary. */
export const POOL_MODE = 'parallel' satisfies RunMode;
