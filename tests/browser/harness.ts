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
import { decodeWorker, encodePng, inspectFile, loadPhoto, loadSample, newDecodeWorker } from '../../src/engine/image-io.js';
import { newFilterWorker, WorkerPool } from '../../src/engine/pool.js';
import { WorkerFailure } from '../../src/engine/worker-host.js';
import { browserIdleScheduler, fallbackScheduler } from '../../src/engine/run-concurrent.js';
import { startRun, type LoadedPhoto } from '../../src/engine/run.js';
import { copyYardstick } from '../../src/engine/yardstick.js';
import { sha256Hex } from '../../src/engine/digest.js';

const pool = new WorkerPool();
let photo: LoadedPhoto | null = null;
/** The photo as an ImageBitmap, so timing ctx.filter leaves out uploading the source. */
let sourceBitmap: ImageBitmap | null = null;
let nextId = 1;

async function load(width: number, height: number, shared = detectCapabilities().sharedMemory): Promise<void> {
  const r = await loadSample(`sample-${width}x${height}`, shared, { size: { width, height } });
  if (!r.ok) throw new Error(r.message);
  r.bitmap.close(); // the page's copy may be scaled down; ctx.filter needs the photo itself
  sourceBitmap?.close();
  sourceBitmap = null;
  photo = r.photo;
}

/** Settings with defaults, for terse calls from tests. */
const settings = (s: Partial<RunSettings> & { filter: FilterSpec }): RunSettings => ({
  mode: 'parallel',
  memory: 'shared',
  workers: 2,
  tileSize: 256,
  kernel: 'js',
  schedule: 'dynamic',
  ...s,
  region: s.region ?? null,
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
  if (fault) {
    const lane = (await pool.lanes(fault.index + 1))[fault.index];
    if (!lane) throw new Error(`no filter worker ${fault.index} to arm`);
    await lane.api.armFault(fault.afterTiles);
  }
  const idle = o.fallback ? fallbackScheduler : browserIdleScheduler();
  const loaded = photo;
  // Started from a timer, as a click would, so the Long Tasks API reports what it blocks.
  const handle = await new Promise<ReturnType<typeof startRun>>((resolve) =>
    setTimeout(() => resolve(startRun(nextId++, loaded, settings(s), { pool, idle }, ac.signal)), 0),
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
  const ctx = out.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D context');
  const t0 = performance.now();
  ctx.filter = css;
  ctx.drawImage(source, 0, 0);
  ctx.getImageData(0, 0, 1, 1); // forces the filtered draw to complete
  const elapsed = performance.now() - t0;
  return { ms: elapsed, pixels: width * height <= 1 << 20 ? [...ctx.getImageData(0, 0, width, height).data] : null };
}

const pixels = (which: 'src' | 'dst'): number[] => (photo ? [...photo.planes[which]] : []);

/** RGBA of the listed pixels (indices into the image, row by row) of a plane: the benchmark compares other libraries' output with it. */
function samplePixels(which: 'src' | 'dst', indices: readonly number[]): number[] {
  if (!photo) throw new Error('load a photo first');
  const plane = photo.planes[which];
  return indices.flatMap((p) => [...plane.subarray(p * 4, p * 4 + 4)]);
}

/** SHA-256 of the loaded photo's source pixels: the benchmark checks another page painted the same. */
function sourceDigest(): Promise<string> {
  if (!photo) throw new Error('load a photo first');
  return sha256Hex(photo.planes.src);
}

/** The copy yardstick on the loaded photo: `workers` workers copy the source plane to the destination at once (overwrites it), in ms. */
function copyTime(workers: number): Promise<number> {
  if (!photo) throw new Error('load a photo first');
  return copyYardstick(pool, photo.planes, workers);
}

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

/** Worker scripts that fail the ways a deployed one can: throwing as it loads, or not there at all. */
export type BrokenScript = 'throws-on-load' | 'missing';
const brokenWorker = (script: BrokenScript): Worker =>
  script === 'missing'
    ? new Worker('/tests/browser/no-such-script.worker.js', { type: 'module', name: 'tilelab-drill-missing' })
    : new Worker(
        URL.createObjectURL(new Blob(['throw new Error("drill: this worker throws as it loads");'], { type: 'text/javascript' })),
        {
          type: 'module',
          name: 'tilelab-drill-throws',
        },
      );

/** A factory whose next worker is broken; every later one is made by `normal`. */
function brokenOnce<A extends unknown[]>(script: BrokenScript, normal: (...a: A) => Worker): (...a: A) => Worker {
  let used = false;
  return (...a) => {
    if (used) return normal(...a);
    used = true;
    return brokenWorker(script);
  };
}

/** The settled state of a call, as tests read it back. */
export type Outcome<T> =
  | { status: 'fulfilled'; value: T }
  | {
      status: 'rejected';
      name: string;
      message: string;
      failure: { worker: string; kind: string; reason: string; lane: number | null } | null;
    };

const tracked: Array<Outcome<unknown> | null> = [];

/**
 * Start a call that may never settle and return its id: tests then wait for `outcome(id)` with a
 * bounded wait, so a hang fails the test instead of stalling it.
 */
function track<T>(call: Promise<T>): number {
  const id = tracked.push(null) - 1;
  call.then(
    (value) => (tracked[id] = { status: 'fulfilled', value }),
    (e: unknown) =>
      (tracked[id] = {
        status: 'rejected',
        name: e instanceof Error ? e.name : 'unknown',
        message: e instanceof Error ? e.message : String(e),
        failure:
          e instanceof WorkerFailure
            ? { worker: e.worker, kind: e.kind, reason: e.reason, lane: typeof e.lane === 'number' ? e.lane : null }
            : null,
      }),
  );
  return id;
}

/** The sample painted at this size and encoded by the browser as `type` (at `quality` for a lossy one). */
async function paintedBlob(
  width: number,
  height: number,
  type: string,
  quality?: number,
  colorSpace: PredefinedColorSpace = 'srgb',
): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { colorSpace });
  if (!ctx) throw new Error('no 2D context');
  const rgba = new Uint8Array(width * height * 4);
  paintSample(width, height, rgba);
  ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer), width, height), 0, 0);
  return canvas.convertToBlob(quality === undefined ? { type } : { type, quality });
}

