import { haloOf } from '../core/kernels/index.js';
import { laneCount, MODES } from '../core/modes.js';
import type { PhotoInfo, RunSettings } from '../core/record.js';
import { createRunTables, runTablesBytes, type RunTables } from '../core/run-tables.js';
import { createTileGrid, resolveTileSize, type TileGrid } from '../core/tiling.js';
import { newBuffer, type Planes } from './planes.js';

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
}

/** Settings as they can run here: one lane on the page's thread; message passing where memory cannot be shared. */
export function effectiveSettings(s: RunSettings, planes: Planes): RunSettings {
  const pool = !MODES[s.mode].usesPageThread;
  return {
    ...s,
    workers: laneCount(s.mode, s.workers),
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
  return { planes: photo.planes, settings: s, grid, tables };
}
