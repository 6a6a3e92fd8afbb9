import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/record.js';
import { epochMs, ms } from '../../src/core/types.js';
import { HistoryStore, MAX_RUNS } from '../../src/ui/history-store.js';
import { compare, cores, FakeKeyValue, quota } from './history-fixtures.js';

const run = (id: number, tiles = 3): RunRecord => ({
  id,
  photo: { key: 'photo-1', name: 'lake.jpg', width: 40, height: 30, decodeMs: ms(2) },
  settings: {
    filter: { kind: 'sobel' },
    mode: 'parallel',
    memory: 'shared',
    workers: 2,
    kernel: 'js',
    tileSize: 16,
    schedule: 'dynamic',
    region: null,
  },
  outcome: 'done',
  tiles,
  tilesDone: tiles,
  startedAt: epochMs(1000),
  wallMs: ms(12.5),
  readbackMs: ms(1),
  longestTaskMs: ms(0),
  longTaskTotalMs: ms(0),
  longestFrameGapMs: ms(16.7),
  droppedFrames: 0,
  pageBusyShare: 0.1,
  slices: 0,
  spans: Array.from({ length: tiles }, (_, t) => ({ lane: t % 2, tile: t, start: epochMs(1000 + t), end: epochMs(1002.5 + t) })),
  digest: 'ab'.repeat(32),
  bytesCopied: 0,
  faults: [],
});

const photo = (id: string, name: string, bytes: number) => ({
  id,
  name,
  file: new File([new Uint8Array(bytes)], name, { type: 'image/png' }),
  downscale: false,
});
const sample = { id: 'sample', name: 'Sample', file: null, downscale: false };

function setup(limit?: number) {
  const kv = new FakeKeyValue();
  const said: string[] = [];
  const store = (): HistoryStore => new HistoryStore(kv, (t) => said.push(t), limit);
  return { kv, said, store };
}

describe('HistoryStore', () => {
  it('gives back the runs, results and photo queue of an earlier visit', async () => {
    const { store, said } = setup();
    const first = store();
    await first.saveRuns([run(1), run(2, 5)]);
    await first.saveRuns([run(1), run(2, 5), run(3)]); // only run 3 is new
    await first.saveResults({ cores }, compare, 1234);
    await first.savePhotos([sample, photo('photo-1', 'lake.jpg', 10), photo('photo-2', 'dog.png', 20)], 'photo-2');

    const snap = await store().load();
    expect(said).toEqual([]);
    expect(snap?.runs.map((r) => r.id)).toEqual([1, 2, 3]);
    // Spans are packed for the store and come back as they were.
    expect(snap?.runs[1]).toEqual(run(2, 5));
    expect(snap?.experiments.cores?.points[1]?.maxMs).toBe(Infinity);
    expect(snap?.compare).toEqual(compare);
    expect(snap?.savedAt).toBe(1234);
    expect(snap?.photos.map((p) => [p.id, p.name, p.file.size])).toEqual([
      ['photo-1', 'lake.jpg', 10],
      ['photo-2', 'dog.png', 20],
    ]);
    expect(snap?.selectedId).toBe('photo-2');
  });

  it('keeps only the newest runs', async () => {
    const { store, kv } = setup();
    await store().saveRuns(Array.from({ length: MAX_RUNS + 2 }, (_, i) => run(i + 1, 1)));
    const snap = await store().load();
    expect(snap?.runs).toHaveLength(MAX_RUNS);
    expect(snap?.runs[0]?.id).toBe(3);
    expect([...kv.map.keys()].filter((k) => k.startsWith('run:'))).toHaveLength(MAX_RUNS);
  });

  it.each([
    [
      'the browser runs out of room',
      Infinity,
      (k: string) => (k === 'photo:photo-2' ? quota() : null),
      'the browser has no room left for its 0.0 MB',
    ],
    ['the photos pass the stated limit', 25, () => null, 'photos are kept up to 0.0 MB in all'],
  ])('names a photo it cannot keep when %s, and keeps the others', async (_, limit, fail, why) => {
    const { store, kv, said } = setup(limit);
    kv.fail = fail;
    const s = store();
    const queue = [sample, photo('photo-1', 'lake.jpg', 10), photo('photo-2', 'big.tif', 20)];
    await s.savePhotos(queue, 'photo-2');
    await s.savePhotos(queue, 'photo-2'); // named once, not at every save
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('“big.tif” is too large to keep after a reload');
    expect(said[0]).toContain(why);
    const snap = await store().load();
    expect(snap?.photos.map((p) => p.name)).toEqual(['lake.jpg']);
    // The photo that was not kept cannot be the one selected next time.
    expect(snap?.selectedId).toBeNull();
  });

  it('says once when the store is full for runs, and the page carries on', async () => {
    const { store, kv, said } = setup();
    kv.fail = () => quota();
    const s = store();
    await s.saveRuns([run(1)]);
    await s.saveResults({ cores }, null);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('storage for this page is full');
  });

  it.each([
    ['there is no IndexedDB', null],
    ['opening it fails (private mode)', new DOMException('The user denied permission to access the database.', 'InvalidStateError')],
  ])('says once when %s, and writes nothing', async (_, error) => {
    const kv = new FakeKeyValue();
    const said: string[] = [];
    kv.fail = () => error;
    const s = new HistoryStore(error ? kv : null, (t) => said.push(t));
    expect(await s.load()).toBeNull();
    await s.saveRuns([run(1)]);
    await s.savePhotos([photo('photo-1', 'lake.jpg', 10)], 'photo-1');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^History cannot be kept in this browser .*Everything else works\.$/);
    expect(s.keeping).toBe(false);
    expect(kv.map.size).toBe(0);
  });

  it('clear empties the store, and later saves start again', async () => {
    const { store, kv } = setup();
    const s = store();
    await s.saveRuns([run(1)]);
    await s.saveResults({ cores }, compare);
    await s.savePhotos([photo('photo-1', 'lake.jpg', 10)], 'photo-1');
    await s.clear();
    expect(kv.map.size).toBe(0);
    const empty = await store().load();
    expect(empty).toEqual({ runs: [], photos: [], selectedId: null, experiments: {}, compare: null, savedAt: null });
    await s.saveRuns([run(1)]);
    expect((await store().load())?.runs).toHaveLength(1);
  });
});