/** A small photo as a PNG file, as a user would drop it. */
const pngFile = async (width: number, height: number): Promise<File> =>
  new File([await paintedBlob(width, height, 'image/png')], `drill-${width}x${height}.png`, { type: 'image/png' });

/** Fault drills on the decode worker and the pool, through their injectable worker factories. */
const faults = {
  track,
  outcome: (id: number): Outcome<unknown> | null => tracked[id] ?? null,
  /** The next decode worker started is broken; the one after that is the real one again. */
  breakNextDecodeWorker: (script: BrokenScript): void => decodeWorker.useFactory(brokenOnce<[]>(script, newDecodeWorker)),
  /** The next time filter worker `index` starts it is broken; later starts are real again. */
  breakNextFilterWorker(index: number, script: BrokenScript): void {
    const broken = brokenOnce<[number]>(script, newFilterWorker);
    pool.useFactory((i) => (i === index ? broken(i) : newFilterWorker(i)));
  },
  killDecodeWorker: (): void => decodeWorker.kill(),
  decodeWorkerRunning: (): boolean => decodeWorker.running,
  /** Decode a painted PNG of this size through the page's path; resolves to the decoded size. */
  async decodeFile(width: number, height: number): Promise<{ width: number; height: number }> {
    const r = await loadPhoto(await pngFile(width, height), `drill-${width}x${height}`, detectCapabilities().sharedMemory);
    if (!r.ok) throw new Error(r.message);
    r.bitmap.close();
    return { width: r.photo.info.width, height: r.photo.info.height };
  },
  /** Decode the painted sample at this size; resolves to the decoded size. `abort`: abandon it once sent. */
  async decodeSample(width: number, height: number, abort = false): Promise<{ width: number; height: number }> {
    const ac = new AbortController();
    const call = loadSample(`drill-sample-${width}x${height}`, detectCapabilities().sharedMemory, {
      size: { width, height },
      signal: ac.signal,
    });
    if (abort) ac.abort();
    const r = await call;
    if (!r.ok) throw new Error(r.message);
    r.bitmap.close();
    return { width: r.photo.info.width, height: r.photo.info.height };
  },
  /** Inspect a painted PNG; resolves to the thumbnail's size. */
  async inspectFile(width: number, height: number): Promise<{ width: number; height: number }> {
    const r = await inspectFile(await pngFile(width, height));
    if (!r.ok) throw new Error(r.message);
    const size = { width: r.thumb.width, height: r.thumb.height };
    r.thumb.close();
    return size;
  },
  /** Encode the loaded photo's output as PNG; resolves to the PNG's size in bytes. */
  async encodePng(): Promise<number> {
    if (!photo) throw new Error('load a photo first');
    const { dst, width, height } = photo.planes;
    return (await encodePng(dst, width, height)).size;
  },
  /** The SHA-256 of the photo's source plane, computed by filter worker `index`; `kill`: kill it once asked. */
  digestOn(index: number, kill = false): Promise<string> {
    if (!photo) throw new Error('load a photo first');
    const src = photo.planes.src;
    const call = pool.call(index, (api) => api.digest(src));
    if (kill) pool.kill(index);
    return call;
  },
  /** Start `n` filter workers; resolves to how many answer. */
  startWorkers: async (n: number): Promise<number> => (await pool.lanes(n)).length,
};

