import { describe, expect, it } from 'vitest';
import type { ExperimentResults } from '../../src/core/experiments.js';
import { ms } from '../../src/core/types.js';
import type { LoadedPhoto } from '../../src/engine/job.js';
import { HistoryStore, type KeyValue } from '../../src/ui/history-store.js';
import { KeptHistory, RETRY_MS, SAVE_AFTER_MS, type KeptPage, type Timers } from '../../src/ui/kept-history.js';
import { SAMPLE_ID } from '../../src/ui/photo-library.js';
import { RunHistory } from '../../src/ui/run-history.js';
import { record } from './evidence-fixtures.js';
import { compare, cores, FakeKeyValue } from './history-fixtures.js';

/** A clock the test moves: a timer fires only when `fire` is called. */
class FakeTimers implements Timers {
  private next = 0;
  readonly pending = new Map<number, { readonly run: () => void; readonly ms: number }>();

  set(run: () => void, ms: number): number {
    this.pending.set(++this.next, { run, ms });
    return this.next;
  }
  clear(id: number): void {
    this.pending.delete(id);
  }
  /** Fire every timer set by now; gives the delay each had. */
  fire(): number[] {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const t of due) t.run();
    return due.map((t) => t.ms);
  }
}

const lake = { id: 'photo-1', name: 'lake.jpg', file: new File([new Uint8Array(10)], 'lake.jpg'), thumb: null, downscale: false };
const decoded: LoadedPhoto = {
  info: { key: 'photo-1', name: 'lake.jpg', width: 2, height: 1, decodeMs: ms(1) },
  planes: { width: 2, height: 1, src: new Uint8Array(8), dst: new Uint8Array(8), shared: false },
};

/**
 * The page as the kept history sees it, with a log of what it was asked to do; every photo the
 * library is asked for decodes. `keyValue` null: a browser that offers no storage.
 */
function setup(kv = new FakeKeyValue(), keyValue: KeyValue | null = kv) {
  const log: string[] = [];
  const said: string[] = [];
  const work: Promise<unknown>[] = [];
  let results: ExperimentResults = {};
  let status = 'Ready to run.';
  const batch = { running: false };
  const did = (what: string): Promise<void> => {
    log.push(what);
    library.photo = decoded;
    return Promise.resolve();
  };
  const library: KeptPage['library'] = {
    queue: [lake],
    selectedId: lake.id,
    photo: null,
    loading: false,
    addSample: () => did('add the sample'),
    restore: (photos, selectedId) => did(`restore ${photos.map((p) => p.id).join(' ')}, ${selectedId}`),
    select: (id) => did(`select ${id}`),
    reset: () => did('reset the queue'),
  };
  const history = new RunHistory(() => {});
  const page: KeptPage = {
    history,
    library,
    runs: { running: false, continueAfter: (id) => log.push(`number runs after ${id}`) },
    experiments: { kind: 'cores', result: null, running: false },
    comparison: { result: null, running: false },
    batchRunning: () => batch.running,
    results: () => results,
    setResults: (r) => (results = r),
    status: (edit) => (status = edit(status)),
    say: (text) => said.push(text),
    task: (what, w) => work.push(w.catch(() => said.push(`${what} failed`))),
    changed: () => {},
  };
  const timers = new FakeTimers();
  return {
    kv,
    history,
    page,
    timers,
    log,
    said,
    status: () => status,
    batch,
    kept: new KeptHistory(keyValue, page, timers),
    settled: () => Promise.all(work),
  };
}

