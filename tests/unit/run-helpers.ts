/**
 * Node drivers for the engine's own mode runners, so unit tests exercise the code the page runs.
 * Every call into a runner goes through `jobFor` and the `engine*` adapters below: when the
 * runners' job shape changes, this file is the one place to follow it.
 */
import { createHash } from 'node:crypto';
import type fc from 'fast-check';
import type { Remote } from 'comlink';
import type { Deadline } from '../../src/core/idle.js';
import { applyFilter } from '../../src/core/kernels/index.js';
import { wholeImageView } from '../../src/core/kernels/view.js';
import { claimNext, createRunTables, runTablesBytes, type ClaimOptions, type RunTables, type Schedule } from '../../src/core/run-tables.js';
import { Scratch } from '../../src/core/scratch.js';
import { countTiles } from '../../src/core/tiling.js';
import type { FilterSpec, Rect } from '../../src/core/types.js';
import { createFilterWorkerApi, type FilterWorkerApi } from '../../src/engine/filter-worker-api.js';
import { runParallelMessages } from '../../src/engine/message-passing.js';
import type { PoolLane } from '../../src/engine/pool.js';
import { runBlocking } from '../../src/engine/run-blocking.js';
import { runConcurrent, type IdleScheduler } from '../../src/engine/run-concurrent.js';
import { runParallelShared } from '../../src/engine/run-parallel.js';
import { planJob, type LoadedPhoto, type RunJob } from '../../src/engine/job.js';
import type { RunSettings } from '../../src/core/record.js';
import { ms } from '../../src/core/types.js';
import type { Img } from './reference.js';
import type { KernelChoice } from '../../src/core/kernel-choice.js';
import type { TileKernel } from '../../src/core/kernels/index.js';
import { laneOf, placeLanes } from '../../src/engine/simd/memory.js';
import { kernelPlanes } from './wasm-fixture.js';

export const digest = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The reference: the kernel applied once to the whole image, no tiles, no mode. */
export function filterWhole(img: Img, spec: FilterSpec): Uint8Array {
  const dst = new Uint8Array(img.data.length);
  applyFilter(wholeImageView(img.width, img.height, img.data, dst), { x: 0, y: 0, w: img.width, h: img.height }, spec, new Scratch());
  return dst;
}

/** `whole` inside `region`, the source outside: what a spotlight run must produce. */
export function spotlight(img: Img, whole: Uint8Array, region: Rect): Uint8Array {
  const out = new Uint8Array(img.data);
  for (let y = region.y; y < Math.min(img.height, region.y + region.h); y++) {
    const from = (y * img.width + region.x) * 4;
    const to = (y * img.width + Math.min(img.width, region.x + region.w)) * 4;
    if (to > from) out.set(whole.subarray(from, to), from);
  }
  return out;
}

export const tablesFor = (tiles: number, shared = true): RunTables =>
  createRunTables(shared ? new SharedArrayBuffer(runTablesBytes(tiles)) : new ArrayBuffer(runTablesBytes(tiles)), tiles);

/** A run's job as the engine plans it (`planJob`); the one place that knows the runners' job shape. */
function jobFor(img: Img, spec: FilterSpec, tileSize: number, region: Rect | null, shared: boolean, how: Partial<RunSettings>): RunJob {
  const { width, height } = img;
  const info = { key: 'test', name: 'test', width, height, decodeMs: ms(0) };
  const settings: RunSettings = {
    filter: spec,
    tileSize,
    region,
    mode: 'blocking',
    memory: 'shared',
    workers: 1,
    kernel: 'js',
    schedule: 'dynamic',
    ...how,
  };
  // The WebAssembly kernels run on planes in a kernel memory, as a loaded photo's are.
  if (settings.kernel === 'simd') return planJob({ info, planes: kernelPlanes(img, settings.workers + 1, spec, tileSize) }, settings);
  const plane = (): Uint8Array => new Uint8Array(shared ? new SharedArrayBuffer(img.data.length) : new ArrayBuffer(img.data.length));
  const src = plane();
  src.set(img.data);
  const photo: LoadedPhoto = { info, planes: { width, height, src, dst: plane(), shared } };
  return planJob(photo, settings);
}

export interface EngineRun {
  readonly out: Uint8Array;
  readonly tables: RunTables;
}

/** Blocking mode: the engine's `runBlocking(job)`. */
export function engineBlocking(
  img: Img,
  spec: FilterSpec,
  tileSize: number,
  region: Rect | null = null,
  kernel: KernelChoice = 'js',
): EngineRun {
  const job = jobFor(img, spec, tileSize, region, false, { mode: 'blocking', kernel });
  runBlocking(job);
  return { out: job.planes.dst, tables: job.tables };
}

/**
 * A deadline that allows exactly `tiles` tiles a slice: `runSlice` asks for the time left before
 * every tile after the first, and gets plenty until the last one is due, then none.
 */
export function tilesDeadline(tiles: number): Deadline {
  let asked = 0;
  return { timeRemaining: () => (++asked < tiles ? Number.POSITIVE_INFINITY : 0) };
}

/**
 * Concurrent mode: the engine's `runConcurrent(job, signal, scheduler)` with a fake idle
 * scheduler that queues the slices and runs them one after another, each with a deadline that
 * allows `tilesPerSlice` tiles.
 */
export async function engineConcurrent(
  img: Img,
  spec: FilterSpec,
  tileSize: number,
  tilesPerSlice: number,
  region: Rect | null = null,
  kernel: KernelChoice = 'js',
): Promise<EngineRun & { slices: number; cancelled: boolean }> {
  const job = jobFor(img, spec, tileSize, region, false, { mode: 'concurrent', kernel });
  const queue: Array<(deadline: Deadline) => void> = [];
  const idle: IdleScheduler = (callback) => void queue.push(callback);
  const run = runConcurrent(job, new AbortController().signal, idle);
  for (let slice = queue.shift(); slice; slice = queue.shift()) slice(tilesDeadline(tilesPerSlice));
  const r = await run;
  return { out: job.planes.dst, tables: job.tables, slices: r.slices, cancelled: r.cancelled };
}

