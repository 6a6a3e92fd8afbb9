import { transfer } from 'comlink';
import { applyFilterIn, jsKernels } from '../core/kernels/index.js';
import { claimTiles, createRunTables, filterTileList, type ClaimOptions, type Schedule } from '../core/run-tables.js';
import { Scratch } from '../core/scratch.js';
import { countLuma, type Counting } from '../core/race.js';
import { shareOf } from '../core/tiling.js';
import type { FilterSpec, Rect } from '../core/types.js';
import { sharedNow } from './clock.js';
import { sha256Hex } from './digest.js';
import { copyShare } from './yardstick.js';
import { kernelExports } from './simd/exports.js';
import { WasmKernels } from './simd/kernels.js';
import { laneOf, type WasmPlacement } from './simd/memory.js';

/** A lane's part of a shared-memory run: everything lives in SharedArrayBuffers. */
export interface SharedRunRequest {
  readonly width: number;
  readonly height: number;
  readonly src: Uint8Array;
  readonly dst: Uint8Array;
  /** Backing store of the run's RunTables. */
  readonly tables: SharedArrayBuffer;
  readonly tiles: number;
  readonly tileSize: number;
  readonly spec: FilterSpec;
  readonly lane: number;
  readonly lanes: number;
  readonly schedule: Schedule;
  readonly region: Rect | null;
  /** The WebAssembly kernels' memory and module (the planes above live in it); null: JavaScript kernels. */
  readonly wasm: WasmPlacement | null;
}

/** One tile sent as a message: its read area's pixels are copied in. */
export interface TileRequest {
  readonly width: number;
  readonly height: number;
  readonly spec: FilterSpec;
  readonly rect: Rect;
  readonly read: Rect;
  readonly region: Rect | null;
  readonly pixels: ArrayBuffer;
  /** Filter with the WebAssembly kernels, copying the pixels through this lane's scratch; null: JavaScript. */
  readonly wasm: WasmPlacement | null;
  readonly lane: number;
}

export interface TileResult {
  /** The tile's own pixels, transferred back. */
  readonly pixels: ArrayBuffer;
  readonly start: number;
  readonly end: number;
}

/**
 * This thread's instance of the WebAssembly kernels on the photo's memory, made once per memory:
 * instantiating is cheap, but not free for every call.
 */
function wasmBinder(): (p: WasmPlacement) => WasmKernels {
  let bound: { id: number; kernels: WasmKernels } | null = null;
  return (p) => {
    if (bound?.id !== p.id) {
      const instance = new WebAssembly.Instance(p.module, { env: { memory: p.memory } });
      bound = { id: p.id, kernels: new WasmKernels(kernelExports(instance), p.memory) };
    }
    return bound.kernels;
  };
}

function claimOptions(r: SharedRunRequest, scratch: Scratch, now: () => number, wasm: (p: WasmPlacement) => WasmKernels): ClaimOptions {
  const rect: Rect = { x: 0, y: 0, w: r.width, h: r.height };
  const kernel = r.wasm ? wasm(r.wasm).inPlace(r.wasm.src, r.wasm.dst, laneOf(r.wasm, r.lane)) : jsKernels();
  return {
    kernel,
    view: { width: r.width, height: r.height, src: r.src, srcRect: rect, dst: r.dst, dstRect: rect },
    tileSize: r.tileSize,
    spec: r.spec,
    tables: createRunTables(r.tables, r.tiles),
    lane: r.lane,
    lanes: r.lanes,
    schedule: r.schedule,
    region: r.region,
    scratch,
    now,
  };
}

/** What a filter worker offers over Comlink. Only control crosses; pixels stay in shared memory. */
export function createFilterWorkerApi() {
  // One scratch per thread, reused by every tile this worker ever filters.
  const scratch = new Scratch();
  const wasm = wasmBinder();
  // Fault drill: after this many more clock readings (two a tile), the worker throws mid-run.
  let faultIn = Infinity;
  const now = (): number => {
    if (--faultIn < 0) {
      faultIn = Infinity;
      throw new Error('fault drill: this worker was told to fail');
    }
    return sharedNow();
  };
  return {
    ping: (): true => true,

    runShared: (r: SharedRunRequest): number => claimTiles(claimOptions(r, scratch, now, wasm)),

    /** Filter the listed tiles: the share of a worker that died, taken over by this one. */
    runTiles: (r: SharedRunRequest, tiles: readonly number[]): number => filterTileList(claimOptions(r, scratch, now, wasm), tiles),

    /** Fault drill for the page's tests: throw in the middle of the tile after the next `tiles`. */
    armFault(tiles: number): void {
      faultIn = 2 * tiles;
    },

    runTile(r: TileRequest): TileResult {
      const start = sharedNow();
      const dst = new Uint8Array(r.rect.w * r.rect.h * 4);
      applyFilterIn(
        { width: r.width, height: r.height, src: new Uint8Array(r.pixels), srcRect: r.read, dst, dstRect: r.rect },
        r.rect,
        r.spec,
        scratch,
        r.region,
        r.wasm ? wasm(r.wasm).copying(laneOf(r.wasm, r.lane)) : jsKernels(),
      );
      const result = { pixels: dst.buffer, start, end: sharedNow() };
      return transfer(result, [dst.buffer]);
    },

    digest: (bytes: Uint8Array): Promise<string> => sha256Hex(bytes),

    /** This lane's share of the copy yardstick: copy its part of the source to the destination. */
    copyShare: (src: Uint8Array, dst: Uint8Array, lane: number, lanes: number): void => copyShare(src, dst, lane, lanes),

    /** This lane's share of the race experiment: count luma into the one shared histogram. */
    countLuma(pixels: Uint8Array, hist: Uint32Array, lane: number, lanes: number, counting: Counting): number {
      const start = sharedNow();
      const { from, to } = shareOf(pixels.length >> 2, lane, lanes);
      countLuma(pixels, from, to, hist, counting);
      return sharedNow() - start;
    },
  };
}

export type FilterWorkerApi = ReturnType<typeof createFilterWorkerApi>;
