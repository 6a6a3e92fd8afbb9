import { clear, createStore, delMany, entries, setMany } from 'idb-keyval';
import type { CompareResult } from '../core/compare.js';
import { messageOf } from '../core/errors.js';
import type { ExperimentResults, RunRecord } from '../core/record.js';
import { epochMs, type Span } from '../core/types.js';

/** The few key-value calls the history needs: IndexedDB in the page, a Map in unit tests. */
export interface KeyValue {
  setMany(items: readonly (readonly [string, unknown])[]): Promise<void>;
  delMany(keys: readonly string[]): Promise<void>;
  entries(): Promise<(readonly [unknown, unknown])[]>;
  clear(): Promise<void>;
}

/** IndexedDB through idb-keyval, in a database of the project's own; null where the browser has none. */
export function idbKeyValue(): KeyValue | null {
  try {
    if (typeof indexedDB === 'undefined') return null;
    const store = createStore('tilelab-history', 'history');
    return {
      setMany: (items) =>
        setMany(
          items.map(([k, v]): [IDBValidKey, unknown] => [k, v]),
          store,
        ),
      delMany: (keys) => delMany([...keys], store),
      entries: () => entries<IDBValidKey, unknown>(store),
      clear: () => clear(store),
    };
  } catch {
    // A sandboxed or locked-down page may throw on the very mention of indexedDB.
    return null;
  }
}

/** Photos are kept up to this many bytes in all: a class's photos, not a camera roll. */
export const PHOTO_LIMIT_BYTES = 100 * 1024 * 1024;
/** The newest runs kept; older ones are dropped from the store (not from the page). */
export const MAX_RUNS = 500;

/** A queued photo as the store keeps it: the file itself, so the photo decodes again after a reload. */
export interface KeptPhoto {
  readonly id: string;
  readonly name: string;
  readonly file: Blob;
  readonly downscale: boolean;
}

/** What an earlier visit left. */
export interface Snapshot {
  readonly runs: readonly RunRecord[];
  /** In queue order. */
  readonly photos: readonly KeptPhoto[];
  readonly selectedId: string | null;
  readonly experiments: ExperimentResults;
  readonly compare: CompareResult | null;
  /** When the results were last written (epoch ms), or null if only runs or photos were. */
  readonly savedAt: number | null;
}

/** A run with its spans packed into one array (lane, tile, start, end per tile): one value to clone, not thousands of objects. */
type StoredRun = Omit<RunRecord, 'spans'> & { readonly spans: Float64Array };

const pack = (r: RunRecord): StoredRun => {
  const spans = new Float64Array(r.spans.length * 4);
  r.spans.forEach((s, i) => spans.set([s.lane, s.tile, s.start, s.end], i * 4));
  return { ...r, spans };
};

const unpack = (r: StoredRun): RunRecord => {
  const spans: Span[] = [];
  for (let i = 0; i + 3 < r.spans.length; i += 4)
    spans.push({
      lane: r.spans[i] ?? 0,
      tile: r.spans[i + 1] ?? 0,
      start: epochMs(r.spans[i + 2] ?? 0),
      end: epochMs(r.spans[i + 3] ?? 0),
    });
  return { ...r, spans };
};

const RUN = 'run:';
const PHOTO = 'photo:';
const QUEUE = 'queue';
const RESULTS = 'results';

const isObj = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null;
const isStoredRun = (v: unknown): v is StoredRun =>
  isObj(v) && typeof v['id'] === 'number' && isObj(v['settings']) && isObj(v['photo']) && v['spans'] instanceof Float64Array;
const isKeptPhoto = (v: unknown): v is KeptPhoto =>
  isObj(v) &&
  typeof v['id'] === 'string' &&
  typeof v['name'] === 'string' &&
  v['file'] instanceof Blob &&
  typeof v['downscale'] === 'boolean';

const errorName = (e: unknown): string => (isObj(e) && typeof e['name'] === 'string' ? e['name'] : '');
const isQuota = (e: unknown): boolean => /quota/i.test(errorName(e)) || /quota/i.test(messageOf(e));
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Runs, experiment results and queued photos, kept between visits. Every failure becomes one
 * message and the page carries on as if nothing were kept: storage is a convenience, never a
 * reason for the lab to stop working.
 */
export class HistoryStore {
  private available: boolean;
  private readonly savedRuns = new Set<number>();
  /** Bytes of each photo kept, by id. */
  private readonly keptPhotos = new Map<string, number>();
  /** Photos already named as too large: each is named once. */
  private readonly refused = new Set<string>();
  private fullSaid = false;
  private unavailableSaid = false;

  constructor(
    private readonly kv: KeyValue | null,
    private readonly say: (text: string) => void,
    private readonly photoLimit = PHOTO_LIMIT_BYTES,
  ) {
    this.available = kv !== null;
  }

  get keeping(): boolean {
    return this.available;
  }

  private unavailable(e: unknown): void {
    this.available = false;
    if (this.unavailableSaid) return;
    this.unavailableSaid = true;
    const why = e === null ? 'this browser offers no storage to this page' : messageOf(e);
    this.say(
      `History cannot be kept in this browser (${why}; private browsing often blocks it): runs, results and photos will be gone after a reload. Everything else works.`,
    );
  }

  /** A write that failed: a full disk is said once; anything else means storage is not usable. */
  private failed(e: unknown): void {
    if (!isQuota(e)) return this.unavailable(e);
    if (this.fullSaid) return;
    this.fullSaid = true;
    this.say(
      'The browser’s storage for this page is full: the newest runs and results will not be kept after a reload. “Clear history” makes room.',
    );
  }