/**
 * Pool lanes whose workers are the real worker API (`createFilterWorkerApi`), called in this
 * thread. With `order`, every reply waits for the fast-check scheduler to release it, so lanes
 * finish in the orders it chooses; without, replies come back in call order. No lane dies.
 */
export function inProcessLanes(count: number, order?: fc.Scheduler): PoolLane[] {
  return Array.from({ length: count }, (_, index) => {
    const worker = createFilterWorkerApi(); // one per lane: each worker keeps its own scratch
    // The call runs once the scheduler releases it. A short label, not `scheduleFunction`: that
    // one prints every argument, whole pixel planes included, into its report.
    const reply =
      <A extends unknown[], R>(name: string, f: (...args: A) => R) =>
      (...args: A): Promise<R> =>
        order
          ? order.schedule(Promise.resolve(), `${name} on lane ${index}`).then(() => f(...args))
          : Promise.resolve().then(() => f(...args));
    const api = {
      runShared: reply('runShared', worker.runShared),
      runTiles: reply('runTiles', worker.runTiles),
      runTile: reply('runTile', (...a: Parameters<FilterWorkerApi['runTile']>) => worker.runTile(...a)),
    };
    // Comlink's Remote type also carries proxy plumbing the runners never touch.
    return { index, api: api as unknown as Remote<FilterWorkerApi>, dead: new Promise<never>(() => {}) };
  });
}

const settle = <T>(run: Promise<T>, order?: fc.Scheduler): Promise<T> => (order ? order.waitFor(run) : run);

/** Parallel mode without shared memory: the engine's `runParallelMessages(job, signal)`. */
export async function engineMessages(
  img: Img,
  spec: FilterSpec,
  tileSize: number,
  lanes: number,
  order?: fc.Scheduler,
  region: Rect | null = null,
  pool: readonly PoolLane[] = inProcessLanes(lanes, order),
  kernel: KernelChoice = 'js',
): Promise<EngineRun & { bytesCopied: number; cancelled: boolean }> {
  const job = jobFor(img, spec, tileSize, region, false, { mode: 'parallel', memory: 'message', workers: lanes, kernel });
  const r = await settle(runParallelMessages(job, pool, new AbortController().signal), order);
  return { out: job.planes.dst, tables: job.tables, bytesCopied: r.bytesCopied, cancelled: r.cancelled };
}

/**
 * Parallel mode on shared memory: the engine's `runParallelShared(job, signal)`. In one thread
 * each lane's claim loop runs to its end once started, so lanes do not interleave here; see
 * `claimInterleaved` for that.
 */
export async function engineShared(
  img: Img,
  spec: FilterSpec,
  tileSize: number,
  lanes: number,
  schedule: Schedule,
  order?: fc.Scheduler,
  region: Rect | null = null,
  kernel: KernelChoice = 'js',
): Promise<EngineRun & { cancelled: boolean }> {
  const job = jobFor(img, spec, tileSize, region, true, { mode: 'parallel', memory: 'shared', workers: lanes, schedule, kernel });
  const r = await settle(runParallelShared(job, inProcessLanes(lanes, order), new AbortController().signal), order);
  return { out: job.planes.dst, tables: job.tables, cancelled: r.cancelled };
}

/**
 * Parallel lanes on shared tables, interleaved tile by tile: at each of `steps` the lane it
 * names (modulo `lanes`) claims, filters and records one tile with the workers' own claim step,
 * `claimNext`; once the steps run out, the lanes still holding tiles take turns to the end.
 */
export function claimInterleaved(
  img: Img,
  spec: FilterSpec,
  tileSize: number,
  lanes: number,
  schedule: Schedule,
  steps: readonly number[],
  region: Rect | null = null,
  kernel: KernelChoice = 'js',
): EngineRun & { claimed: number[] } {
  const tiles = countTiles(img.width, img.height, tileSize);
  const tables = tablesFor(tiles);
  const planes = kernel === 'simd' ? kernelPlanes(img, lanes, spec, tileSize) : null;
  const dst = planes?.dst ?? new Uint8Array(img.data.length);
  const view = wholeImageView(img.width, img.height, planes?.src ?? img.data, dst);
  const km = planes?.kernelMemory;
  const wasm = km ? placeLanes(km, km.kernels.laneBytes(spec, tileSize)) : null;
  const laneKernel = (lane: number): TileKernel | undefined =>
    km && wasm ? km.kernels.inPlace(km.src, km.dst, laneOf(wasm, lane)) : undefined;
  let clock = 0;
  const now = (): number => clock++;
  const state = Array.from({ length: lanes }, (_, lane) => {
    const o: ClaimOptions = {
      view,
      tileSize,
      spec,
      tables,
      lane,
      lanes,
      schedule,
      region,
      scratch: new Scratch(),
      now,
      kernel: laneKernel(lane),
    };
    return { o, claimed: 0, open: true };
  });
  const step = (lane: number): void => {
    const s = state[lane];
    if (!s?.open) return;
    if (claimNext(s.o, s.claimed)) s.claimed++;
    else s.open = false;
  };
  for (const lane of steps) step(lane % lanes);
  for (let lane = 0; state.some((s) => s.open); lane = (lane + 1) % lanes) step(lane);
  return { out: dst.slice(), tables, claimed: state.map((s) => s.claimed) };
}
