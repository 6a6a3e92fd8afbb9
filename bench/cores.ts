/// <reference types="node" />
/**
 * `npm run bench:cores`: how the speedup scales with cores, without a browser. The app's own
 * kernels (dispatched through the filter registry) and claim loop (`claimTiles`) run in Node
 * worker threads on SharedArrayBuffer planes, for 1, 2, 4, … workers up to the available
 * parallelism and twice that, next to a plain memory copy through the same loop. Every worker
 * count of every filter runs once per round, interleaved; the first round is a warm-up.
 *
 * Options:
 *   --mp 12 | --size 4000x3000   the image (default 12 MP), painted by the sample painter
 *   --tile 256                   tile size in px (default TILE of bench/plan.ts)
 *   --filters median,grayscale   default every filter in the registry, each at its defaults
 *   --workers 1,2                default 1, 2, 4, … availableParallelism, 2 × availableParallelism
 *   --repeats 5                  rounds kept after the warm-up
 *   --out bench/cores            writes <out>.json and <out>.md
 *
 * Exits 1 when a filter's pixels differ between runs or worker counts, 2 on a bad option.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import os from 'node:os';
import { describeSpec } from '../src/core/filters.js';
import { paintSample } from '../src/core/sample.js';
import { COPY_SPEC, CORES_REGISTRY, MIN_TILES_PER_WORKER, parseCoresArgs, rotate, workerCounts, type CoresOptions } from './cores-plan.js';
import { CorePool, createPlanes, digestOf, wholePlaneCopyGBps, type Planes } from './cores-pool.js';
import { coresMarkdown, type CoresReport, type Machine } from './cores-report.js';
import { JobRuns, summarizeCopy, summarizeFilter, type SummaryContext } from './cores-results.js';

const started = performance.now();
// Before this process adds any load of its own: what else is running.
const loadAtStart = os.loadavg();
let opts: CoresOptions;
try {
  opts = parseCoresArgs(process.argv.slice(2));
} catch (e) {
  console.error(`bench:cores: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}

const planes: Planes = createPlanes(opts.width, opts.height, opts.tile);
const paintStart = performance.now();
paintSample(opts.width, opts.height, planes.src);
const paintMs = performance.now() - paintStart;
const srcDigest = digestOf(planes, 'src');

const machine: Machine = {
  cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
  logicalCpus: os.cpus().length,
  availableParallelism: os.availableParallelism(),
  totalMemGiB: os.totalmem() / 2 ** 30,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  date: new Date().toISOString(),
  wholePlaneCopyGBps: wholePlaneCopyGBps(planes),
  loadAverageAtStart: loadAtStart,
};
const cores = machine.availableParallelism;
const counts = opts.workers ?? workerCounts(cores);
const log = (s: string): void => void process.stdout.write(`${s}\n`);

log(
  `bench:cores: ${opts.width}×${opts.height} painted in ${formatS(paintMs)}; ` +
    `tile ${planes.tileSize} px, ${planes.tiles} tiles; workers ${counts.join(', ')}` +
    ` (${cores} available); ${opts.repeats} round${opts.repeats > 1 ? 's' : ''} after 1 warm-up; ${machine.cpuModel}`,
);

const warnings: string[] = [];
for (const w of counts) {
  if (planes.tiles / w < MIN_TILES_PER_WORKER)
    warnings.push(
      `${w} worker${w > 1 ? 's get' : ' gets'} ${(planes.tiles / w).toFixed(1)} tiles each (fewer than ${MIN_TILES_PER_WORKER}): ` +
        'the last tiles decide the wall time; use a smaller --tile or a larger image.',
    );
}
if ((machine.loadAverageAtStart[0] ?? 0) >= 1)
  warnings.push(
    `the 1-minute load average was ${(machine.loadAverageAtStart[0] ?? 0).toFixed(2)} before the benchmark started: ` +
      'other processes shared the cores, so times vary more between runs.',
  );
for (const w of warnings) log(`warning: ${w}`);

const jobs = [COPY_SPEC, ...opts.filters].map((spec) => new JobRuns(spec, describeSpec(spec, CORES_REGISTRY)));
const poolStart = performance.now();
const pool = await CorePool.start(Math.max(...counts), planes);
log(`bench:cores: ${pool.size} worker threads started in ${formatS(performance.now() - poolStart)} (not timed)`);
try {
  for (let round = 0; round <= opts.repeats; round++) {
    const roundStart = performance.now();
    for (const job of jobs)
      for (const workers of rotate(counts, round)) {
        const run = await pool.run(job.spec, workers);
        job.add(workers, run, digestOf(planes), round > 0);
      }
    log(`round ${round ? `${round}/${opts.repeats}` : 'warm-up'}: ${formatS(performance.now() - roundStart)}`);
  }
} finally {
  await pool.close();
}

const ctx: SummaryContext = { tiles: planes.tiles, cores, planeBytes: planes.src.length };
const [copyRuns, ...filterRuns] = jobs;
if (!copyRuns) throw new Error('no copy yardstick');
const copy = summarizeCopy(copyRuns, counts, ctx);
const filters = filterRuns.map((runs) => summarizeFilter(runs, counts, ctx, copy));
if (!counts.includes(1)) warnings.push('1 worker was not measured, so there is no speedup or efficiency.');
const report: CoresReport = {
  machine,
  config: {
    width: opts.width,
    height: opts.height,
    megapixels: (opts.width * opts.height) / 1e6,
    image: 'paintSample (src/core/sample.ts), seed 7',
    srcDigest,
    tileSize: planes.tileSize,
    tiles: planes.tiles,
    schedule: 'dynamic',
    repeats: opts.repeats,
    warmupRounds: 1,
    workerCounts: counts,
    filters: opts.filters.map((f) => f.kind),
  },
  copy,
  filters,
  warnings,
  elapsedS: (performance.now() - started) / 1000,
};

const md = coresMarkdown(report);
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(`${opts.out}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${opts.out}.md`, md);
log(`\n${md}`);
log(`bench:cores: wrote ${opts.out}.json and ${opts.out}.md in ${formatS(report.elapsedS * 1000)}`);
if (![copy, ...filters].every((j) => j.identical)) {
  console.error('bench:cores: pixels differ between worker counts (see above)');
  process.exitCode = 1;
} else if (copy.digest !== srcDigest) {
  console.error('bench:cores: the copy yardstick did not reproduce the source plane');
  process.exitCode = 1;
}

function formatS(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