describe('KeptHistory', () => {
  it('writes a burst of changes once, each kind once, after the wait', async () => {
    const { kv, history, page, timers, kept, settled } = setup();
    for (const id of [1, 2, 3]) {
      history.add(record(id, {}, 10), true);
      kept.keep('runs');
      kept.keep('results');
    }
    page.setResults({ cores });
    kept.keep('photos');
    expect(timers.pending.size).toBe(1);
    expect(kv.written).toEqual([]);
    expect(timers.fire()).toEqual([SAVE_AFTER_MS]);
    await settled();
    expect([...kv.written].sort()).toEqual(['photo:photo-1', 'queue', 'results', 'run:1', 'run:2', 'run:3']);
    expect(timers.pending.size).toBe(0);
  });

  it('waits while a run, an experiment or a batch measures, and writes once nothing does', async () => {
    const { kv, history, page, timers, kept, settled, batch } = setup();
    history.add(record(1, {}, 10), true);
    kept.keep('runs');
    page.experiments.running = true;
    expect(timers.fire()).toEqual([SAVE_AFTER_MS]);
    page.experiments.running = false;
    page.runs.running = true;
    expect(timers.fire()).toEqual([RETRY_MS]);
    page.runs.running = false;
    batch.running = true;
    expect(timers.fire()).toEqual([RETRY_MS]);
    await settled();
    expect(kv.written).toEqual([]);
    batch.running = false;
    expect(timers.fire()).toEqual([RETRY_MS]);
    await settled();
    expect(kv.written).toEqual(['run:1']);
  });

  it('Clear history drops a write still waiting, and the page starts again from the sample', async () => {
    const { kv, history, page, timers, kept, log, status, settled } = setup();
    history.add(record(1, {}, 10), true);
    page.setResults({ cores });
    page.comparison.result = compare;
    kept.keep('runs');
    kept.keep('results');
    await kept.clear();
    expect(timers.pending.size).toBe(0);
    await settled();
    expect(kv.written).toEqual([]);
    expect([page.history.records, page.results(), page.comparison.result]).toEqual([[], {}, null]);
    expect(log).toEqual(['reset the queue']);
    expect(status()).toBe('History cleared: no runs, results or photos are kept. Ready to run.');
  });

  it('restores an earlier visit, marks its results until each is measured again, and says what came back', async () => {
    const kv = new FakeKeyValue();
    const earlier = new HistoryStore(kv, () => {});
    await earlier.saveRuns([record(1, {}, 10), record(2, {}, 12)]);
    await earlier.saveResults({ cores }, compare, 1234);
    await earlier.savePhotos([lake], lake.id);
    const { page, timers, kept, log, said, status, settled } = setup(kv);
    await kept.restore();
    expect(said).toEqual([]);
    expect(page.history.records.map((r) => r.id)).toEqual([1, 2]);
    expect(log).toEqual(['number runs after 2', 'restore photo-1, photo-1']);
    expect([page.results(), page.experiments.result, page.comparison.result]).toEqual([{ cores }, cores, compare]);
    expect(status()).toBe('Ready to run. Kept from an earlier visit: 2 runs, 2 results, 1 photo.');
    const note = `This result is from an earlier visit (${new Date(1234).toLocaleString()}); run it again to measure this device now.`;
    expect([kept.earlierNote('cores'), kept.earlierNote('compare'), kept.earlierNote('memory')]).toEqual([note, note, '']);

    kept.measured('cores');
    expect([kept.earlierNote('cores'), kept.earlierNote('compare')]).toEqual(['', note]);
    kv.written.length = 0;
    timers.fire();
    await settled();
    expect(kv.written).toEqual(['results']);
  });

  it('shows the sample when the photo kept as selected does not decode', async () => {
    const kv = new FakeKeyValue();
    await new HistoryStore(kv, () => {}).savePhotos([lake], lake.id);
    const { page, kept, log } = setup(kv);
    page.library.restore = (photos) => Promise.resolve(void log.push(`restore ${photos.length} photo, none decoded`));
    await kept.restore();
    expect(log).toEqual(['number runs after 0', 'restore 1 photo, none decoded', `select ${SAMPLE_ID}`]);
  });

  it('a first visit gets the sample and no word about an earlier one', async () => {
    const { kept, log, said, status } = setup();
    await kept.restore();
    expect(log).toEqual(['add the sample', 'number runs after 0']);
    expect(said).toEqual([]);
    expect(status()).toBe('Ready to run.');
  });

  it('a browser with no storage is said once, and the sample still comes', async () => {
    const { kept, timers, log, said, settled } = setup(undefined, null);
    await kept.restore();
    kept.keep('runs');
    timers.fire();
    await settled();
    expect(log).toEqual(['add the sample']);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('History cannot be kept in this browser (this browser offers no storage to this page;');
  });

  it('a store that refuses every write is said once, however many writes fail', async () => {
    const { kv, history, kept, timers, said, settled } = setup();
    kv.fail = () => new DOMException('The operation is insecure.', 'SecurityError');
    history.add(record(1, {}, 10), true);
    for (const what of ['runs', 'results', 'photos'] as const) kept.keep(what);
    timers.fire();
    await settled();
    kept.keep('runs');
    timers.fire();
    await settled();
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('History cannot be kept in this browser (The operation is insecure.;');
  });
});
