/**
 * The wire between `npm run bench:cores` and its worker threads. Pixels and the run tables live in
 * SharedArrayBuffers handed over once at start-up; a timed run sends only `go` and gets `done`.
 */
import type { FilterSpec } from '../src/core/filters.js';

/** What a worker gets once, before any run: its lane and the shared planes and tables. */
export interface LaneSetup {
  readonly lane: number;
  readonly width: number;
  readonly height: number;
  readonly tileSize: number;
  readonly tiles: number;
  readonly src: SharedArrayBuffer;
  readonly dst: SharedArrayBuffer;
  /** Backing store of the RunTables (src/core/run-tables.ts). */
  readonly tables: SharedArrayBuffer;
}

/** Main thread → worker. `lanes` is how many workers take part in this run. */
export type ToLane = { readonly kind: 'go'; readonly spec: FilterSpec; readonly lanes: number };

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
