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
 *   --port 5175          the Vite server's port; taken, the run fails at once
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import type { AmdahlFit } from '../src/core/amdahl.js';
import { cssFilterOf, FILTERS, type FilterInfo } from '../src/core/filters.js';
import { haloOf } from '../src/core/kernels/index.js';
import type { RunSettings } from '../src/core/record.js';
import { median } from '../src/core/stats.js';
import type { FilterKind, FilterSpec, RunMode } from '../src/core/types.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv.at(i + 1) ?? fallback) : fallback;
};
const list = (s: string): string[] => s.split(',').filter((x) => x !== '' && x !== 'none');
function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

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
const PORT = Number(arg('port', '5175'));

/** The filters to measure: every registry entry by default, each with its default parameters. */
const filters: readonly FilterInfo[] = list(arg('filters', FILTERS.map((f) => f.kind).join(','))).map(
  (name) => FILTERS.find((f) => f.kind === name) ?? fail(`no filter "${name}": use ${FILTERS.map((f) => f.kind).join(', ')}`),
);
const specOf = (kind: FilterKind): FilterSpec =>
  FILTERS.find((f) => f.kind === kind)?.defaults ?? fail(`the registry has no ${kind} filter`);
/** A point filter reads no neighbours; one with a CSS counterpart is held to the point-filter targets. */
const isPoint = (spec: FilterSpec): boolean => haloOf(spec) === 0 && cssFilterOf(spec) !== null;

function chromiumVersion(path: string): string {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * The memory of the benchmark's own browser: its process and every process below it (zygotes,
 * renderers, GPU and utility processes), and no other Chromium on the machine.
 *
 * The peak is the summed resident set (RSS, from /proc/<pid>/statm: a quarter of a millisecond
 * for the whole tree), sampled every 50 ms while photos load and runs go. RSS counts a page shared
 * by several processes in each of them; the proportional set size (PSS, from smaps_rollup) counts
 * it once in all, but reading it walks every page table, about 100 ms for a tree holding a 24 MP
 * photo, which would steal a core from the runs it measures. So PSS is read only outside timed
 * work: at the idle baseline and once the runs are over, with the photo still loaded.
 */
interface MemoryResult {
  image: string;
  width: number;
  height: number;
  /** Processes in the browser's tree at the peak. */
  processes: number;
  /** Summed RSS with a 16×16 photo loaded. */
  baselineBytes: number;
  /** Highest summed RSS sampled. */
  peakBytes: number;
  /** Summed PSS at the baseline and after the runs (photo still loaded); null where smaps_rollup is unreadable. */
  baselinePssBytes: number | null;
  finalPssBytes: number | null;
  finalRssBytes: number;
  runs: Partial<Record<RunMode, { outcome: string; wallMs: number }>>;
}

/** Read a /proc file, or null when the process has gone (or the file does not exist here). */
function procFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Children of `pid`, from each of its threads' `children` lists (a child is listed under the thread that forked it). */
function childrenOf(pid: number): number[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tids.flatMap((tid) => (procFile(`/proc/${pid}/task/${tid}/children`) ?? '').split(' ').filter(Boolean).map(Number));
}

/** Children of `pid` from every process's parent pid, for kernels without `children` lists. */
function childrenByScan(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procFile(`/proc/${name}/stat`);
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : NaN;
    if (ppid === pid) out.push(Number(name));
  }
  return out;
}

const HAS_CHILDREN_LISTS = existsSync(`/proc/self/task/${process.pid}/children`);

/** `root` and every process below it. */
function processTree(root: number): number[] {
  const children = HAS_CHILDREN_LISTS ? childrenOf : childrenByScan;
  const out: number[] = [];
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    out.push(pid);
    queue.push(...children(pid));
  }
  return out;
}

const PAGE_BYTES = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
})();

