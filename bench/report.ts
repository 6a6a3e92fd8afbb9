/** The benchmark's verdicts and its markdown table, from the figures of one run. */
import type { AmdahlFit } from '../src/core/amdahl.js';
import { POOL_MODE, type RunMode } from '../src/core/modes.js';
import { describeSpec } from '../src/core/filters.js';
import { KERNELS } from '../src/core/kernel-choice.js';
import type { FilterKind, FilterSpec } from '../src/core/types.js';
import { median } from '../src/core/stats.js';
import type { AppBench, AppConfigResult } from './app.js';
import { gib, type MemoryResult } from './memory.js';
import { isPoint, poolLabel, SMALL_TILE, TILE } from './plan.js';
import type { SimdRow } from './simd.js';

export interface ConfigResult {
  medianMs: number;
  samplesMs: number[];
  longestTaskMs: number | null;
  speedup?: number;
}

export interface Row {
  readonly megapixels: number;
  readonly width: number;
  readonly height: number;
  readonly filter: FilterKind;
  readonly spec: FilterSpec;
  readonly configs: Map<string, ConfigResult>;
  readonly identicalOutput: boolean;
  /** The output's SHA-256 when every configuration gave the same. */
  readonly digest: string | null;
}

export interface CoresSweep {
  image: string;
  filter: FilterSpec;
  points: { workers: number; medianMs: number; samplesMs: number[]; speedup: number }[];
  /** Null when fewer than three worker counts fit within the cores. */
  fit: AmdahlFit | null;
}

export interface Target {
  readonly target: string;
  readonly value: string;
  readonly holds: boolean;
}

/** One configuration's result; a missing one is a bug in the benchmark, so it throws. */
export function get(r: Row, label: string): ConfigResult {
  const c = r.configs.get(label);
  if (!c) throw new Error(`${r.filter} ${r.megapixels} MP has no ${label} result`);
  return c;
}

const pool = (workers: number): string => poolLabel(POOL_MODE, workers);
const BLOCKING: RunMode = 'blocking';
const CONCURRENT: RunMode = 'concurrent';

/** The issue's targets, each judged from this run's ratios. */
export function targets(results: readonly Row[], coresSweep: CoresSweep | null, n: number, workerCounts: readonly number[]): Target[] {
  const out: Target[] = [];
  for (const r of results) {
    const c = (label: string): ConfigResult => get(r, label);
    const at = `${r.filter} ${r.megapixels} MP`;
    const sp = c(pool(n)).speedup ?? NaN;
    if (r.filter === 'median' || r.filter === 'blur')
      out.push({ target: `${at}: ${n} workers ≥ 1.9× one worker`, value: `${sp.toFixed(2)}×`, holds: sp >= 1.9 });
    if (isPoint(r.spec)) {
      out.push({ target: `${at}: ${n} workers ≥ 1.8× one worker`, value: `${sp.toFixed(2)}×`, holds: sp >= 1.8 });
      const vs = c('ctx.filter').medianMs / c(pool(1)).medianMs;
      out.push({
        target: `${at}: one worker at least as fast as ctx.filter`,
        value: `${vs.toFixed(2)}× ctx.filter's speed`,
        holds: vs >= 1,
      });
    }
    if (r.spec.kind === 'blur') {
      const vs = c('ctx.filter').medianMs / c(pool(n)).medianMs;
      out.push({
        target: `blur σ=${r.spec.sigma} ${r.megapixels} MP: ${n} workers ≥ 2× faster than ctx.filter`,
        value: `${vs.toFixed(2)}×`,
        holds: vs >= 2,
      });
    }
    const pairs = [
      [c(CONCURRENT), c(BLOCKING), `${TILE} px tiles`],
      [c(`${CONCURRENT}@${SMALL_TILE}`), c(`${BLOCKING}@${SMALL_TILE}`), `${SMALL_TILE} px tiles`],
    ] as const;
    for (const [conc, block, note] of pairs) {
      const longest = conc.longestTaskMs ?? NaN;
      out.push({ target: `${at}, ${note}: concurrent longest task ≤ 50 ms`, value: `${longest.toFixed(1)} ms`, holds: longest <= 50 });
      const ratio = conc.medianMs / block.medianMs;
      out.push({ target: `${at}, ${note}: concurrent wall ≤ 1.15× blocking`, value: `${ratio.toFixed(2)}×`, holds: ratio <= 1.15 });
    }
    const longest = Math.max(...workerCounts.map((w) => c(pool(w)).longestTaskMs ?? 0));
    out.push({ target: `${at}: parallel, no main-thread long task`, value: `${longest.toFixed(0)} ms`, holds: longest < 50 });
    out.push({ target: `${at}: every mode byte-identical`, value: String(r.identicalOutput), holds: r.identicalOutput });
  }
  if (coresSweep?.fit)
    out.push({
      target: 'median 12 MP, "How many cores?": fitted serial fraction ≤ 5%',
      value: `${(coresSweep.fit.serialFraction * 100).toFixed(1)}%`,
      holds: coresSweep.fit.serialFraction <= 0.05,
    });
  return out;
}

