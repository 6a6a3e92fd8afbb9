/// <reference types="node" />
/**
 * `npm run bench:cores`: how the speedup scales with cores, without a browser. The app's own
 * kernels (JavaScript, dispatched through the filter registry, and WebAssembly SIMD) and claim
 * loop (`claimTiles`) run in Node worker threads on shared planes, for 1, 2, 4, … workers up to
 * the available parallelism and twice that, next to a plain memory copy through the same loop.
 * Every worker count of every filter and kernel runs once per round, interleaved; the first
 * round is a warm-up.
 *
 * With the SIMD kernels the planes live in one shared WebAssembly.Memory laid out as the app lays
 * out a photo (src/engine/simd/memory.ts); the module is compiled once here (scripts/wasm-kernels.mjs)
 * and posted to every worker, which instantiates it on that memory at start-up and filters in
 * place through its own lane's scratch (WasmKernels.inPlace).
 *
 * Options:
 *   --mp 12 | --size 4000x3000   the image (default 12 MP), painted by the sample painter
 *   --tile 256                   tile size in px (default TILE of bench/plan.ts)
 *   --filters median,grayscale   default every filter in the registry, each at its defaults
 *   --kernels js,simd            default both: each filter with each kernel
 *   --workers 1,2                default 1, 2, 4, … availableParallelism, 2 × availableParallelism
 *   --repeats 5                  rounds kept after the warm-up
 *   --out bench/cores            writes <out>.json and <out>.md
 *
 * Exits 1 when a filter's pixels differ between runs, worker counts or kernels, or a kernel fails
 * (a filter whose SIMD kernel traps is reported and no longer run); 2 on a bad option.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import os from 'node:os';
import { describeSpec } from '../src/core/filters.js';
import { paintSample } from '../src/core/sample.js';
import { buildKernels } from '../scripts/wasm-kernels.mjs';
import { COPY_SPEC, CORES_REGISTRY, MIN_TILES_PER_WORKER, parseCoresArgs, rotate, workerCounts, type CoresOptions } from './cores-plan.js';
import { CorePool, createPlanes, digestOf, wholePlaneCopyGBps, type Planes } from './cores-pool.js';
import { coresMarkdown, type CoresReport, type Machine } from './cores-report.js';
import { JobRuns, kernelsAgree, scalingTargets, summarizeCopy, summarizeFilter, type SummaryContext } from './cores-results.js';

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

const cores = os.availableParallelism();
const counts = opts.workers ?? workerCounts(cores);
const kernels = opts.kernels.includes('simd') ? await buildKernels() : null;
const planes: Planes = createPlanes(
  opts.width,
  opts.height,
  opts.tile,
  kernels && {
    module: new WebAssembly.Module(kernels.bytes as Uint8Array<ArrayBuffer>),
    lanes: Math.max(...counts),
    filters: opts.filters,
  },
);
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
const log = (s: string): void => void process.stdout.write(`${s}\n`);

log(
  `bench:cores: ${opts.width}×${opts.height} painted in ${formatS(paintMs)}; ` +
    `tile ${planes.tileSize} px, ${planes.tiles} tiles; workers ${counts.join(', ')}; kernels ${opts.kernels.join(', ')}` +
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

const copyJob = new JobRuns(COPY_SPEC, describeSpec(COPY_SPEC, CORES_REGISTRY));
const filterJobs = opts.filters.flatMap((spec) =>
  opts.kernels.map((kernel) => new JobRuns(spec, describeSpec(spec, CORES_REGISTRY), kernel)),
);
const jobs = [copyJob, ...filterJobs];
const poolStart = performance.now();
const pool = await CorePool.start(Math.max(...counts), planes);
log(`bench:cores: ${pool.size} worker threads started in ${formatS(performance.now() - poolStart)} (not timed)`);
try {
  for (let round = 0; round <= opts.repeats; round++) {
    const roundStart = performance.now();
    for (const job of jobs)
      for (const workers of rotate(counts, round)) {
        if (job.error) break;
        try {
          const run = await pool.run(job.spec, workers, job.kernel ?? 'js');
          job.add(workers, run, digestOf(planes), round > 0);
        } catch (e) {
          // A kernel that traps (not written yet) stops this filter with this kernel, not the benchmark.
          job.fail((e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '');
          log(`${job.label} (${job.kernel ?? 'js'}) failed: ${job.error ?? ''}`);
        }
      }
    log(`round ${round ? `${round}/${opts.repeats}` : 'warm-up'}: ${formatS(performance.now() - roundStart)}`);
  }
} finally {
  await pool.close();
}

const ctx: SummaryContext = { tiles: planes.tiles, cores, planeBytes: planes.src.length };
const copy = summarizeCopy(copyJob, counts, ctx);
const jsOf = (runs: JobRuns): JobRuns | null =>
  runs.kernel === 'simd' ? (filterJobs.find((j) => j.kernel === 'js' && j.spec === runs.spec) ?? null) : null;
const filters = filterJobs.map((runs) => summarizeFilter(runs, counts, ctx, copy, jsOf(runs)));
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
    kernels: opts.kernels,
    wasm: kernels && { hash: kernels.hash, bytes: kernels.bytes.length },
  },
  copy,
  filters,
  kernelsAgree: kernelsAgree(filters),
  targets: scalingTargets(filters, cores),
  warnings,
  elapsedS: (performance.now() - started) / 1000,
};

const md = coresMarkdown(report);
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(`${opts.out}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${opts.out}.md`, md);
log(`\n${md}`);
log(`bench:cores: wrote ${opts.out}.json and ${opts.out}.md in ${formatS(report.elapsedS * 1000)}`);
if (filters.some((j) => j.error)) {
  console.error(
    `bench:cores: ${filters
      .filter((j) => j.error)
      .map((j) => `${j.label} (${j.kernel ?? 'js'})`)
      .join(', ')} failed (see above)`,
  );
  process.exitCode = 1;
} else if (![copy, ...filters].every((j) => j.identical) || !report.kernelsAgree.every((k) => k.agree)) {
  console.error('bench:cores: pixels differ between runs, worker counts or kernels (see above)');
  process.exitCode = 1;
} else if (copy.digest !== srcDigest) {
  console.error('bench:cores: the copy yardstick did not reproduce the source plane');
  process.exitCode = 1;
}

function formatS(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
