/// <reference types="node" />
/**
 * `npm run bench:batch`: a batch of photo-like 12 MP JPEGs (the sample painter with a seed per
 * photo, encoded in the page at quality 0.9) filtered on the real engine in headless Chromium
 * (tests/browser/batch-harness.ts: file read, decode worker, the worker pool with the app's
 * default kernel and one worker per reported core, an encode worker, a ZIP kept in memory), one
 * after another and pipelined. Per filter and schedule: total time, photos per minute, each
 * stage's busy share and the bottleneck; the pipelined ÷ one-after-another throughput taken
 * within each round. Then the peak memory of a long pipelined batch, from the process tree's RSS.
 *
 * Options:
 *   --rounds 3            rounds kept after one warm-up batch per filter
 *   --photos 10           photos in each timed batch
 *   --memory-photos 10,50 photos in each memory batch (several lengths: does memory grow with the batch?); 0 skips it
 *   --memory-sinks zip    the memory batch once per sink, each on a fresh page: zip (the ZIP kept in
 *                         memory, as the app does) and/or count (keeps nothing, counts the bytes)
 *   --filters grayscale,median  each at its defaults (median r=3)
 *   --port 5185           the preview server's port; taken, the run fails at once
 *   --out bench/batch-results  writes <out>.json and <out>.md
 *   --note "…"            a sentence on the run's conditions, written under the machine line
 *
 * Exits 1 when the two schedules give different pixels or files, or a photo is not saved.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import os from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { batchMemoryBytes, inFlightLimit } from '../src/core/batch.js';
import { JPEG_QUALITY } from '../src/core/batch-names.js';
import { KERNELS } from '../src/core/kernel-choice.js';
import { POOL_MODE } from '../src/core/modes.js';
import { describeSpec } from '../src/core/filters.js';
import { formatMs, median } from '../src/core/stats.js';
import type { FilterSpec } from '../src/core/types.js';
import { defaultState } from '../src/ui/url-state.js';
import { launchOptions } from '../tests/chromium.js';
import type { LabOptions, LabResult, PaintedQueue } from '../tests/browser/batch-harness.js';
import { chromiumVersion } from './args.js';
import {
  batchMarkdown,
  batchTargets,
  memoryTargets,
  INPUT_JPEG_QUALITY,
  parseBatchArgs,
  PHOTO,
  scheduleOrder,
  summarizeFilter,
  type BatchBenchOptions,
  type BatchRun,
  type FilterSummary,
  type MemoryRun,
  type MemorySink,
} from './batch-plan.js';
import { gib, treeMemory } from './memory.js';

let opts: BatchBenchOptions;
try {
  opts = parseBatchArgs(process.argv.slice(2));
} catch (e) {
  console.error(`bench:batch: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
const started = Date.now();
// Before this process adds any load of its own: what else is running.
const loadAtStart = os.loadavg();
const shellWord = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`);
const command = `npm run bench:batch${process.argv.length > 2 ? ` -- ${process.argv.slice(2).map(shellWord).join(' ')}` : ''}`;
const log = (s: string): void => void process.stdout.write(`${s}\n`);
/** The kernel a new visitor gets. */
const KERNEL = defaultState(1).kernel;

// Built like the app (bundled, minified) and served with the isolation headers, as bench/run.ts does.
const HARNESS_OUT = 'reports/bench-batch-harness';
await build({
  logLevel: 'warn',
  build: { outDir: HARNESS_OUT, emptyOutDir: true, rollupOptions: { input: 'tests/browser/batch-harness.html' } },
});
let server: PreviewServer;
try {
  server = await preview({
    build: { outDir: HARNESS_OUT },
    preview: { port: opts.port, strictPort: true, host: '127.0.0.1' },
    logLevel: 'warn',
  });
} catch (e) {
  console.error(`bench:batch: cannot serve on 127.0.0.1:${opts.port} (${e instanceof Error ? e.message : String(e)}); pass --port N`);
  process.exit(2);
}
// Launched as a server so that its process, and so the process tree the memory section sums, is known.
const browserServer = await chromium.launchServer(launchOptions);
const pid = browserServer.process().pid;
if (pid === undefined) throw new Error('the browser started without a process id');
const browserPid: number = pid;
const browser = await chromium.connect(browserServer.wsEndpoint());

async function openLab(b: Browser): Promise<Page> {
  const page = await b.newPage();
  page.on('pageerror', (e) => {
    console.error('page error:', e.message);
  });
  await page.goto(`http://127.0.0.1:${opts.port}/tests/browser/batch-harness.html`);
  await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
  return page;
}