export const fmt = (v: number | null): string => (v === null ? '–' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);

export interface Report {
  readonly machineLine: string;
  readonly results: readonly Row[];
  readonly coresSweep: CoresSweep | null;
  readonly memory: readonly MemoryResult[];
  readonly judged: readonly Target[];
  readonly cores: number;
  readonly workerCounts: readonly number[];
}

/** The figures as markdown: the table, the cores sweep, the verdicts and the memory. */
export function markdown({ machineLine, results, coresSweep, memory, judged, cores, workerCounts }: Report): string {
  const labels = [...new Set(results.flatMap((r) => [...r.configs.keys()]))];
  let md = `${machineLine}\n\n`;
  md += `| image | filter | ${labels.join(' | ')} | speedup ×${cores} vs ×1 | longest main-thread task: blocking / concurrent / concurrent@${SMALL_TILE} / parallel |\n`;
  md += `|${'---|'.repeat(labels.length + 4)}\n`;
  for (const r of results) {
    const c = (label: string): ConfigResult => get(r, label);
    const par = Math.max(...workerCounts.map((w) => c(pool(w)).longestTaskMs ?? 0));
    const cells = labels.map((l) => fmt(r.configs.get(l)?.medianMs ?? null));
    md += `| ${r.megapixels} MP | ${r.filter} | ${cells.join(' | ')} | ${(c(pool(cores)).speedup ?? NaN).toFixed(2)}× | ${fmt(c(BLOCKING).longestTaskMs)} / ${fmt(c(CONCURRENT).longestTaskMs)} / ${fmt(c(`${CONCURRENT}@${SMALL_TILE}`).longestTaskMs)} / ${fmt(par)} |\n`;
  }
  if (coresSweep) {
    const { points, fit, filter } = coresSweep;
    md += `\n"How many cores?" (median r=${filter.kind === 'median' ? filter.radius : '?'}, 12 MP, tile ${TILE} px): ${points.map((p) => `${p.workers} worker${p.workers > 1 ? 's' : ''} ${fmt(p.medianMs)} (${p.speedup.toFixed(2)}×)`).join(', ')}. `;
    md += fit
      ? `Amdahl fit over 1–${cores} workers: serial fraction ${(fit.serialFraction * 100).toFixed(1)}%, speedup limit ${Number.isFinite(fit.limit) ? `${fit.limit.toFixed(1)}×` : 'beyond what these runs resolve'}.\n`
      : `Amdahl's law is not fitted: ${cores} reported cores give fewer than three worker counts within the cores (\`npm run bench:cores\` measures more on a larger machine).\n`;
  }
  md += `\n| target | measured | holds |\n|---|---|---|\n`;
  for (const t of judged) md += `| ${t.target} | ${t.value} | ${t.holds ? 'yes' : '**no**'} |\n`;
  if (memory.length) {
    md += `\nPeak memory of the benchmark's own Chromium (its browser process and every process below it, resident sets summed, sampled every 50 ms) while a photo is decoded and filtered (invert, 512 px tiles) once in each mode: `;
    const each = memory.map((m) => {
      const runs = Object.entries(m.runs)
        .map(([mode, r]) => `${mode} ${fmt(r.wallMs)}`)
        .join(', ');
      const pss = m.finalPssBytes === null ? '' : `; ${gib(m.finalPssBytes)} GiB proportional set size after the runs`;
      return `${m.image} ${gib(m.peakBytes)} GiB (${gib(m.peakBytes - m.baselineBytes)} GiB above the idle page${pss}; ${runs})`;
    });
    md += `${each.join('; ')}.\n`;
  }
  return md;
}

