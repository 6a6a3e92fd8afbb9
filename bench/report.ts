/** The benchmark's verdicts and its markdown table, from the figures of one run. */
import type { AmdahlFit } from '../src/core/amdahl.js';
import { POOL_MODE, type RunMode } from '../src/core/modes.js';
import type { FilterKind, FilterSpec } from '../src/core/types.js';
import { gib, type MemoryResult } from './memory.js';
import { isPoint, poolLabel, SMALL_TILE, TILE } from './plan.js';

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
}

export interface CoresSweep {
  image: string;
  filter: FilterSpec;
  points: { workers: number; medianMs: number; samplesMs: number[]; speedup: number }[];
  fit: AmdahlFit;
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
  if (coresSweep)
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
    md += `Amdahl fit over 1–${cores} workers: serial fraction ${(fit.serialFraction * 100).toFixed(1)}%, speedup limit ${Number.isFinite(fit.limit) ? `${fit.limit.toFixed(1)}×` : 'unbounded'}.\n`;
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
