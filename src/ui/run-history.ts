import { agreementKey, outputKey, runLabel, type RunRecord } from '../core/record.js';
import { formatMs } from '../core/stats.js';
import type { FilterSpec } from '../core/types.js';

/** Bars the wall-time chart shows at most. */
export const CHART_RUNS = 12;

/**
 * Every run of the session, and which one the page speaks for: the last record of a current
 * run, and the finished result the "after" canvas shows (the only one Download may save).
 */
export class RunHistory {
  records: readonly RunRecord[] = [];
  /** The latest record of a run that was still current when it ended. */
  last: RunRecord | null = null;
  /** The finished run whose pixels the page shows, or null while a run draws or after a failure. */
  shown: RunRecord | null = null;
  /** Ids of runs restored from an earlier visit: their numbers stand, their pixels are gone. */
  earlier: ReadonlySet<number> = new Set();

  constructor(private readonly changed: () => void) {}

  /**
   * Runs kept from an earlier visit, before this visit's runs. None becomes what the page speaks
   * for: the canvas does not show their pixels, so Download has nothing of theirs to save.
   */
  restore(records: readonly RunRecord[]): void {
    const ids = new Set(this.records.map((r) => r.id));
    const older = records.filter((r) => !ids.has(r.id));
    this.records = [...older, ...this.records];
    this.earlier = new Set([...this.earlier, ...older.map((r) => r.id)]);
    this.changed();
  }

  /** The highest run id known, so new runs number on from an earlier visit's. */
  get lastId(): number {
    return this.records.reduce((m, r) => Math.max(m, r.id), 0);
  }

  /** "Clear history": no runs at all. */
  clear(): void {
    this.records = [];
    this.earlier = new Set();
    this.last = null;
    this.shown = null;
    this.changed();
  }

  /** Keep a record; a current one also becomes what the page speaks for. */
  add(record: RunRecord, current: boolean): void {
    this.records = [...this.records, record];
    if (current) {
      this.last = record;
      this.shown = record.outcome === 'done' ? record : null;
    }
    this.changed();
  }

  /** A run started, or another photo was chosen: the canvas no longer shows a finished result. */
  clearShown(): void {
    this.shown = null;
    this.changed();
  }

  /** Finished runs of this photo and filter, the newest `CHART_RUNS`, oldest first. */
  chartRuns(photoKey: string, filter: FilterSpec): RunRecord[] {
    const key = outputKey(photoKey, { filter, region: null });
    return this.records.filter((r) => r.outcome === 'done' && agreementKey(r) === key).slice(-CHART_RUNS);
  }
}

/** The status line for a run that ended: how long it took, or how it ended. */
export function runStatus(r: RunRecord): string {
  const label = runLabel(r.settings);
  if (r.outcome === 'done')
    return `${label} finished in ${formatMs(r.wallMs)}: ${r.tiles} tiles, longest main-thread task ${formatMs(r.longestTaskMs)}.`;
  if (r.outcome === 'cancelled') return `${label} cancelled after ${r.tilesDone} of ${r.tiles} tiles.`;
  return `${label} failed: ${r.error ?? 'unknown error'}.`;
}
