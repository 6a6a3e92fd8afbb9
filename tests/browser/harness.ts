/**
 * Exposes the engine to Playwright as `window.tilelab`: browser tests and the benchmark drive
 * real runs in real Chromium through it, with no UI in the way.
 */
import { fitAmdahl } from '../../src/core/amdahl.js';
import { cssFilterOf } from '../../src/core/filters.js';
import { countLuma, HISTOGRAM_BINS, type Counting, type RaceResult } from '../../src/core/race.js';
import { runRace } from '../../src/engine/race.js';
import { CTRL } from '../../src/core/run-tables.js';
import type { RunRecord, RunSettings } from '../../src/core/record.js';
import { paintSample } from '../../src/core/sample.js';
import type { FilterSpec } from '../../src/core/types.js';
import { detectCapabilities } from '../../src/engine/capabilities.js';
import { loadSample } from '../../src/engine/image-io.js';
import { WorkerPool } from '../../src/engine/pool.js';
import { browserIdleScheduler, fallbackScheduler } from '../../src/engine/run-concurrent.js';
import { startRun, type LoadedPhoto } from '../../src/engine/run.js';

const pool = new WorkerPool();
let photo: LoadedPhoto | null = null;
/** The photo as an ImageBitmap, so timing ctx.filter leaves out uploading the source. */
let sourceBitmap: ImageBitmap | null = null;
let nextId = 1;

async function load(width: number, height: number, shared = detectCapabilities().sharedMemory): Promise<void> {
  const r = await loadSample(`sample-${width}x${height}`, shared, { width, height });
  if (!r.ok) throw new Error(r.message);
  r.bitmap.close(); // the page's copy may be scaled down; ctx.filter needs the photo itself
  sourceBitmap?.close();
  sourceBitmap = null;
  photo = r.photo;
}

/** Settings with defaults, for terse calls from tests. */
const settings = (s: Partial<RunSettings> & { filter: FilterSpec }): RunSettings => ({
  mode: 'parallel', memory: 'shared', workers: 2, tileSize: 256, schedule: 'dynamic', ...s, region: s.region ?? null,
});

interface RunOptions {
  /** Abort once this many tiles are finished. */
  cancelAfterTiles?: number;
  /** Use the timer fallback instead of requestIdleCallback. */
  fallback?: boolean;
  /** Stop this worker, as a crash would, once this many tiles are finished. */
  killWorker?: { index: number; afterTiles: number };
  /** Make this worker throw inside its claim loop after it has filtered this many tiles. */
  throwInWorker?: { index: number; afterTiles: number };
}

async function run(s: Partial<RunSettings> & { filter: FilterSpec }, o: RunOptions = {}): Promise<RunRecord> {
  if (!photo) throw new Error('load a photo first');
  const ac = new AbortController();
  const fault = o.throwInWorker;
  if (fault) await (await pool.lanes(fault.index + 1))[fault.index]!.api.armFault(fault.afterTiles);
  const idle = o.fallback ? fallbackScheduler : browserIdleScheduler();
  // Started from a timer, as a click would, so the Long Tasks API reports what it blocks.
  const handle = await new Promise<ReturnType<typeof startRun>>((resolve) =>
    setTimeout(() => resolve(startRun(nextId++, photo!, settings(s), { pool, idle }, ac.signal)), 0),
  );
  /** Do `act` once `tiles` tiles are finished. */
  const whenDone = (tiles: number, act: () => void): void => {
    const poll = (): void => (Atomics.load(handle.tables.ctrl, CTRL.DONE) >= tiles ? act() : void setTimeout(poll, 1));
    poll();
  };
  if (o.cancelAfterTiles !== undefined) whenDone(o.cancelAfterTiles, () => ac.abort());
  const kill = o.killWorker;
  if (kill) whenDone(kill.afterTiles, () => pool.kill(kill.index));
  return handle.record;
}

/** The browser's own CSS filter on the same pixels, returning its RGBA and the time it took. */
async function browserFilter(spec: FilterSpec): Promise<{ ms: number; pixels: number[] | null }> {
  const css = cssFilterOf(spec);
  if (!photo || !css) throw new Error('no CSS filter or no photo');
  const { width, height } = photo.planes;
  sourceBitmap ??= await createImageBitmap(new ImageData(new Uint8ClampedArray(photo.planes.src), width, height));
  const source = sourceBitmap;
  const out = new OffscreenCanvas(width, height);
  const ctx = out.getContext('2d', { willReadFrequently: true })!;
  const t0 = performance.now();
  ctx.filter = css;
  ctx.drawImage(source, 0, 0);
  ctx.getImageData(0, 0, 1, 1); // forces the filtered draw to complete
  const elapsed = performance.now() - t0;
  return { ms: elapsed, pixels: width * height <= 1 << 20 ? [...ctx.getImageData(0, 0, width, height).data] : null };
}

const pixels = (which: 'src' | 'dst'): number[] => (photo ? [...photo.planes[which]] : []);

function makeSample(width: number, height: number): number[] {
  const out = new Uint8Array(width * height * 4);
  paintSample(width, height, out);
  return [...out];
}

/** The race experiment on the loaded photo, with the histogram's bins as the workers left them. */
async function race(workers: number, counting: Counting): Promise<RaceResult & { bins: number[] }> {
  if (!photo) throw new Error('load a photo first');
  const hist = new Uint32Array(new SharedArrayBuffer(HISTOGRAM_BINS * 4));
  return { ...(await runRace(pool, photo.planes, workers, counting, hist)), bins: [...hist] };
}

/** The loaded photo's luma histogram counted by this thread alone: no race, so exact. */
function exactBins(): number[] {
  if (!photo) throw new Error('load a photo first');
  const hist = new Uint32Array(HISTOGRAM_BINS);
  countLuma(photo.planes.src, 0, photo.planes.width * photo.planes.height, hist, 'plain');
  return [...hist];
}

const api = { load, run, race, exactBins, fitAmdahl, browserFilter, pixels, makeSample, capabilities: detectCapabilities, poolSize: () => pool.size };
declare global {
  interface Window {
    tilelab: typeof api;
  }
}
window.tilelab = api;
document.body.dataset['ready'] = 'true';
