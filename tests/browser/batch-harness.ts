/**
 * Exposes batches on the real engine to Playwright as `window.batchLab`: real files read,
 * decoded, filtered, encoded and zipped in real Chromium, the ZIP read back in the page.
 */
import { unzipSync } from 'fflate';
import { uniqueName } from '../../src/core/batch-names.js';
import type { BatchSchedule, BatchSummary } from '../../src/core/batch.js';
import type { RunSettings } from '../../src/core/record.js';
import { paintSample } from '../../src/core/sample.js';
import { AUTO_TILE } from '../../src/core/tiling.js';
import type { FilterSpec } from '../../src/core/types.js';
import { detectCapabilities } from '../../src/engine/capabilities.js';
import { sha256Hex } from '../../src/engine/digest.js';
import { WorkerPool } from '../../src/engine/pool.js';
import { browserIdleScheduler } from '../../src/engine/run-concurrent.js';
import { filterAll, type BatchPhoto } from '../../src/ui/batch-stages.js';
import { zipSink, type BatchSink } from '../../src/ui/batch-zip.js';

const pool = new WorkerPool();
const sharedMemory = detectCapabilities().sharedMemory;

async function painted(width: number, height: number, type: string, seed?: number): Promise<Blob> {
  const pixels = new Uint8ClampedArray(width * height * 4);
  paintSample(width, height, new Uint8Array(pixels.buffer), seed);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  ctx.putImageData(new ImageData(pixels, width, height), 0, 0);
  return canvas.convertToBlob({ type, quality: 0.9 });
}

/**
 * A queue of good and bad photos: two JPEGs whose names make the same output name, a PNG, a
 * text file named like a JPEG, an empty file, and the sample (no file).
 */
async function queue(): Promise<BatchPhoto[]> {
  const jpeg = await painted(480, 320, 'image/jpeg');
  const png = await painted(400, 300, 'image/png');
  const item = (id: string, name: string, parts: BlobPart[], type: string): BatchPhoto => ({
    id,
    name,
    file: new File(parts, name, { type }),
    downscale: false,
  });
  return [
    item('photo-1', 'Lake.jpg', [jpeg], 'image/jpeg'),
    item('photo-2', 'notes.jpg', ['shopping list: milk, eggs'], 'image/jpeg'),
    item('photo-3', 'Sunset.png', [png], 'image/png'),
    item('photo-4', 'empty.png', [], 'image/png'),
    item('photo-5', 'lake.JPG', [jpeg], 'image/jpeg'),
    { id: 'sample', name: 'Sample: lake at sunset', file: null, downscale: false },
  ];
}

/** A queue of `count` photo-like files, each painted with its own seed: the benchmark's batch. */
export interface PaintedQueue {
  readonly count: number;
  readonly width: number;
  readonly height: number;
  readonly type: 'image/jpeg' | 'image/png';
}

const painting = new Map<string, Promise<BatchPhoto[]>>();

/** Painted once per page and kept, so both schedules read the same files and the painting is not timed. */
function paintedQueue(q: PaintedQueue): Promise<BatchPhoto[]> {
  const key = JSON.stringify(q);
  let photos = painting.get(key);
  if (!photos) {
    const ext = q.type === 'image/jpeg' ? 'jpg' : 'png';
    // One at a time: fifty 12 MP canvases painted at once would hold gigabytes before any is encoded.
    photos = (async () => {
      const out: BatchPhoto[] = [];
      for (let i = 0; i < q.count; i++) {
        const name = `photo-${String(i + 1).padStart(2, '0')}.${ext}`;
        const file = new File([await painted(q.width, q.height, q.type, 11 + i)], name, { type: q.type });
        out.push({ id: `painted-${i}`, name, file, downscale: false });
      }
      return out;
    })();
    painting.set(key, photos);
  }
  return photos;
}

export interface LabOptions {
  readonly schedule: BatchSchedule;
  /** The photos; by default the mixed queue of good and bad files. */
  readonly photos?: PaintedQueue;
  readonly kernel?: RunSettings['kernel'];
  readonly filter: FilterSpec;
  readonly mode?: RunSettings['mode'];
  readonly workers?: number;
  /** Cancel once this many photos are saved. */
  readonly cancelAfterSaved?: number;
  /** Where results go: the ZIP kept in memory (the default), or nowhere, only counted (the benchmark's memory batch). */
  readonly sink?: 'zip' | 'count';
}