/** The loaded photo's luma histogram counted by this thread alone: no race, so exact. */
function exactBins(): number[] {
  if (!photo) throw new Error('load a photo first');
  const hist = new Uint32Array(HISTOGRAM_BINS);
  countLuma(photo.planes.src, 0, photo.planes.width * photo.planes.height, hist, 'plain');
  return [...hist];
}

/**
 * `jpeg` with an EXIF block saying `orientation` (1–8) inserted after its start-of-image marker:
 * "Exif", a big-endian TIFF header and one IFD entry, tag 0x0112.
 */
function withOrientation(jpeg: Uint8Array, orientation: number): Uint8Array<ArrayBuffer> {
  const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const length = body.length + 2;
  const app1 = [0xff, 0xe1, length >> 8, length & 255, ...body];
  return new Uint8Array([...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)]);
}

/**
 * A painted JPEG of this size with this EXIF orientation, its colours in `colorSpace` (a
 * Display P3 one carries its colour profile), decoded by the page's path and, for comparison,
 * drawn on a canvas and read back as the browser has it: the decoded size and how many bytes
 * differ.
 */
async function decodeJpegBothWays(
  width: number,
  height: number,
  orientation: number,
  colorSpace: PredefinedColorSpace = 'srgb',
): Promise<{ width: number; height: number; differ: number }> {
  const plain = new Uint8Array(await (await paintedBlob(width, height, 'image/jpeg', 0.9, colorSpace)).arrayBuffer());
  const file = new File([withOrientation(plain, orientation)], 'turned.jpg', { type: 'image/jpeg' });
  const r = await loadPhoto(file, `turned-${orientation}-${colorSpace}`, detectCapabilities().sharedMemory);
  if (!r.ok) throw new Error(r.message);
  r.bitmap.close();
  r.thumb.close();
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const reader = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d', { willReadFrequently: true });
  if (!reader) throw new Error('no 2D context');
  reader.drawImage(bitmap, 0, 0);
  const expected = reader.getImageData(0, 0, bitmap.width, bitmap.height, { colorSpace: 'srgb' }).data;
  const got = r.photo.planes.src;
  let differ = Math.abs(got.length - expected.length);
  for (let i = 0; i < Math.min(got.length, expected.length); i++) if (got[i] !== expected[i]) differ++;
  return { width: r.photo.info.width, height: r.photo.info.height, differ };
}

const api = {
  load,
  decodeJpegBothWays,
  run,
  race,
  exactBins,
  fitAmdahl,
  browserFilter,
  pixels,
  samplePixels,
  sourceDigest,
  copyYardstick: copyTime,
  makeSample,
  capabilities: detectCapabilities,
  poolSize: () => pool.size,
  faults,
};
declare global {
  interface Window {
    tilelab: typeof api;
  }
}
window.tilelab = api;
document.body.dataset['ready'] = 'true';
