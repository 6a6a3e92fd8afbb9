/**
 * The worker threads of `npm run bench:cores` and their shared memory. Every thread is started
 * once, before any timing; a run with k workers uses lanes 0…k−1 of the pool. A timed run is:
 * reset the tables, post `go` to each lane, wait for each `done`.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { CTRL, createRunTables, runTablesBytes, type RunTables } from '../src/core/run-tables.js';
import { median } from '../src/core/stats.js';
import { countTiles } from '../src/core/tiling.js';
import type { FilterSpec } from '../src/core/filters.js';
import type { KernelChoice } from '../src/core/kernel-choice.js';
import { kernelExports } from '../src/engine/simd/exports.js';
import { WasmKernels } from '../src/engine/simd/kernels.js';
import { createKernelMemory, placeLanes, type KernelMemory } from '../src/engine/simd/memory.js';
import type { CoresWorkerData, FromLane, LaneSetup, LaneWasm, ToLane } from './cores-protocol.js';

const SHIM = new URL('./ts-worker.mjs', import.meta.url);
const ENTRY = new URL('./cores-worker.ts', import.meta.url).href;

/** The shared image: src painted once, dst written by every run. Reused by every run (fresh memory is slow). */
export interface Planes {
  readonly width: number;
  readonly height: number;
  readonly tileSize: number;
  readonly tiles: number;
  readonly src: Uint8Array<SharedArrayBuffer>;
  readonly dst: Uint8Array<SharedArrayBuffer>;
  readonly tables: RunTables;
  readonly tablesBuffer: SharedArrayBuffer;
  /** With the WebAssembly kernels: the memory both planes live in, as the app lays out a photo's. */
  readonly kernelMemory: KernelMemory | null;
}

/** What the WebAssembly SIMD kernels need: the compiled module, how many lanes, and the filters they will run. */
export interface WasmOptions {
  readonly module: WebAssembly.Module;
  readonly lanes: number;
  readonly filters: readonly FilterSpec[];
}

/**
 * The planes: two SharedArrayBuffers, or, with `wasm`, one shared WebAssembly memory laid out as
 * the app lays out a loaded photo (src/engine/simd/memory.ts), with room for each lane's scratch
 * for the heaviest of the filters at this tile size. Both kernels then run on the same planes.
 */
export function createPlanes(width: number, height: number, tileSize: number, wasm: WasmOptions | null = null): Planes {
  const bytes = width * height * 4;
  const tiles = countTiles(width, height, tileSize);
  const tablesBuffer = new SharedArrayBuffer(runTablesBytes(tiles));
  const common = { width, height, tileSize, tiles, tables: createRunTables(tablesBuffer, tiles), tablesBuffer };
  if (!wasm)
    return {
      ...common,
      src: new Uint8Array(new SharedArrayBuffer(bytes)),
      dst: new Uint8Array(new SharedArrayBuffer(bytes)),
      kernelMemory: null,
    };
  // Sizes from an instance on a one-page memory, as the app's detection does.
  const probe = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const sizes = new WasmKernels(kernelExports(new WebAssembly.Instance(wasm.module, { env: { memory: probe } })), probe);
  const worst = Math.max(0, ...wasm.filters.map((f) => sizes.laneBytes(f, tileSize)));
  const km = createKernelMemory(wasm.module, width, height, wasm.lanes, worst);
  if (!km.ok) throw new Error(km.reason);
  const buffer = km.memory.memory.buffer as unknown as SharedArrayBuffer;
  return {
    ...common,
    src: new Uint8Array(buffer, km.memory.src, bytes),
    dst: new Uint8Array(buffer, km.memory.dst, bytes),
    kernelMemory: km.memory,
  };
}

/** What a worker needs to instantiate the kernels on the planes' memory; null without them. */
const laneWasm = (km: KernelMemory | null): LaneWasm | null =>
  km && { id: km.id, module: km.module, memory: km.memory, src: km.src, dst: km.dst, scratch: km.scratch };

/**
 * GB/s (read + written) of copying the whole source plane to the destination in one `set` on this
 * thread, median of `times`: memory at its fastest, for scale next to the tile-by-tile copy.
 */
export function wholePlaneCopyGBps(planes: Planes, times = 5): number {
  const rates = Array.from({ length: times }, () => {
    const start = performance.now();
    planes.dst.set(planes.src);
    return (2 * planes.src.length) / 1e9 / ((performance.now() - start) / 1000);
  });
  return median(rates);
}

/** SHA-256 of a plane (the destination unless told), as hex. */
export const digestOf = (planes: Planes, plane: 'src' | 'dst' = 'dst'): string => createHash('sha256').update(planes[plane]).digest('hex');

