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
import type { CoresWorkerData, FromLane, LaneSetup, ToLane } from './cores-protocol.js';

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
}

export function createPlanes(width: number, height: number, tileSize: number): Planes {
  const bytes = width * height * 4;
  const tiles = countTiles(width, height, tileSize);
  const tablesBuffer = new SharedArrayBuffer(runTablesBytes(tiles));
  return {
    width,
    height,
    tileSize,
    tiles,
    src: new Uint8Array(new SharedArrayBuffer(bytes)),
    dst: new Uint8Array(new SharedArrayBuffer(bytes)),
    tables: createRunTables(tablesBuffer, tiles),
    tablesBuffer,
  };
}

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
        src: planes.src.buffer,
        dst: planes.dst.buffer,
        tables: planes.tablesBuffer,
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
   * One timed run of `spec` on the first `workers` lanes: milliseconds from the first `go` to the
   * last `done`, on the main thread's clock, and the CPU time the whole process used meanwhile
   * (every thread; the main thread only waits). The destination is cleared before the clock
   * starts, so a tile no lane wrote cannot keep a previous run's pixels and pass the digest check.
   */
  async run(spec: FilterSpec, workers: number): Promise<{ ms: number; cpuMs: number }> {
    const active = this.lanes.slice(0, workers);
    if (active.length !== workers) throw new Error(`the pool has ${this.size} workers, not ${workers}`);
    const { tables, dst, tiles } = this.planes;
    dst.fill(0);
    tables.ctrl.fill(0);
    tables.state.fill(0);
    const go: ToLane = { kind: 'go', spec, lanes: workers };
    const cpu = process.cpuUsage();
    const start = performance.now();
    const replies = active.map((l) => laneMessage(l, workers));
    for (const l of active) l.worker.postMessage(go);
    await Promise.all(replies);
    const ms = performance.now() - start;
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
