import { applyFilterIn } from '../core/kernels/index.js';
import { finishTile, type RunTables } from '../core/run-tables.js';
import { Scratch } from '../core/scratch.js';
import { tileRect } from '../core/tiling.js';
import type { FilterSpec, Rect } from '../core/types.js';
import { wholeImageView } from '../core/kernels/view.js';
import { sharedNow } from './clock.js';
import type { Planes } from './planes.js';

/** Main-thread filtering shares one scratch: both main-thread modes run one tile at a time. */
const mainScratch = new Scratch();

export interface MainThreadJob {
  readonly planes: Planes;
  readonly spec: FilterSpec;
  readonly tileSize: number;
  readonly tables: RunTables;
  readonly region: Rect | null;
}

/** Filter tile `index` on the main thread and record it on lane 0. */
export function filterOnMain(job: MainThreadJob, index: number): void {
  const { planes } = job;
  const start = sharedNow();
  applyFilterIn(
    wholeImageView(planes.width, planes.height, planes.src, planes.dst),
    tileRect(planes.width, planes.height, job.tileSize, index),
    job.spec,
    mainScratch,
    job.region,
  );
  finishTile(job.tables, 0, index, start, sharedNow());
}

/** Every tile in one synchronous loop: nothing else on the page runs until it returns. */
export function runBlocking(job: MainThreadJob): void {
  const n = job.tables.state.length;
  for (let i = 0; i < n; i++) filterOnMain(job, i);
}