interface Lane {
  readonly worker: Worker;
  /** Settles the lane's current call: `ready` at start-up, then `done` of each run. */
  wait: { resolve: (m: FromLane) => void; reject: (e: Error) => void } | null;
  /** Set once the thread crashed or exited, between calls included: no reply will ever come. */
  dead: Error | null;
}

function laneMessage(lane: Lane, lanes: number): Promise<FromLane> {
  return new Promise<FromLane>((resolve, reject) => {
    if (lane.dead) reject(lane.dead);
    else lane.wait = { resolve, reject };
  }).then((m) => {
    if (m.kind === 'failed') throw new Error(`worker ${m.lane + 1} of ${lanes} failed: ${m.message}`);
    return m;
  });
}

export class CorePool {
  private closed = false;

  private constructor(
    private readonly lanes: readonly Lane[],
    private readonly planes: Planes,
  ) {}

  /** Start `size` worker threads on `planes` and wait until each has loaded its kernels. */
  static async start(size: number, planes: Planes): Promise<CorePool> {
    const lanes = Array.from({ length: size }, (_, lane): Lane => {
      const setup: LaneSetup = {
        lane,
        width: planes.width,
        height: planes.height,
        tileSize: planes.tileSize,
        tiles: planes.tiles,
        src: planes.src,
        dst: planes.dst,
        tables: planes.tablesBuffer,
        wasm: laneWasm(planes.kernelMemory),
      };
      const workerData: CoresWorkerData = { entry: ENTRY, setup };
      // execArgv: [] so that only the shim loads TypeScript, on every Node version alike.
      const l: Lane = { worker: new Worker(SHIM, { workerData, execArgv: [] }), wait: null, dead: null };
      const settle = (m: FromLane | Error): void => {
        const w = l.wait;
        l.wait = null;
        if (m instanceof Error) {
          l.dead ??= m;
          w?.reject(m);
        } else w?.resolve(m);
      };
      l.worker.on('message', (m: FromLane) => settle(m));
      l.worker.on('error', (e) => settle(new Error(`worker ${lane + 1} of ${size} crashed: ${e.message}`)));
      l.worker.on('exit', (code) => settle(new Error(`worker ${lane + 1} of ${size} exited (code ${code})`)));
      return l;
    });
    const pool = new CorePool(lanes, planes);
    try {
      await Promise.all(lanes.map((l) => laneMessage(l, size)));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  get size(): number {
    return this.lanes.length;
  }

  /**
   * One timed run of `spec` with `kernel` on the first `workers` lanes: milliseconds from the first
   * `go` to the last `done`, on the main thread's clock, and the CPU time the whole process used
   * meanwhile (every thread; the main thread only waits). The destination is cleared before the
   * clock starts, so a tile no lane wrote cannot keep a previous run's pixels and pass the digest
   * check. A lane that fails (a kernel that traps) fails the run once every lane has answered, so
   * the next run starts with every lane idle.
   */
  async run(spec: FilterSpec, workers: number, kernel: KernelChoice = 'js'): Promise<{ ms: number; cpuMs: number }> {
    const active = this.lanes.slice(0, workers);
    if (active.length !== workers) throw new Error(`the pool has ${this.size} workers, not ${workers}`);
    const { tables, dst, tiles, kernelMemory: km } = this.planes;
    if (kernel === 'simd' && !km) throw new Error('the planes are not in a WebAssembly memory');
    // Grown (if at all) before the clock starts, as the app places the lanes when it plans a run.
    const laneBytes = kernel === 'simd' && km ? placeLanes(km, km.kernels.laneBytes(spec, this.planes.tileSize)).laneBytes : 0;
    dst.fill(0);
    tables.ctrl.fill(0);
    tables.state.fill(0);
    const go: ToLane = { kind: 'go', spec, lanes: workers, kernel, laneBytes };
    const cpu = process.cpuUsage();
    const start = performance.now();
    const replies = active.map((l) => laneMessage(l, workers));
    for (const l of active) l.worker.postMessage(go);
    const settled = await Promise.allSettled(replies);
    const ms = performance.now() - start;
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
    const used = process.cpuUsage(cpu);
    const done = Atomics.load(tables.ctrl, CTRL.DONE);
    if (done !== tiles) throw new Error(`${workers} workers finished ${done} of ${tiles} tiles`);
    return { ms, cpuMs: (used.user + used.system) / 1000 };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const l of this.lanes) l.worker.removeAllListeners('exit');
    await Promise.all(this.lanes.map((l) => l.worker.terminate()));
  }
}