export interface LabResult {
  readonly summary: BatchSummary;
  /** The ZIP read back: each entry's name and the SHA-256 of its bytes; empty with the counting sink. */
  readonly entries: readonly { readonly name: string; readonly sha: string; readonly bytes: number }[];
  /** SHA-256 of each photo's filtered pixels, by photo index; absent for photos not filtered. */
  readonly digests: Readonly<Record<number, string | null>>;
  /** Each filtered photo's run: the filtering itself and the hashing after it, in ms. */
  readonly runs: Readonly<Record<number, { readonly wallMs: number; readonly readbackMs: number }>>;
  /** When the batch was cancelled, on the spans' clock; null if it was not. */
  readonly abortedAt: number | null;
  /** Bytes of the encoded files saved, whichever the sink. */
  readonly savedBytes: number;
  /** Kernel memories the batch reserved for its photos' pixels (0 without WebAssembly SIMD). */
  readonly kernelMemories: number;
}

/** A sink that keeps no bytes, only counts them: a batch's memory without its growing output. */
function countingSink(): BatchSink & { readonly bytes: () => number } {
  const taken = new Set<string>();
  let bytes = 0;
  return {
    kind: 'folder',
    save(name, data) {
      bytes += data.size;
      return Promise.resolve(uniqueName(name, taken));
    },
    finish: () => Promise.resolve({ kind: 'folder', folder: 'nowhere (bytes counted only)', entries: [...taken] }),
    bytes: () => bytes,
  };
}

async function run(o: LabOptions): Promise<LabResult> {
  const photos = o.photos ? await paintedQueue(o.photos) : await queue();
  const settings: RunSettings = {
    filter: o.filter,
    mode: o.mode ?? 'parallel',
    memory: 'shared',
    workers: o.workers ?? 2,
    kernel: o.kernel ?? 'js',
    tileSize: AUTO_TILE,
    schedule: 'dynamic',
    region: null,
  };
  const abort = new AbortController();
  const now = (): number => performance.timeOrigin + performance.now();
  let abortedAt: number | null = null;
  const digests: Record<number, string | null> = {};
  const runs: Record<number, { wallMs: number; readbackMs: number }> = {};
  const counting = o.sink === 'count' ? countingSink() : null;
  const sink = counting ?? zipSink();
  const { summary, output, kernelMemories } = await filterAll(
    photos,
    settings,
    {
      deps: { pool, idle: browserIdleScheduler() },
      sharedMemory,
      sink,
      onRun: (i, r) => {
        digests[i] = r.digest;
        runs[i] = { wallMs: r.wallMs, readbackMs: r.readbackMs };
      },
    },
    {
      schedule: o.schedule,
      signal: abort.signal,
      now,
      onProgress: (p) => {
        if (o.cancelAfterSaved === undefined || p.saved < o.cancelAfterSaved || abort.signal.aborted) return;
        abortedAt = now();
        abort.abort();
      },
    },
  );
  if (counting) return { summary, entries: [], digests, runs, abortedAt, savedBytes: counting.bytes(), kernelMemories };
  if (output.kind !== 'zip') throw new Error('expected a ZIP');
  const files = unzipSync(new Uint8Array(await output.blob.arrayBuffer()));
  const entries = await Promise.all(
    Object.entries(files).map(async ([name, bytes]) => ({ name, sha: await sha256Hex(bytes), bytes: bytes.length })),
  );
  return { summary, entries, digests, runs, abortedAt, savedBytes: entries.reduce((sum, e) => sum + e.bytes, 0), kernelMemories };
}

/** Paint a queue ahead of its first batch, so a benchmark can time, or take a memory baseline, without the painting. */
const paint = async (q: PaintedQueue): Promise<number> => (await paintedQueue(q)).length;

const api = { run, paint };

declare global {
  interface Window {
    batchLab: typeof api;
  }
}

window.batchLab = api;
document.body.dataset['ready'] = 'true';