/** Memory of one process tree. The tree is walked again at most once a second: walking it costs about 10 ms. */
function treeMemory(root: number) {
  let pids: number[] = [];
  let walkedAt = -Infinity;
  const tree = (): number[] => {
    if (performance.now() - walkedAt > 1000) {
      pids = processTree(root);
      walkedAt = performance.now();
    }
    return pids;
  };
  return {
    /** Summed RSS and the processes it was read from (one that exited meanwhile is skipped). */
    rss(): { bytes: number; processes: number } {
      let bytes = 0;
      let processes = 0;
      for (const pid of tree()) {
        // statm: sizes in pages; the second field is the resident set.
        const statm = procFile(`/proc/${pid}/statm`);
        if (statm === null) continue;
        bytes += Number(statm.split(' ')[1]) * PAGE_BYTES;
        processes++;
      }
      return { bytes, processes };
    },
    /** Summed PSS, or null where a live process's smaps_rollup cannot be read. Slow: never while timing. */
    pss(): number | null {
      walkedAt = -Infinity;
      let bytes = 0;
      for (const pid of tree()) {
        const rollup = procFile(`/proc/${pid}/smaps_rollup`);
        if (rollup === null) {
          if (existsSync(`/proc/${pid}`)) return null;
          continue; // exited between listing and reading
        }
        const m = /^Pss:\s+(\d+) kB/m.exec(rollup);
        if (!m) return null;
        bytes += Number(m[1]) * 1024;
      }
      return bytes;
    },
  };
}
const gib = (bytes: number): string => (bytes / 2 ** 30).toFixed(2);