/** Median and range of values, as "1.85× (1.70–1.95×)". */
function spreadText(values: readonly number[], unit: string, digits = 2): string {
  const s = [...values].sort((a, b) => a - b);
  const med = median(s);
  return `${med.toFixed(digits)}${unit} (${(s[0] ?? NaN).toFixed(digits)}–${(s.at(-1) ?? NaN).toFixed(digits)}${unit})`;
}

/** Per-round ratios of two configurations' wall times (the rounds interleave, so round k of each ran side by side). */
function roundRatios(a: AppConfigResult, b: AppConfigResult): number[] {
  return a.runs.map((r, k) => r.wallMs / (b.runs[k]?.wallMs ?? NaN)).filter((x) => Number.isFinite(x));
}

/** What the harness measured for the app's configurations: its main table (JavaScript) and its SIMD section. */
export interface AppHarness {
  readonly row: Row | undefined;
  readonly simd: SimdRow | undefined;
}

/** The harness's median for an app configuration, where it measured the same one. */
function harnessMs(c: AppConfigResult, h: AppHarness): number | null {
  if (c.harness === null) return null;
  if (c.kernel === 'js') return h.row?.configs.get(c.harness)?.medianMs ?? null;
  const s = h.simd?.configs.find((k) => k.label === c.harness);
  return s && !s.error ? s.medianMs : null;
}

/**
 * The issue's targets for the app itself: its own cost idle and during Parallel ×N (DevTools
 * protocol), its ratios between modes (JavaScript kernel), how far its figures are from the
 * harness's, and that the Kernel switch changes nothing but the time.
 */