const queueOf = (count: number): PaintedQueue => ({ count, ...PHOTO, type: 'image/jpeg' });
const paint = async (page: Page, count: number): Promise<void> => {
  const t0 = Date.now();
  await page.evaluate((q) => window.batchLab.paint(q), queueOf(count));
  log(`painted ${count} photos of ${PHOTO.width}×${PHOTO.height} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
};
const runLab = (page: Page, o: LabOptions): Promise<LabResult> => page.evaluate((o) => window.batchLab.run(o), o);

/** A batch that must save every photo: one that does not is a broken benchmark, not a figure. */
function allSaved(r: LabResult, what: string): void {
  const { saved, total, skipped } = r.summary;
  if (saved.length !== total)
    throw new Error(`${what}: ${saved.length} of ${total} saved; ${skipped.map((s) => `${s.photo} (${s.stage}: ${s.reason})`).join(', ')}`);
}

const filterSummaries: FilterSummary[] = [];
const runsByFilter = new Map<FilterSpec, BatchRun[]>();
const memory: MemoryRun[] = [];
let cores = 0;
let isolated: boolean | undefined;
const settings = (filter: FilterSpec): Pick<LabOptions, 'filter' | 'mode' | 'workers' | 'kernel'> => ({
  filter,
  mode: POOL_MODE,
  workers: cores,
  kernel: KERNEL,
});

/**
 * One pipelined batch of the memory queue, the process tree's RSS sampled every 50 ms meanwhile;
 * the baseline is taken after a garbage collection of the page's heap.
 */
async function memoryBatch(mpage: Page, spec: FilterSpec, sink: MemorySink, photos: number): Promise<MemoryRun> {
  const cdp = await mpage.context().newCDPSession(mpage);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  const mem = treeMemory(browserPid);
  await mpage.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  const baselinePss = mem.pss();
  const baseline = mem.rss();
  // Stamped on the clock the batch's spans use, so only samples within the batch count.
  const samples: { at: number; bytes: number; processes: number }[] = [];
  const sample = (): void => void samples.push({ at: performance.timeOrigin + performance.now(), ...mem.rss() });
  const timer = setInterval(sample, 50);
  let r: LabResult;
  try {
    r = await runLab(mpage, { schedule: 'pipelined', photos: queueOf(photos), sink, ...settings(spec) });
  } finally {
    clearInterval(timer);
  }
  allSaved(r, `memory batch (${sink})`);
  const { startedAt, totalMs } = r.summary;
  const within = samples.filter((s) => s.at >= startedAt && s.at <= startedAt + totalMs);
  const peak = within.reduce((a, b) => (b.bytes > a.bytes ? b : a), { at: 0, ...baseline });
  const limit = inFlightLimit('pipelined');
  const m: MemoryRun = {
    sink,
    photos,
    filter: spec,
    baselineBytes: baseline.bytes,
    peakBytes: peak.bytes,
    samples: within.length,
    processes: peak.processes,
    baselinePssBytes: baselinePss,
    finalPssBytes: mem.pss(),
    totalMs,
    saved: r.summary.saved.length,
    savedBytes: r.savedBytes,
    peakInFlight: r.summary.peakInFlight,
    statedBytes: batchMemoryBytes(PHOTO.width, PHOTO.height, limit),
    inFlightLimit: limit,
  };
  log(
    `memory, ${m.photos} photos, ${sink} sink: ${formatMs(totalMs)}; RSS baseline ${gib(m.baselineBytes)} GiB, peak ${gib(m.peakBytes)} GiB ` +
      `(+${((m.peakBytes - m.baselineBytes) / 2 ** 20).toFixed(0)} MiB over ${m.samples} samples, ${m.processes} processes); ` +
      `stated ${(m.statedBytes / 2 ** 20).toFixed(0)} MiB; output ${(m.savedBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  return m;
}

try {
  const page = await openLab(browser);
  [cores, isolated] = await page.evaluate(() => [navigator.hardwareConcurrency, crossOriginIsolated] as const);
  await paint(page, opts.photos);
  const photos = queueOf(opts.photos);

  // Warm-up: worker start-up, the kernels' compilation, the first decode and encode.
  for (const spec of opts.filters) allSaved(await runLab(page, { schedule: 'pipelined', photos, ...settings(spec) }), 'warm-up');

  /** Per filter: the pixels' digests and the files' SHA-256 of every batch, which must all agree. */
  const outputs = new Map<FilterSpec, Set<string>>(opts.filters.map((f) => [f, new Set<string>()]));
  for (let round = 0; round < opts.rounds; round++) {
    for (const spec of opts.filters) {
      for (const schedule of scheduleOrder(round)) {
        const r = await runLab(page, { schedule, photos, ...settings(spec) });
        allSaved(r, `${describeSpec(spec)} ${schedule}, round ${round + 1}`);
        const s = r.summary;
        const run: BatchRun = {
          round,
          schedule,
          totalMs: s.totalMs,
          photosPerMinute: s.photosPerMinute,
          busyShare: s.busyShare,
          bottleneck: s.bottleneck,
          peakInFlight: s.peakInFlight,
          saved: s.saved.length,
          savedBytes: r.savedBytes,
          filterRunMs: median(Object.values(r.runs).map((x) => x.wallMs)),
          readbackMs: median(Object.values(r.runs).map((x) => x.readbackMs)),
        };
        runsByFilter.set(spec, [...(runsByFilter.get(spec) ?? []), run]);
        outputs.get(spec)?.add(JSON.stringify({ digests: r.digests, files: r.entries }));
        log(
          `round ${round + 1} ${describeSpec(spec).padEnd(14)} ${schedule.padEnd(10)} ${formatMs(s.totalMs).padStart(8)}  ` +
            `${s.photosPerMinute.toFixed(1)} photos/min  bottleneck ${s.bottleneck ?? '–'}  filter run ${formatMs(run.filterRunMs)} + hash ${formatMs(run.readbackMs)}  ` +
            Object.entries(s.busyShare)
              .map(([k, v]) => `${k} ${Math.round(v * 100)}%`)
              .join(' '),
        );
      }
    }
  }
  for (const spec of opts.filters) filterSummaries.push(summarizeFilter(spec, runsByFilter.get(spec) ?? [], outputs.get(spec)?.size === 1));
  await page.close();

  // Memory: each sink on a fresh page (a renderer process of its own), so no 12 MP photo has
  // been through it before the baseline and nothing an earlier batch left behind is counted.
  const spec = opts.filters.find((f) => f.kind === 'grayscale') ?? opts.filters[0];
  for (const photos of spec ? opts.memoryPhotos : []) {
    for (const sink of opts.memorySinks) {
      if (!spec) break;
      const mpage = await openLab(browser);
      await paint(mpage, photos);
      // The small mixed queue starts every worker and compiles the kernels, so the baseline holds them.
      await runLab(mpage, { schedule: 'pipelined', ...settings(spec) });
      memory.push(await memoryBatch(mpage, spec, sink, photos));
      await mpage.close();
    }
  }
} finally {
  await browser.close();
  await browserServer.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}

const loadAtEnd = os.loadavg();
const machine = {
  cpu: os.cpus().at(0)?.model.trim() ?? 'unknown',
  cores: os.cpus().length,
  reportedCores: cores,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  chromium: chromiumVersion(launchOptions.executablePath ?? chromium.executablePath()),
  crossOriginIsolated: isolated,
  date: new Date().toISOString(),
  minutes: ((Date.now() - started) / 60000).toFixed(1),
  loadAverageAtStart: loadAtStart,
  loadAverageAtEnd: loadAtEnd,
};
const load = (l: readonly number[]): string => l.map((x) => x.toFixed(2)).join(' / ');
const report = {
  command,
  machineLine: `Machine: ${machine.cpu}, ${machine.cores} cores (browser reports ${machine.reportedCores}), ${machine.memoryGiB} GiB, ${machine.chromium}, Node ${machine.node}; ${machine.date}; ${machine.minutes} min.`,
  loadLine: `Load average (1 / 5 / 15 min) ${load(loadAtStart)} at the start and ${load(loadAtEnd)} at the end: on a shared machine other work takes cores too, and the figures are from the machine as it was.`,
  note: opts.note,
  cores,
  settingsLine:
    `Batch: ${opts.photos} photo-like JPEGs of ${PHOTO.width}×${PHOTO.height} (src/core/sample.ts, one seed per photo, encoded in the page at quality ${INPUT_JPEG_QUALITY}); ` +
    `${POOL_MODE} mode, ${KERNELS[KERNEL].label} kernel (the app's default), ${cores} workers (the reported cores), automatic tile size; ` +
    `results encoded as JPEG at quality ${JPEG_QUALITY} and streamed into a ZIP kept in memory, read back after each batch to compare the schedules.`,
  rounds: opts.rounds,
  photos: opts.photos,
  filters: filterSummaries,
  memory,
};
const md = batchMarkdown(report);
const targets = [...batchTargets(filterSummaries), ...memoryTargets(memory)];
mkdirSync(dirname(opts.out), { recursive: true });
writeFileSync(
  `${opts.out}.json`,
  JSON.stringify(
    {
      command,
      machine,
      options: { ...opts, filters: opts.filters },
      input: {
        ...PHOTO,
        jpegQuality: INPUT_JPEG_QUALITY,
        outputJpegQuality: JPEG_QUALITY,
        kernel: KERNEL,
        mode: POOL_MODE,
        workers: cores,
      },
      runs: Object.fromEntries([...runsByFilter].map(([spec, runs]) => [describeSpec(spec), runs])),
      filters: filterSummaries,
      memory,
      targets,
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(`${opts.out}.md`, md);
log('\n' + md);
const broken = filterSummaries.filter((f) => !f.identical);
if (broken.length) {
  console.error(`bench:batch: the schedules' outputs differ for ${broken.map((f) => describeSpec(f.spec)).join(', ')}`);
  process.exitCode = 1;
}