  /** What an earlier visit left; null when nothing can be read (said once, as a message). */
  async load(): Promise<Snapshot | null> {
    if (!this.kv || !this.available) {
      this.unavailable(null);
      return null;
    }
    let all: (readonly [unknown, unknown])[];
    try {
      all = await this.kv.entries();
    } catch (e) {
      this.unavailable(e);
      return null;
    }
    const runs: RunRecord[] = [];
    const photos = new Map<string, KeptPhoto>();
    let queue: { ids: readonly string[]; selectedId: string | null } = { ids: [], selectedId: null };
    let results: Pick<Snapshot, 'experiments' | 'compare' | 'savedAt'> = { experiments: {}, compare: null, savedAt: null };
    for (const [key, value] of all) {
      if (typeof key !== 'string') continue;
      if (key.startsWith(RUN) && isStoredRun(value)) runs.push(unpack(value));
      else if (key.startsWith(PHOTO) && isKeptPhoto(value)) photos.set(value.id, value);
      else if (key === QUEUE && isObj(value) && Array.isArray(value['ids']))
        queue = {
          ids: value['ids'].filter((x): x is string => typeof x === 'string'),
          selectedId: typeof value['selectedId'] === 'string' ? value['selectedId'] : null,
        };
      else if (key === RESULTS && isObj(value) && isObj(value['experiments']))
        results = {
          experiments: value['experiments'],
          compare: isObj(value['compare']) ? (value['compare'] as unknown as CompareResult) : null,
          savedAt: typeof value['savedAt'] === 'number' ? value['savedAt'] : null,
        };
    }
    runs.sort((a, b) => a.id - b.id);
    for (const r of runs) this.savedRuns.add(r.id);
    const kept = queue.ids.flatMap((id) => {
      const p = photos.get(id);
      return p ? [p] : [];
    });
    for (const p of kept) this.keptPhotos.set(p.id, p.file.size);
    return { runs, photos: kept, selectedId: queue.selectedId, ...results };
  }

  /** Write the runs not yet kept (called after a run ends, never during one), and drop the oldest beyond MAX_RUNS. */
  async saveRuns(records: readonly RunRecord[]): Promise<void> {
    if (!this.kv || !this.available) return;
    const fresh = records.filter((r) => !this.savedRuns.has(r.id));
    const ids = [...this.savedRuns, ...fresh.map((r) => r.id)].sort((a, b) => a - b);
    const drop = ids.slice(0, Math.max(0, ids.length - MAX_RUNS));
    try {
      if (fresh.length) await this.kv.setMany(fresh.filter((r) => !drop.includes(r.id)).map((r) => [`${RUN}${r.id}`, pack(r)] as const));
      for (const r of fresh) this.savedRuns.add(r.id);
      if (drop.length) {
        await this.kv.delMany(drop.map((id) => `${RUN}${id}`));
        for (const id of drop) this.savedRuns.delete(id);
      }
    } catch (e) {
      this.failed(e);
    }
  }

  async saveResults(experiments: ExperimentResults, compare: CompareResult | null, now = Date.now()): Promise<void> {
    if (!this.kv || !this.available) return;
    try {
      await this.kv.setMany([[RESULTS, { experiments, compare, savedAt: now }]]);
    } catch (e) {
      this.failed(e);
    }
  }

  /**
   * Keep the queued photos (files; the sample needs none) and which one is selected. A photo that
   * would take the kept photos past the limit, or that the browser refuses for lack of room, is
   * named: it stays in the queue for this visit only.
   */
  async savePhotos(
    items: readonly { readonly id: string; readonly name: string; readonly file: Blob | null; readonly downscale: boolean }[],
    selectedId: string | null,
  ): Promise<void> {
    if (!this.kv || !this.available) return;
    const kv = this.kv;
    try {
      for (const item of items) {
        if (!item.file || this.keptPhotos.has(item.id) || this.refused.has(item.id)) continue;
        const total = [...this.keptPhotos.values()].reduce((a, b) => a + b, 0) + item.file.size;
        if (total > this.photoLimit) {
          this.refuse(
            item.name,
            item.id,
            `photos are kept up to ${mb(this.photoLimit)} in all, and this one (${mb(item.file.size)}) would bring them to ${mb(total)}`,
          );
          continue;
        }
        try {
          await kv.setMany([[`${PHOTO}${item.id}`, { id: item.id, name: item.name, file: item.file, downscale: item.downscale }]]);
          this.keptPhotos.set(item.id, item.file.size);
        } catch (e) {
          if (!isQuota(e)) throw e;
          this.refuse(item.name, item.id, `the browser has no room left for its ${mb(item.file.size)}`);
        }
      }
      const ids = items.filter((i) => i.file === null || this.keptPhotos.has(i.id)).map((i) => i.id);
      const selected = selectedId !== null && ids.includes(selectedId) ? selectedId : null;
      await kv.setMany([[QUEUE, { ids, selectedId: selected }]]);
    } catch (e) {
      this.failed(e);
    }
  }

  private refuse(name: string, id: string, why: string): void {
    this.refused.add(id);
    this.say(`“${name}” is too large to keep after a reload (${why}). It stays in the queue until the page is closed.`);
  }

  /** Forget everything kept; the next visit starts empty. */
  async clear(): Promise<void> {
    this.savedRuns.clear();
    this.keptPhotos.clear();
    this.refused.clear();
    this.fullSaid = false;
    if (!this.kv || !this.available) return;
    try {
      await this.kv.clear();
    } catch (e) {
      this.failed(e);
    }
  }
}