export function appTargets(app: AppBench, harness: AppHarness, n: number): Target[] {
  const find = (pred: (c: AppConfigResult) => boolean): AppConfigResult | undefined =>
    app.configs.find((c) => c.kernel === 'js' && pred(c));
  const blocking = find((c) => c.harness === BLOCKING);
  const concurrent = find((c) => c.harness === CONCURRENT);
  const one = find((c) => c.harness === pool(1));
  const many = find((c) => c.harness === pool(n));
  const at = `app, ${describeSpec(app.filter)} ${app.megapixels} MP`;
  const out: Target[] = [
    { target: 'app idle: main thread busy ≤ 3%', value: `${(app.idleBusy * 100).toFixed(1)}%`, holds: app.idleBusy <= 0.03 },
  ];
  if (many) {
    const busy = many.runs.map((r) => (r.cdpBusy ?? NaN) * 100);
    out.push({ target: `${at}: main thread busy during Parallel ×${n} ≤ 10%`, value: spreadText(busy, '%', 1), holds: median(busy) <= 10 });
  }
  if (blocking && many) {
    const x = roundRatios(blocking, many);
    out.push({
      target: `${at}: Blocking ÷ Parallel ×${n} ≥ ${(0.9 * n).toFixed(1)}×`,
      value: spreadText(x, '×'),
      holds: median(x) >= 0.9 * n,
    });
  }
  if (blocking && one) {
    const x = roundRatios(one, blocking);
    out.push({ target: `${at}: Parallel ×1 ÷ Blocking ≤ 1.05`, value: spreadText(x, '×'), holds: median(x) <= 1.05 });
  }
  if (blocking && concurrent) {
    const x = roundRatios(concurrent, blocking);
    out.push({ target: `${at}: Concurrent ÷ Blocking ≤ 1.25`, value: spreadText(x, '×'), holds: median(x) <= 1.25 });
    const longest = Math.max(...concurrent.runs.map((r) => r.longestTaskMs));
    out.push({ target: `${at}: Concurrent, no task over 50 ms`, value: `${longest.toFixed(1)} ms`, holds: longest <= 50 });
  }
  for (const c of app.configs) {
    const h = harnessMs(c, harness);
    if (h === null) continue;
    const x = median(c.runs.map((r) => r.wallMs)) / h;
    out.push({
      target: `${at}: ${c.label} within 10% of the harness`,
      value: `${x.toFixed(2)}× the harness`,
      holds: Math.abs(x - 1) <= 0.1,
    });
  }
  // The Kernel switch changes nothing but the time: one SHA-256 over every run of either kernel.
  const byKernel = (k: string): Set<string | null> =>
    new Set(app.configs.filter((c) => c.kernel === k).flatMap((c) => c.runs.map((r) => r.digest)));
  const js = byKernel('js'),
    simd = byKernel('simd');
  out.push({
    target: `${at}: the Kernel switch changes nothing but the time (same SHA-256, every mode)`,
    value: app.identical ? 'same' : `${js.size} JavaScript and ${simd.size} SIMD digest(s), ${new Set([...js, ...simd]).size} in all`,
    holds: app.identical && simd.size > 0,
  });
  out.push({ target: `${at}: every mode byte-identical`, value: String(app.identical), holds: app.identical });
  const digest = harness.row?.digest ?? harness.simd?.jsDigest ?? null;
  if (digest) {
    const same = app.identical && app.configs.every((c) => c.runs.every((r) => r.digest === digest));
    out.push({ target: `${at}: the same pixels as the harness (same photo, same work)`, value: String(same), holds: same });
  }
  return out;
}

/** The app beside the harness: one row per configuration. */
export function appMarkdown(app: AppBench, harness: AppHarness): string {
  let md = `\nThe built app at 1280×720, driven through its controls (meter on, tiles drawn), ${describeSpec(app.filter)} on a ${app.megapixels} MP photo, tile ${TILE} px, each mode with either kernel (the Kernel control). `;
  md += `Idle page (sample photo, meter running, 10 s): main thread busy ${(app.idleBusy * 100).toFixed(1)}% (CPU time ${(app.idleThread * 100).toFixed(1)}%).\n\n`;
  md +=
    '| configuration | kernel | app wall (median, range) | harness wall | app ÷ harness | page thread busy (DevTools) | page thread busy (as the page measured it) |\n|---|---|---|---|---|---|---|\n';
  for (const c of app.configs) {
    const wall = c.runs.map((r) => r.wallMs);
    const h = harnessMs(c, harness);
    const cdp = c.runs.flatMap((r) => (r.cdpBusy === null ? [] : [r.cdpBusy * 100]));
    md += `| ${c.label} | ${KERNELS[c.kernel].short} | ${spreadText(wall, ' ms', 0)} | ${fmt(h)} | ${h === null ? '–' : (median(wall) / h).toFixed(2)} | ${cdp.length ? spreadText(cdp, '%', 1) : '– (its thread filters)'} | ${spreadText(
      c.runs.map((r) => r.pageBusy * 100),
      '%',
      1,
    )} |\n`;
  }
  const digests = new Set(app.configs.flatMap((c) => c.runs.map((r) => r.digest)));
  md += `\nPixels: ${app.identical ? `every run of the app, with either kernel, gave the same SHA-256 (${[...digests][0]?.slice(0, 16) ?? ''}…).` : `**the app's runs gave ${digests.size} different SHA-256 digests.**`}\n`;
  return md;
}
