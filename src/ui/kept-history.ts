import type { CompareResult } from '../core/compare.js';
import type { ExperimentResults } from '../core/experiments.js';
import { count } from '../core/words.js';
import type { ExperimentRunner } from './experiment-runner.js';
import { HistoryStore, type KeyValue } from './history-store.js';
import { SAMPLE_ID, type PhotoLibrary } from './photo-library.js';
import type { RunController } from './run-controller.js';
import type { RunHistory } from './run-history.js';

/** What is kept; each is written on its own. */
export type Kept = 'runs' | 'results' | 'photos';

/** A change waits this long before it is written, so that a burst of changes is written once. */
export const SAVE_AFTER_MS = 300;
/** While something measures, the write waits this long, again and again, until nothing does. */
export const RETRY_MS = 1000;

/** setTimeout and clearTimeout: the page's, or a test's clock. */
export interface Timers {
  set(run: () => void, ms: number): number;
  clear(id: number): void;
}

const pageTimers: Timers = {
  set: (run, ms) => window.setTimeout(run, ms),
  clear: (id) => window.clearTimeout(id),
};

/** The parts of the page that the kept history reads, and fills again on the next visit. */
export interface KeptPage {
  readonly history: Pick<RunHistory, 'records' | 'lastId' | 'restore' | 'clear'>;
  readonly library: Pick<PhotoLibrary, 'queue' | 'selectedId' | 'photo' | 'loading' | 'addSample' | 'restore' | 'select' | 'reset'>;
  readonly runs: Pick<RunController, 'running' | 'continueAfter'>;
  readonly experiments: Pick<ExperimentRunner, 'kind' | 'result' | 'running'>;
  readonly comparison: Pick<ExperimentRunner<'compare', CompareResult>, 'result' | 'running'>;
  /** Whether "Filter all photos" is at work (it measures too, and holds the workers). */
  batchRunning(): boolean;
  /** The latest result of each experiment, as the page shows them. */
  results(): ExperimentResults;
  setResults(results: ExperimentResults): void;
  /** Rewrite the status line; `edit` gets what it says now. */
  status(edit: (text: string) => string): void;
  say(text: string): void;
  /** Start `work`; a failure becomes a message that says `what` was being done. */
  task(what: string, work: Promise<unknown>): void;
  changed(): void;
}

/**
 * Runs, experiment results and the photo queue, kept for the next visit and given back on it.
 * A change is written a moment later, never while a run or experiment measures: writing then
 * would cost the page's thread. A result an earlier visit measured says so until it is
 * measured again.
 */
export class KeptHistory {
  private readonly store: HistoryStore;
  private readonly unsaved = new Set<Kept>();
  private timer: number | null = null;
  /** Results on screen that an earlier visit measured ('compare' or an experiment's kind). */
  private earlier: ReadonlySet<string> = new Set();
  /** When the earlier visit wrote its results (epoch ms), if it said. */
  private earlierAt: number | null = null;

  constructor(
    kv: KeyValue | null,
    private readonly page: KeptPage,
    private readonly timers: Timers = pageTimers,
  ) {
    this.store = new HistoryStore(kv, (text) => page.say(text));
  }

  /** What an earlier visit kept: runs, results and the photo queue, each saying where it came from. */
  async restore(): Promise<void> {
    const { history, library, experiments, comparison } = this.page;
    const snap = await this.store.load();
    if (!snap || (!snap.photos.length && !snap.runs.length)) await library.addSample();
    if (!snap) return;
    history.restore(snap.runs);
    this.page.runs.continueAfter(history.lastId);
    if (snap.photos.length || snap.runs.length) await library.restore(snap.photos, snap.selectedId);
    if (!library.photo && !library.loading) await library.select(SAMPLE_ID);
    const results = { ...snap.experiments, ...this.page.results() };
    this.page.setResults(results);
    experiments.result ??= results[experiments.kind] ?? null;
    comparison.result ??= snap.compare;
    const kinds = Object.keys(snap.experiments);
    this.earlier = new Set([...kinds, ...(snap.compare ? ['compare'] : [])]);
    this.earlierAt = snap.savedAt;
    this.page.changed();
    const parts = [
      [snap.runs.length, 'run'],
      [kinds.length + (snap.compare ? 1 : 0), 'result'],
      [snap.photos.length, 'photo'],
    ] as const;
    const said = parts.filter(([n]) => n > 0).map(([n, what]) => count(n, what));
    if (said.length) this.page.status((text) => `${text} Kept from an earlier visit: ${said.join(', ')}.`);
  }

  /** Keep `what` for the next visit, soon. */
  keep(what: Kept): void {
    this.unsaved.add(what);
    this.saveIn(SAVE_AFTER_MS);
  }

  /** A result measured on this visit (`kind`, or 'compare'): it no longer speaks for an earlier one, and is kept. */
  measured(kind: string): void {
    if (this.earlier.has(kind)) {
      this.earlier = new Set([...this.earlier].filter((k) => k !== kind));
      this.page.changed();
    }
    this.keep('results');
  }

  /** The note for a result restored from an earlier visit, until it is measured again; '' for any other. */
  earlierNote(kind: string): string {
    if (!this.earlier.has(kind)) return '';
    const when = this.earlierAt ? ` (${new Date(this.earlierAt).toLocaleString()})` : '';
    return `This result is from an earlier visit${when}; run it again to measure this device now.`;
  }

  /** "Clear history": nothing waits to be written, the store forgets, and the page starts again from the sample. */
  async clear(): Promise<void> {
    this.cancelSave();
    this.unsaved.clear();
    await this.store.clear();
    this.page.history.clear();
    this.page.setResults({});
    this.page.experiments.result = null;
    this.page.comparison.result = null;
    this.earlier = new Set();
    await this.page.library.reset();
    this.page.status((text) => `History cleared: no runs, results or photos are kept. ${text}`);
  }

  private saveIn(ms: number): void {
    this.cancelSave();
    this.timer = this.timers.set(() => this.save(), ms);
  }

  private cancelSave(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private save(): void {
    this.timer = null;
    const { history, library, runs, experiments, comparison } = this.page;
    if (runs.running || experiments.running || comparison.running || this.page.batchRunning()) return this.saveIn(RETRY_MS);
    const what = new Set(this.unsaved);
    this.unsaved.clear();
    if (what.has('runs')) this.page.task('Keeping the runs', this.store.saveRuns(history.records));
    if (what.has('results')) this.page.task('Keeping the results', this.store.saveResults(this.page.results(), comparison.result));
    if (what.has('photos')) this.page.task('Keeping the photos', this.store.savePhotos(library.queue, library.selectedId));
  }
}
