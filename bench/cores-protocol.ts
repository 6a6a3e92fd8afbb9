/**
 * The wire between `npm run bench:cores` and its worker threads. Pixels and the run tables live in
 * SharedArrayBuffers handed over once at start-up; a timed run sends only `go` and gets `done`.
 */
import type { FilterSpec } from '../src/core/filters.js';
import type { KernelChoice } from '../src/core/kernel-choice.js';

/**
 * The WebAssembly kernels' side of the setup: the compiled module and the shared memory the
 * planes live in (both can be posted to a worker thread), and where the planes and the lanes'
 * scratch are in it (src/engine/simd/memory.ts).
 */
export interface LaneWasm {
  readonly id: number;
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly src: number;
  readonly dst: number;
  readonly scratch: number;
}

/** What a worker gets once, before any run: its lane and the shared planes and tables. */
export interface LaneSetup {
  readonly lane: number;
  readonly width: number;
  readonly height: number;
  readonly tileSize: number;
  readonly tiles: number;
  /** Views of shared memory (a SharedArrayBuffer each, or both in the WebAssembly memory). */
  readonly src: Uint8Array<SharedArrayBuffer>;
  readonly dst: Uint8Array<SharedArrayBuffer>;
  /** Backing store of the RunTables (src/core/run-tables.ts). */
  readonly tables: SharedArrayBuffer;
  /** Null when only the JavaScript kernels are measured. */
  readonly wasm: LaneWasm | null;
}

/**
 * Main thread → worker. `lanes` is how many workers take part in this run; with the SIMD kernel,
 * `laneBytes` is each lane's scratch for this filter (the memory has grown to hold it).
 */
export type ToLane = {
  readonly kind: 'go';
  readonly spec: FilterSpec;
  readonly lanes: number;
  readonly kernel: KernelChoice;
  readonly laneBytes: number;
};

/** Worker → main thread. */
export type FromLane =
  | { readonly kind: 'ready'; readonly lane: number }
  | { readonly kind: 'done'; readonly lane: number; readonly tiles: number }
  | { readonly kind: 'failed'; readonly lane: number; readonly message: string };

/** What the shim (`ts-worker.mjs`) receives: the TypeScript module to load, and the lane's setup. */
export interface CoresWorkerData {
  readonly entry: string;
  readonly setup: LaneSetup;
}
