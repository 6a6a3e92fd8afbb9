/// <reference types="node" />
/**
 * `npm run bench`: real headless Chromium, photo-like 12 MP and 24 MP images made by the
 * project's sample painter. For every filter in the registry (src/core/filters.ts): median wall
 * time of blocking, concurrent and parallel with 1, 2, … N and 2N workers (N = reported cores),
 * and the browser's ctx.filter where the filter has a CSS counterpart; the longest main-thread
 * task of each. Configurations are interleaved within each repeat so that a noisy neighbour
 * slows all of them alike; figures are ratios from one run.
 *
 * Options:
 *   --repeats R          default 3
 *   --sizes 12,24        megapixels: 12, 24 or 100
 *   --filters median,…   default every filter in the registry
 *   --memory 24,100      photos (megapixels) for the peak-memory section; `none` skips it.
 *                        Default 24,100 when --sizes is not given or includes 24, else none.
 *   --out bench/results  writes <out>.json and <out>.md
 *   --port 5175          the Vite server's port (the built app is served on the next one); taken, the run fails at once
 *   --app 12             megapixels of the photo the built app is measured on; `none` skips it.
 *                        Default 12 when --sizes includes 12, else none. Its filter: median when
 *                        --filters has it, else the first of --filters; with both kernels.
 *   --simd 12            megapixels of the WebAssembly SIMD section (bench/simd.ts); `none` skips it.
 *                        Default 12 when --sizes includes 12, else none. Its filters: --filters at
 *                        their defaults, plus median r=8 and blur σ=4 when median and blur are in.
 *   --peers opencv,vips  the peer libraries timed in the SIMD section (bench/peers-plan.ts); `none`: no peers
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { AMDAHL_MIN_COUNTS } from '../src/core/amdahl.js';
import { POOL_MODE, RUN_MODES } from '../src/core/modes.js';
import type { RunSettings } from '../src/core/record.js';
import { median } from '../src/core/stats.js';
import type { FilterKind, FilterSpec } from '../src/core/types.js';
import { gib, treeMemory, type MemoryResult } from './memory.js';
import { launchOptions } from '../tests/chromium.js';
import { benchConfigs, benchFilters, poolLabel, TILE, type Config } from './plan.js';
import {
  appMarkdown,
  appTargets,
  get,
  markdown,
  targets,
  type AppHarness,
  type ConfigResult,
  type CoresSweep,
  type Row,
} from './report.js';
import { benchApp, type AppBench } from './app.js';
import { arg, chromiumVersion, fail, list } from './args.js';
import { buildPeersPage } from './peers-build.js';
import { simdMarkdown, simdSpecs, simdTargets, type SimdRow } from './simd.js';
import { openPeers, runSimdSection } from './simd-run.js';

const REPEATS = Number(arg('repeats', '3'));
const SIZES = new Map<number, readonly [number, number]>([
  [12, [4000, 3000]],
  [24, [6000, 4000]],
  [100, [10000, 10000]],
]);
const dimensions = (mp: number): readonly [number, number] =>
  SIZES.get(mp) ?? fail(`no ${mp} MP size: use ${[...SIZES.keys()].join(', ')}`);
const sizes = list(arg('sizes', '12,24')).map(Number);
const memorySizes = list(arg('memory', !arg('sizes', '') || sizes.includes(24) ? '24,100' : 'none')).map(Number);
for (const mp of [...sizes, ...memorySizes]) dimensions(mp);
const OUT = arg('out', 'bench/results');
const appSizes = list(arg('app', sizes.includes(12) ? '12' : 'none')).map(Number);
for (const mp of appSizes) dimensions(mp);
const PORT = Number(arg('port', '5175'));
const simdSizes = list(arg('simd', sizes.includes(12) ? '12' : 'none')).map(Number);
for (const mp of simdSizes) dimensions(mp);
const peerLibraries = list(arg('peers', 'opencv,vips')).map((p) =>
  p === 'opencv' || p === 'vips' ? p : fail(`no peer "${p}": use opencv, vips or none`),
);

/** The filters to measure: every registry entry by default, each with its default parameters. */
let filters: FilterSpec[] = [];
try {
  filters = benchFilters(list(arg('filters', '')));
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
/** The app is measured on median (the lesson's heavy filter) when it is measured at all, else on the first filter asked for. */
const appFilter: FilterSpec = filters.find((f) => f.kind === 'median') ?? filters[0] ?? fail('no filter to measure');
const specOf = (kind: FilterKind): FilterSpec => benchFilters([kind])[0] ?? fail(`the registry has no ${kind} filter`);

// The harness is built like the app (bundled, minified) so that both run the same code, and
// served by Vite's preview server with the isolation headers. A port already taken fails the
// run: never measure against whatever else listens there.
const HARNESS_OUT = 'reports/bench-harness';
await build({
  logLevel: 'warn',
  build: { outDir: HARNESS_OUT, emptyOutDir: true, rollupOptions: { input: 'tests/browser/harness.html' } },
});
// The peers need a page of their own (see bench/peers-build.ts), served beside the harness.
if (simdSizes.length && peerLibraries.length) await buildPeersPage(HARNESS_OUT);
let vite: PreviewServer;
try {
  vite = await preview({ build: { outDir: HARNESS_OUT }, preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
} catch (e) {
  fail(`cannot serve on 127.0.0.1:${PORT} (${e instanceof Error ? e.message : String(e)}); pass --port N for another port`);
}
const { executablePath } = launchOptions;
// Launched as a server so that its process, and so the process tree the memory section sums, is known.
const browserServer = await chromium.launchServer(launchOptions);
const browserPid = browserServer.process().pid ?? fail('the browser started without a process id');
const browser = await chromium.connect(browserServer.wsEndpoint());
const page = await browser.newPage();
page.on('pageerror', (e) => {
  console.error('page error:', e.message);
});
await page.goto(`http://127.0.0.1:${PORT}/tests/browser/harness.html`);
await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
const cores = await page.evaluate(() => navigator.hardwareConcurrency);
const workerCounts = [...new Set([...Array.from({ length: cores }, (_, i) => i + 1), 2 * cores])];

const load = (w: number, h: number): Promise<void> => page.evaluate(([w, h]) => window.tilelab.load(w, h), [w, h] as const);
const run = (filter: FilterSpec, s: Partial<RunSettings>) =>
  page.evaluate(([filter, s]) => window.tilelab.run({ filter, ...s }), [filter, s] as const);

const configs = (spec: FilterSpec): Config[] => benchConfigs(spec, workerCounts);

interface Measurement {
  readonly wall: number;
  readonly longest: number | null;
  readonly digest: string | null;
}

async function measure(spec: FilterSpec, cfg: Config): Promise<Measurement> {
  if (!cfg.settings) return { wall: (await page.evaluate((f) => window.tilelab.browserFilter(f), spec)).ms, longest: null, digest: null };
  const r = await run(spec, { tileSize: TILE, ...cfg.settings });
  if (r.outcome !== 'done') throw new Error(`${spec.kind} ${cfg.label}: ${r.outcome} ${r.error ?? ''}`);
  return { wall: r.wallMs, longest: r.longestTaskMs, digest: r.digest };
}

const results: Row[] = [];
const simdRows: SimdRow[] = [];
let peersInfo: Partial<Record<'opencv' | 'vips', string>> = {};
let coresSweep: CoresSweep | null = null;
const memory: MemoryResult[] = [];
const app: AppBench[] = [];
const started = Date.now();

try {
  for (const mp of sizes) {
    const [w, h] = dimensions(mp);
    const t0 = Date.now();
    await load(w, h);
    console.log(`\n${mp} MP (${w}×${h}) ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const spec of filters) {
      const kind = spec.kind;
      const cfgs = configs(spec);
      const samples = new Map(cfgs.map((c) => [c.label, { wall: [] as number[], longest: [] as number[], digests: new Set<string>() }]));
      for (let rep = -1; rep < REPEATS; rep++) {
        // Rotate the order each repeat, so no configuration always runs first or last.
        const k = Math.max(0, rep) % cfgs.length;
        const order = [...cfgs.slice(k), ...cfgs.slice(0, k)];
        for (const cfg of order) {
          const m = await measure(spec, cfg);
          if (rep < 0) continue; // warm-up: JIT, worker start-up, page faults
          const s = samples.get(cfg.label);
          if (!s) continue;
          s.wall.push(m.wall);
          if (m.longest !== null) s.longest.push(m.longest);
          if (m.digest) s.digests.add(m.digest);
        }
      }
      const configResults = new Map<string, ConfigResult>();
      for (const [label, s] of samples)
        configResults.set(label, {
          medianMs: median(s.wall),
          samplesMs: s.wall,
          longestTaskMs: s.longest.length ? Math.max(...s.longest) : null,
        });
      const digests = new Set([...samples.values()].flatMap((s) => [...s.digests]));
      const row: Row = {
        megapixels: mp,
        width: w,
        height: h,
        filter: kind,
        spec,
        configs: configResults,
        identicalOutput: digests.size === 1,
        digest: digests.size === 1 ? ([...digests][0] ?? null) : null,
      };
      const one = get(row, poolLabel(POOL_MODE, 1)).medianMs;
      for (const wkr of workerCounts) {
        const c = get(row, poolLabel(POOL_MODE, wkr));
        c.speedup = one / c.medianMs;
      }
      results.push(row);
      console.log(
        `${kind.padEnd(10)} ` +
          [...row.configs].map(([k, v]) => `${k} ${v.medianMs.toFixed(0)}ms`).join('  ') +
          `  identical=${row.identicalOutput}`,
      );
    }
  }

  // "How many cores?": the median filter on 12 MP with 1…2N workers, Amdahl's law fitted to 1…N.
  if (filters.some((f) => f.kind === 'median') && sizes.includes(12)) {
    const spec = specOf('median');
    const [w, h] = dimensions(12);
    await load(w, h);
    const counts = Array.from({ length: 2 * cores }, (_, i) => i + 1);
    const samples = new Map(counts.map((n) => [n, [] as number[]]));
    for (let rep = -1; rep < REPEATS; rep++) {
      for (const n of counts) {
        const r = await run(spec, { mode: POOL_MODE, workers: n });
        if (rep >= 0) samples.get(n)?.push(r.wallMs);
      }
    }
    const points = counts.map((n) => ({ workers: n, medianMs: median(samples.get(n) ?? []), samplesMs: samples.get(n) ?? [] }));
    const one = points.at(0)?.medianMs ?? NaN;
    const timings = points.filter((p) => p.workers <= cores).map((p) => ({ workers: p.workers, ms: p.medianMs }));
    // Amdahl's law is fitted only from enough worker counts within the cores (three), as in the app.
    const fit = timings.length >= AMDAHL_MIN_COUNTS ? await page.evaluate((t) => window.tilelab.fitAmdahl(t), timings) : null;
    coresSweep = { image: '12 MP', filter: spec, points: points.map((p) => ({ ...p, speedup: one / p.medianMs })), fit };
    console.log(
      `cores sweep: ${coresSweep.points.map((p) => `${p.workers}: ${p.medianMs.toFixed(0)} ms (${p.speedup.toFixed(2)}×)`).join(', ')}; ` +
        (fit
          ? `serial fraction ${(fit.serialFraction * 100).toFixed(1)}%`
          : `${cores} reported cores: too few worker counts to fit Amdahl's law`),
    );
  }

  // WebAssembly SIMD against JavaScript, a plain copy, ctx.filter and the peer libraries, on one photo.
  for (const mp of simdSizes) {
    const [w, h] = dimensions(mp);
    await load(w, h);
    const t0 = Date.now();
    const peers = peerLibraries.length ? await openPeers(browser, `http://127.0.0.1:${PORT}`) : null;
    if (peers) {
      peersInfo = Object.fromEntries(peerLibraries.map((p) => [p, peers.info[p]]));
      console.log(
        `\npeers: ${Object.entries(peersInfo)
          .map(([p, i]) => `${p}: ${i}`)
          .join('; ')}`,
      );
    }
    try {
      simdRows.push(
        ...(await runSimdSection({
          harness: page,
          peers,
          peerLibraries,
          specs: simdSpecs(filters),
          cores,
          repeats: REPEATS,
          width: w,
          height: h,
          log: (line) => {
            console.log(line);
          },
        })),
      );
    } finally {
      // Let the libraries' memory go before the app and the memory section.
      await peers?.page.close();
    }
    console.log(`simd ${mp} MP: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }

  // The app the class sees, beside the harness: same filter, size, tiles and configurations.
  for (const mp of appSizes) {
    const [w, h] = dimensions(mp);
    const t0 = Date.now();
    const a = await benchApp(browser, PORT + 1, w, h, REPEATS, appFilter);
    app.push(a);
    console.log(
      `app ${mp} MP (${((Date.now() - t0) / 1000).toFixed(0)} s): idle busy ${(a.idleBusy * 100).toFixed(1)}%; ` +
        a.configs
          .map(
            (c) =>
              `${c.label} ${median(c.runs.map((r) => r.wallMs)).toFixed(0)} ms, busy ${(median(c.runs.map((r) => r.cdpBusy ?? NaN)) * 100).toFixed(1)}%`,
          )
          .join('; '),
    );
  }

  // Peak memory while a photo is loaded and filtered once in each mode (invert, so the time
  // goes to memory traffic).
  const memorySpec = specOf('invert');
  const mem = treeMemory(browserPid);
  for (const mp of memorySizes) {
    const [w, h] = dimensions(mp);
    await load(16, 16); // let the previous photo go
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    const baselinePss = mem.pss();
    const baseline = mem.rss();
    let peak = baseline;
    const sample = (): void => {
      const now = mem.rss();
      if (now.bytes > peak.bytes) peak = now;
    };
    const timer = setInterval(sample, 50);
    await load(w, h);
    const runs: MemoryResult['runs'] = {};
    for (const mode of RUN_MODES) {
      const r = await run(memorySpec, { tileSize: 512, mode, workers: cores });
      runs[mode] = { outcome: r.outcome, wallMs: r.wallMs };
    }
    clearInterval(timer);
    sample();
    const finalRss = mem.rss().bytes;
    const finalPss = mem.pss();
    memory.push({
      image: `${mp} MP`,
      width: w,
      height: h,
      processes: peak.processes,
      baselineBytes: baseline.bytes,
      peakBytes: peak.bytes,
      baselinePssBytes: baselinePss,
      finalPssBytes: finalPss,
      finalRssBytes: finalRss,
      runs,
    });
    console.log(
      `memory ${mp} MP: peak RSS ${gib(peak.bytes)} GiB over ${peak.processes} processes (baseline ${gib(baseline.bytes)} GiB); ` +
        `after the runs RSS ${gib(finalRss)} GiB, PSS ${finalPss === null ? 'unreadable' : `${gib(finalPss)} GiB`}; ` +
        Object.entries(runs)
          .map(([m, r]) => `${m} ${r.outcome} ${r.wallMs.toFixed(0)} ms`)
          .join(', '),
    );
  }
} finally {
  await browser.close();
  await browserServer.close();
  await new Promise<void>((resolve) => vite.httpServer.close(() => resolve()));
}

const machine = {
  cpu: os.cpus().at(0)?.model ?? 'unknown',
  cores: os.cpus().length,
  reportedCores: cores,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  chromium: chromiumVersion(executablePath ?? chromium.executablePath()),
  date: new Date().toISOString(),
  repeats: REPEATS,
  minutes: ((Date.now() - started) / 60000).toFixed(1),
};

const sameSpec = (a: FilterSpec, b: FilterSpec): boolean => JSON.stringify(a) === JSON.stringify(b);
const harnessOf = (a: AppBench): AppHarness => ({
  row: results.find((r) => sameSpec(r.spec, a.filter) && r.megapixels === a.megapixels),
  simd: simdRows.find((r) => sameSpec(r.spec, a.filter) && r.megapixels === a.megapixels),
});
const judged = [
  ...targets(results, coresSweep, cores, workerCounts),
  ...simdTargets(simdRows, cores),
  ...app.flatMap((a) => appTargets(a, harnessOf(a), cores)),
];
const machineLine = `Machine: ${machine.cpu}, ${machine.cores} cores (browser reports ${machine.reportedCores}), ${machine.memoryGiB} GiB, ${machine.chromium}, Node ${machine.node}; ${machine.date.slice(0, 10)}; median of ${REPEATS} interleaved repeats after one warm-up, tile ${TILE} px.`;
const md =
  markdown({ machineLine, results, coresSweep, memory, judged, cores, workerCounts }) +
  (simdRows.length ? simdMarkdown({ rows: simdRows, cores, repeats: REPEATS, tile: TILE, peers: peersInfo }) : '') +
  app.map((a) => appMarkdown(a, harnessOf(a))).join('');
const json = {
  machine,
  results: results.map((r) => ({ ...r, configs: Object.fromEntries(r.configs) })),
  coresSweep,
  simd: { cores, tile: TILE, peers: peersInfo, rows: simdRows },
  app,
  memory,
  targets: judged,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(`${OUT}.json`, JSON.stringify(json, null, 2) + '\n');
writeFileSync(`${OUT}.md`, md);
console.log('\n' + md);
const simdBroken = simdRows.filter((r) => !r.identical);
if (simdBroken.length) {
  console.error(
    `bench: SIMD and JavaScript outputs are not the same SHA-256 (or SIMD failed) for ${simdBroken.map((r) => r.filter).join(', ')}`,
  );
  process.exitCode = 1;
}
