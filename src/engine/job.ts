import { haloOf, jsKernels, type TileKernel } from '../core/kernels/index.js';
import { laneCount, MODES } from '../core/modes.js';
import type { PhotoInfo, RunSettings } from '../core/record.js';
import { createRunTables, runTablesBytes, type RunTables } from '../core/run-tables.js';
import { createTileGrid, resolveTileSize, type TileGrid } from '../core/tiling.js';
import { newBuffer, type Planes } from './planes.js';
import { laneOf, placeLanes, type WasmPlacement } from './simd/memory.js';

export interface LoadedPhoto {
  readonly info: PhotoInfo;
  readonly planes: Planes;
}

/**
 * Everything a mode needs for one run, built once by `planJob`: the effective settings, the
 * tile grid and the tables the lanes report into. Modes run the job; they never plan again.
 */
export interface RunJob {
  readonly planes: Planes;
  /** The settings as they run here (see `effectiveSettings`); the record keeps these. */
  readonly settings: RunSettings;
  readonly grid: TileGrid;
  readonly tables: RunTables;
  /** Where the WebAssembly kernels find the planes and each lane's scratch; null with the JavaScript kernels. */
  readonly wasm: WasmPlacement | null;
  /** How the page's own thread computes a tile (Blocking and Concurrent). */
  readonly pageKernel: TileKernel;
}

/**
 * Whether these planes can run the WebAssembly kernels with this many workers: they must live in
 * a kernel memory (SIMD present, memory granted) with a lane for each worker and the page.
 */
export const simdRuns = (planes: Planes, workers: number): boolean =>
  planes.kernelMemory !== undefined && workers < planes.kernelMemory.lanes;

/**
 * Settings as they can run here: one lane on the page's thread; message passing where memory
 * cannot be shared; JavaScript kernels where the WebAssembly ones cannot run on these planes.
 */
export function effectiveSettings(s: RunSettings, planes: Planes): RunSettings {
  const pool = !MODES[s.mode].usesPageThread;
  const workers = laneCount(s.mode, s.workers);
  return {
    ...s,
    workers,
    kernel: s.kernel === 'simd' && simdRuns(planes, workers) ? 'simd' : 'js',
    memory: pool ? (planes.shared ? s.memory : 'message') : 'shared',
    // Auto counts the workers asked for, in every mode, so that one setting gives one tile size.
    tileSize: resolveTileSize(s.tileSize, planes.width, planes.height, s.workers),
  };
}

/** Lay out the run: grid and tables in shared memory when workers read them in place. */
export function planJob(photo: LoadedPhoto, settings: RunSettings): RunJob {
  const s = effectiveSettings(settings, photo.planes);
  const { width, height } = photo.planes;
  const grid = createTileGrid(width, height, s.tileSize, haloOf(s.filter));
  const sharedTables = !MODES[s.mode].usesPageThread && s.memory === 'shared';
  const tables = createRunTables(newBuffer(runTablesBytes(grid.count), sharedTables), grid.count);
  const km = photo.planes.kernelMemory;
  if (s.kernel === 'js' || !km) return { planes: photo.planes, settings: s, grid, tables, wasm: null, pageKernel: jsKernels() };
  // Every lane gets the scratch the largest tile of this filter needs; the page's lane is the last.
  const wasm = placeLanes(km, km.kernels.laneBytes(s.filter, grid.tileSize));
  const pageKernel = km.kernels.inPlace(km.src, km.dst, laneOf(wasm, km.lanes - 1));
  return { planes: photo.planes, settings: s, grid, tables, wasm, pageKernel };
}
