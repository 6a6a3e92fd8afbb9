import { applyFilterIn } from '../core/kernels/index.js';
import { finishTile } from '../core/run-tables.js';
import { Scratch } from '../core/scratch.js';
import { gridTile } from '../core/tiling.js';
import { wholeImageView } from '../core/kernels/view.js';
import { sharedNow } from './clock.js';
import type { RunJob } from './job.js';

/** Main-thread filtering shares one scratch: both main-thread modes run one tile at a time. */
const mainScratch = new Scratch();

/** Filter tile `index` of the job on the page's thread and record it on lane 0. */
export function filterOnMain(job: RunJob, index: number): void {
  const { planes, settings } = job;
  const start = sharedNow();
  applyFilterIn(
    wholeImageView(planes.width, planes.height, planes.src, planes.dst),
    gridTile(job.grid, index).rect,
    settings.filter,
    mainScratch,
    settings.region,
    job.pageKernel,
  );
  finishTile(job.tables, 0, index, start, sharedNow());
}

/** Every tile in one synchronous loop: nothing else on the page runs until it returns. */
export function runBlocking(job: RunJob): void {
  for (let i = 0; i < job.grid.count; i++) filterOnMain(job, i);
}