// No file watching: an edit while the benchmark runs must not reload the page under it. A port
// already taken fails the run: never measure against whatever else listens there.
const vite = await createServer({ server: { port: PORT, strictPort: true, host: '127.0.0.1', watch: null, hmr: false }, logLevel: 'warn' });
try {
  await vite.listen();
} catch (e) {
  fail(`cannot serve on 127.0.0.1:${PORT} (${e instanceof Error ? e.message : String(e)}); pass --port N for another port`);
}
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
// Launched as a server so that its process, and so the process tree the memory section sums, is known.
const browserServer = await chromium.launchServer({
  executablePath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
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

/** Tiles small against the 50 ms idle period, so a slice can run up to its deadline. */
const SMALL_TILE = 64;
interface Config {
  readonly label: string;
  /** Settings of a lab run; none: the browser's ctx.filter. */
  readonly settings: Partial<RunSettings> | null;
}
const configs = (spec: FilterSpec): Config[] => [
  { label: 'blocking', settings: { mode: 'blocking' } },
  { label: 'concurrent', settings: { mode: 'concurrent' } },
  { label: `blocking@${SMALL_TILE}`, settings: { mode: 'blocking', tileSize: SMALL_TILE } },
  { label: `concurrent@${SMALL_TILE}`, settings: { mode: 'concurrent', tileSize: SMALL_TILE } },
  ...workerCounts.map((w) => ({ label: `parallel×${w}`, settings: { mode: 'parallel', workers: w } as const })),
  ...(cssFilterOf(spec) !== null ? [{ label: 'ctx.filter', settings: null }] : []),
];

interface Measurement {
  readonly wall: number;
  readonly longest: number | null;
  readonly digest: string | null;
}

async function measure(spec: FilterSpec, cfg: Config): Promise<Measurement> {
  if (!cfg.settings) return { wall: (await page.evaluate((f) => window.tilelab.browserFilter(f), spec)).ms, longest: null, digest: null };
  const r = await run(spec, { tileSize: 256, ...cfg.settings });
  if (r.outcome !== 'done') throw new Error(`${spec.kind} ${cfg.label}: ${r.outcome} ${r.error ?? ''}`);
  return { wall: r.wallMs, longest: r.longestTaskMs, digest: r.digest };
}

interface ConfigResult {
  medianMs: number;
  samplesMs: number[];
  longestTaskMs: number | null;
  speedup?: number;
}
interface Row {
  readonly megapixels: number;
  readonly width: number;
  readonly height: number;
  readonly filter: FilterKind;
  readonly spec: FilterSpec;
  readonly configs: Map<string, ConfigResult>;
  readonly identicalOutput: boolean;
}
/** One configuration's result; a missing one is a bug in this file, so it throws. */
const get = (r: Row, label: string): ConfigResult => r.configs.get(label) ?? fail(`${r.filter} ${r.megapixels} MP has no ${label} result`);

const results: Row[] = [];
let coresSweep: {
  image: string;
  filter: FilterSpec;
  points: { workers: number; medianMs: number; samplesMs: number[]; speedup: number }[];
  fit: AmdahlFit;
} | null = null;
const memory: MemoryResult[] = [];
const started = Date.now();

try {
  for (const mp of sizes) {
    const [w, h] = dimensions(mp);
    const t0 = Date.now();
    await load(w, h);
    console.log(`\n${mp} MP (${w}×${h}) ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const { kind, defaults: spec } of filters) {
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
      };
      const one = get(row, 'parallel×1').medianMs;
      for (const wkr of workerCounts) {
        const c = get(row, `parallel×${wkr}`);
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
        const r = await run(spec, { mode: 'parallel', workers: n });
        if (rep >= 0) samples.get(n)?.push(r.wallMs);
      }
    }
    const points = counts.map((n) => ({ workers: n, medianMs: median(samples.get(n) ?? []), samplesMs: samples.get(n) ?? [] }));
    const one = points.at(0)?.medianMs ?? NaN;
    const timings = points.filter((p) => p.workers <= cores).map((p) => ({ workers: p.workers, ms: p.medianMs }));
    const fit = await page.evaluate((t) => window.tilelab.fitAmdahl(t), timings);
    if (fit) {
      coresSweep = { image: '12 MP', filter: spec, points: points.map((p) => ({ ...p, speedup: one / p.medianMs })), fit };
      console.log(
        `cores sweep: ${coresSweep.points.map((p) => `${p.workers}: ${p.medianMs.toFixed(0)} ms (${p.speedup.toFixed(2)}×)`).join(', ')}; serial fraction ${(fit.serialFraction * 100).toFixed(1)}%`,
      );
    } else console.log(`cores sweep: ${cores} reported core(s) give fewer than two worker counts to fit Amdahl's law to`);
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
    for (const s of [{ mode: 'parallel', workers: cores }, { mode: 'concurrent' }, { mode: 'blocking' }] as const) {
      const r = await run(memorySpec, { tileSize: 512, ...s });
      runs[s.mode] = { outcome: r.outcome, wallMs: r.wallMs };
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
  await vite.close();
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

interface Target {
  readonly target: string;
  readonly value: string;
  readonly holds: boolean;
}

/** The issue's targets, each judged from this run's ratios. */
function targets(): Target[] {
  const out: Target[] = [];
  const n = cores;
  for (const r of results) {
    const c = (label: string): ConfigResult => get(r, label);
    const sp = c(`parallel×${n}`).speedup ?? NaN;
    if (r.filter === 'median' || r.filter === 'blur')
      out.push({ target: `${r.filter} ${r.megapixels} MP: ${n} workers ≥ 1.9× one worker`, value: `${sp.toFixed(2)}×`, holds: sp >= 1.9 });
    if (isPoint(r.spec)) {
      out.push({ target: `${r.filter} ${r.megapixels} MP: ${n} workers ≥ 1.8× one worker`, value: `${sp.toFixed(2)}×`, holds: sp >= 1.8 });
      const vs = c('ctx.filter').medianMs / c('parallel×1').medianMs;
      out.push({
        target: `${r.filter} ${r.megapixels} MP: one worker at least as fast as ctx.filter`,
        value: `${vs.toFixed(2)}× ctx.filter's speed`,
        holds: vs >= 1,
      });
    }
    if (r.spec.kind === 'blur') {
      const vs = c('ctx.filter').medianMs / c(`parallel×${n}`).medianMs;
      out.push({
        target: `blur σ=${r.spec.sigma} ${r.megapixels} MP: ${n} workers ≥ 2× faster than ctx.filter`,
        value: `${vs.toFixed(2)}×`,
        holds: vs >= 2,
      });
    }
    const pairs = [
      [c('concurrent'), c('blocking'), '256 px tiles'],
      [c(`concurrent@${SMALL_TILE}`), c(`blocking@${SMALL_TILE}`), `${SMALL_TILE} px tiles`],
    ] as const;
    for (const [conc, block, note] of pairs) {
      const longest = conc.longestTaskMs ?? NaN;
      out.push({
        target: `${r.filter} ${r.megapixels} MP, ${note}: concurrent longest task ≤ 50 ms`,
        value: `${longest.toFixed(1)} ms`,
        holds: longest <= 50,
      });
      const ratio = conc.medianMs / block.medianMs;
      out.push({
        target: `${r.filter} ${r.megapixels} MP, ${note}: concurrent wall ≤ 1.15× blocking`,
        value: `${ratio.toFixed(2)}×`,
        holds: ratio <= 1.15,
      });
    }
    const longest = Math.max(...workerCounts.map((w) => c(`parallel×${w}`).longestTaskMs ?? 0));
    out.push({
      target: `${r.filter} ${r.megapixels} MP: parallel, no main-thread long task`,
      value: `${longest.toFixed(0)} ms`,
      holds: longest < 50,
    });
    out.push({
      target: `${r.filter} ${r.megapixels} MP: every mode byte-identical`,
      value: String(r.identicalOutput),
      holds: r.identicalOutput,
    });
  }
  if (coresSweep)
    out.push({
      target: 'median 12 MP, "How many cores?": fitted serial fraction ≤ 5%',
      value: `${(coresSweep.fit.serialFraction * 100).toFixed(1)}%`,
      holds: coresSweep.fit.serialFraction <= 0.05,
    });
  return out;
}

const judged = targets();
const fmt = (v: number | null): string => (v === null ? '–' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);
const labels = [...new Set(results.flatMap((r) => [...r.configs.keys()]))];
let md = `Machine: ${machine.cpu}, ${machine.cores} cores (browser reports ${machine.reportedCores}), ${machine.memoryGiB} GiB, ${machine.chromium}, Node ${machine.node}; ${machine.date.slice(0, 10)}; median of ${REPEATS} interleaved repeats after one warm-up, tile 256 px.\n\n`;
md += `| image | filter | ${labels.join(' | ')} | speedup ×${cores} vs ×1 | longest main-thread task: blocking / concurrent / concurrent@${SMALL_TILE} / parallel |\n`;
md += `|${'---|'.repeat(labels.length + 4)}\n`;
for (const r of results) {
  const c = (label: string): ConfigResult => get(r, label);
  const par = Math.max(...workerCounts.map((w) => c(`parallel×${w}`).longestTaskMs ?? 0));
  const cells = labels.map((l) => fmt(r.configs.get(l)?.medianMs ?? null));
  md += `| ${r.megapixels} MP | ${r.filter} | ${cells.join(' | ')} | ${(c(`parallel×${cores}`).speedup ?? NaN).toFixed(2)}× | ${fmt(c('blocking').longestTaskMs)} / ${fmt(c('concurrent').longestTaskMs)} / ${fmt(c(`concurrent@${SMALL_TILE}`).longestTaskMs)} / ${fmt(par)} |\n`;
}
if (coresSweep) {
  const { points, fit } = coresSweep;
  md += `\n"How many cores?" (median r=${coresSweep.filter.kind === 'median' ? coresSweep.filter.radius : '?'}, 12 MP, tile 256 px): ${points.map((p) => `${p.workers} worker${p.workers > 1 ? 's' : ''} ${fmt(p.medianMs)} (${p.speedup.toFixed(2)}×)`).join(', ')}. `;
  md += `Amdahl fit over 1–${cores} workers: serial fraction ${(fit.serialFraction * 100).toFixed(1)}%, speedup limit ${Number.isFinite(fit.limit) ? `${fit.limit.toFixed(1)}×` : 'unbounded'}.\n`;
}
md += `\n| target | measured | holds |\n|---|---|---|\n`;
for (const t of judged) md += `| ${t.target} | ${t.value} | ${t.holds ? 'yes' : '**no**'} |\n`;

if (memory.length) {
  md += `\nPeak memory of the benchmark's own Chromium (its browser process and every process below it, resident sets summed, sampled every 50 ms) while a photo is decoded and filtered (invert, 512 px tiles) once in each mode: `;
  md +=
    memory
      .map((m) => {
        const wall = (mode: RunMode): string => fmt(m.runs[mode]?.wallMs ?? null);
        const pss = m.finalPssBytes === null ? '' : `; ${gib(m.finalPssBytes)} GiB proportional set size after the runs`;
        return `${m.image} ${gib(m.peakBytes)} GiB (${gib(m.peakBytes - m.baselineBytes)} GiB above the idle page${pss}; parallel ${wall('parallel')}, concurrent ${wall('concurrent')}, blocking ${wall('blocking')})`;
      })
      .join('; ') + '.\n';
}
const json = {
  machine,
  results: results.map((r) => ({ ...r, configs: Object.fromEntries(r.configs) })),
  coresSweep,
  memory,
  targets: judged,
};
writeFileSync(`${OUT}.json`, JSON.stringify(json, null, 2) + '\n');
writeFileSync(`${OUT}.md`, md);
console.log('\n' + md);
