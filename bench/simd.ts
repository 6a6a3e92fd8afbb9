/**
 * The WebAssembly SIMD section of `npm run bench`, as pure functions: which filters and
 * configurations it measures, the ratios of the configurations that ran side by side, the issue's
 * targets judged from them, and the markdown table. No browser and no clock here, so the tests
 * can feed it made-up runs.
 *
 * Configurations of one filter, all on the same 12 MP photo: Tilelab's JavaScript and WebAssembly
 * SIMD kernels on one worker and on N (the reported cores), a plain copy of the image on 1 and N
 * workers (src/engine/yardstick.ts), the browser's ctx.filter where the filter has a CSS
 * counterpart, and the peer libraries that have the filter (bench/peers-plan.ts), one core each.
 */
import { cssFilterOf, describeSpec, FILTERS, type FilterRegistry } from '../src/core/filters.js';
import { KERNELS, type KernelChoice } from '../src/core/kernel-choice.js';
import { median } from '../src/core/stats.js';
import type { FilterSpec } from '../src/core/types.js';
import { isPoint } from './plan.js';
import { PEER_LIBRARIES, peerPlans, type PeerCheck, type PeerLibrary, type PeerPlan } from './peers-plan.js';
import type { Target } from './report.js';

export type SimdConfig =
  | { readonly label: string; readonly kind: 'tilelab'; readonly kernel: KernelChoice; readonly workers: number }
  | { readonly label: string; readonly kind: 'copy'; readonly workers: number }
  | { readonly label: string; readonly kind: 'css' }
  | { readonly label: string; readonly kind: 'peer'; readonly lib: PeerLibrary; readonly plan: PeerPlan };

export const tilelabLabel = (kernel: KernelChoice, workers: number): string => `${KERNELS[kernel].short} ×${workers}`;
export const copyLabel = (workers: number): string => `copy ×${workers}`;
export const CSS_LABEL = 'ctx.filter';
export const peerLabel = (lib: PeerLibrary): string => PEER_LIBRARIES[lib].label;

const sameSpec = (a: FilterSpec, b: FilterSpec): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The filters of the section: `filters` (each at its defaults), and median r=8 and blur σ=4 when their filter is among them. */
export function simdSpecs(filters: readonly FilterSpec[]): FilterSpec[] {
  const out = [...filters];
  const add = (spec: FilterSpec): void => {
    if (filters.some((f) => f.kind === spec.kind) && !out.some((f) => sameSpec(f, spec))) out.push(spec);
  };
  add({ kind: 'median', radius: 8 });
  add({ kind: 'blur', sigma: 4 });
  return out;
}

/**
 * Every configuration of `spec`, JavaScript on one worker first (its output is what the peers'
 * are compared with). `peers`: the libraries to time (none when the section runs without them).
 */
export function simdConfigs(
  spec: FilterSpec,
  cores: number,
  peers: readonly PeerLibrary[],
  registry: FilterRegistry = FILTERS,
): SimdConfig[] {
  const counts = [...new Set([1, Math.max(1, cores)])];
  return [
    ...counts.flatMap((workers) =>
      (['js', 'simd'] as const).map((kernel) => ({ label: tilelabLabel(kernel, workers), kind: 'tilelab' as const, kernel, workers })),
    ),
    ...counts.map((workers) => ({ label: copyLabel(workers), kind: 'copy' as const, workers })),
    ...(cssFilterOf(spec, registry) !== null ? [{ label: CSS_LABEL, kind: 'css' as const }] : []),
    ...peerPlans(spec)
      .filter((p) => peers.includes(p.op.lib))
      .map((plan) => ({ label: peerLabel(plan.op.lib), kind: 'peer' as const, lib: plan.op.lib, plan })),
  ];
}

export interface SimdConfigResult {
  readonly label: string;
  readonly kind: SimdConfig['kind'];
  /** Kept runs' wall times in round order (the warm-up is not here). */
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Why the configuration stopped being measured (e.g. a kernel that traps); null when every run finished. */
  readonly error: string | null;
  /** Tilelab runs only: distinct SHA-256 digests of the output over every run, warm-up included. */
  readonly digests: readonly string[];
  /** Peers only: the library call, what its timing includes, and its output checked against Tilelab's. */
  readonly call?: string;
  readonly note?: string;
  readonly check?: PeerCheck | null;
}

export interface SimdRow {
  readonly megapixels: number;
  readonly width: number;
  readonly height: number;
  readonly spec: FilterSpec;
  /** "Median r=3px". */
  readonly filter: string;
  readonly configs: readonly SimdConfigResult[];
  /** The JavaScript kernel's digest, when its runs agreed. */
  readonly jsDigest: string | null;
  /** Every Tilelab run, either kernel, any worker count, gave the one digest. */
  readonly identical: boolean;
}

/** Collects one filter's runs, by configuration, in round order. */
export class SimdRuns {
  private readonly runs = new Map<string, { ms: number[]; digests: Set<string>; error: string | null; check: PeerCheck | null }>();

  constructor(readonly configs: readonly SimdConfig[]) {
    for (const c of configs) this.runs.set(c.label, { ms: [], digests: new Set(), error: null, check: null });
  }

  private at(label: string): { ms: number[]; digests: Set<string>; error: string | null; check: PeerCheck | null } {
    const r = this.runs.get(label);
    if (!r) throw new Error(`no configuration ${label}`);
    return r;
  }

  /** `kept` false for the warm-up: its digest is checked, its time is not used. */
  add(label: string, ms: number, kept: boolean, digest: string | null = null): void {
    const r = this.at(label);
    if (kept) r.ms.push(ms);
    if (digest) r.digests.add(digest);
  }

  fail(label: string, error: string): void {
    this.at(label).error ??= error;
  }

  failed(label: string): boolean {
    return this.at(label).error !== null;
  }

  checked(label: string, check: PeerCheck): void {
    this.at(label).check = check;
  }

  row(spec: FilterSpec, size: { megapixels: number; width: number; height: number }): SimdRow {
    const configs = this.configs.map((c): SimdConfigResult => {
      const r = this.at(c.label);
      // A configuration that failed part-way keeps no times: its rounds no longer pair with the others'.
      const ms = r.error ? [] : r.ms;
      return {
        label: c.label,
        kind: c.kind,
        samplesMs: ms,
        medianMs: median(ms),
        minMs: ms.length ? Math.min(...ms) : NaN,
        maxMs: ms.length ? Math.max(...ms) : NaN,
        error: r.error,
        digests: [...r.digests],
        ...(c.kind === 'peer' ? { call: c.plan.call, note: c.plan.note, check: r.check } : {}),
      };
    });
    const tilelab = this.configs.filter((c) => c.kind === 'tilelab');
    const js = tilelab.filter((c) => c.kernel === 'js').flatMap((c) => [...this.at(c.label).digests]);
    const all = new Set(tilelab.flatMap((c) => [...this.at(c.label).digests]));
    const ran = tilelab.every((c) => this.at(c.label).digests.size > 0 && this.at(c.label).error === null);
    return {
      ...size,
      spec,
      filter: describeSpec(spec),
      configs,
      jsDigest: new Set(js).size === 1 ? (js[0] ?? null) : null,
      identical: ran && all.size === 1,
    };
  }
}

export interface Ratio {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

const configOf = (row: SimdRow, label: string): SimdConfigResult | undefined => row.configs.find((c) => c.label === label);

/**
 * `a` ÷ `b` round by round (they ran side by side in each round), then the median and range of
 * those ratios; null when either is missing or failed.
 */
export function roundRatio(row: SimdRow, a: string, b: string): Ratio | null {
  const x = configOf(row, a),
    y = configOf(row, b);
  if (!x || !y || x.error || y.error) return null;
  const r = x.samplesMs.flatMap((ms, k) => {
    const d = y.samplesMs[k];
    return d === undefined ? [] : [ms / d];
  });
  if (!r.length) return null;
  return { median: median(r), min: Math.min(...r), max: Math.max(...r) };
}

export const ratioText = (r: Ratio | null): string => (r ? `${r.median.toFixed(2)}× (${r.min.toFixed(2)}–${r.max.toFixed(2)}×)` : '–');

/** Peers of a row whose output was plausible, each with its ratio to Tilelab's SIMD kernel on one worker. */
export function peerRatios(row: SimdRow): { label: string; ratio: Ratio; plausible: boolean }[] {
  const simd1 = tilelabLabel('simd', 1);
  return row.configs.flatMap((c) => {
    if (c.kind !== 'peer') return [];
    const ratio = roundRatio(row, c.label, simd1);
    return ratio ? [{ label: c.label, ratio, plausible: c.check?.plausible ?? false }] : [];
  });
}

/** The point filters whose one-worker SIMD time the issue holds to a plain copy's. */
const COPY_BOUND = ['grayscale', 'invert', 'brightness', 'contrast', 'sepia'];
/** A filter this close to a copy's time is limited by moving its pixels. */
export const COPY_FACTOR = 2.5;

/** The issue's targets for the WebAssembly kernels, each from this run's side-by-side ratios. */
export function simdTargets(rows: readonly SimdRow[], cores: number): Target[] {
  const out: Target[] = [];
  const n = Math.max(1, cores);
  const js1 = tilelabLabel('js', 1),
    simd1 = tilelabLabel('simd', 1),
    simdN = tilelabLabel('simd', n);
  const missing = (what: string): string => `not measured (${what})`;
  for (const row of rows) {
    const at = `${row.filter} ${row.megapixels} MP`;
    const failed = row.configs.find((c) => c.kind === 'tilelab' && c.error);
    const why = failed ? `${failed.label} failed: ${failed.error ?? ''}` : 'no runs';
    out.push({
      target: `${at}: SIMD and JavaScript give the same SHA-256 (every run, 1 and ${n} workers)`,
      value: row.identical ? 'same' : failed ? missing(why) : 'DIFFERENT',
      holds: row.identical,
    });

    // Per core, at least as fast as the fastest peer that has the filter (plausible output only).
    const peers = peerRatios(row).filter((p) => p.plausible);
    const fastest = peers.reduce<(typeof peers)[number] | null>((a, p) => (!a || p.ratio.median < a.ratio.median ? p : a), null);
    if (fastest)
      out.push({
        target: `${at}: SIMD ×1 at least as fast as the fastest peer (${fastest.label})`,
        value: `${fastest.label} takes ${ratioText(fastest.ratio)} SIMD ×1's time`,
        holds: fastest.ratio.median >= 1,
      });
    else if (row.configs.some((c) => c.kind === 'peer'))
      out.push({
        target: `${at}: SIMD ×1 at least as fast as the fastest peer`,
        value: missing(failed ? why : 'no plausible peer'),
        holds: false,
      });

    const spec = row.spec;
    if (spec.kind === 'median' && spec.radius === 3) {
      const cv = roundRatio(row, peerLabel('opencv'), simd1);
      if (configOf(row, peerLabel('opencv')))
        out.push({
          target: `${at}: SIMD ×1 ≥ 3× faster than OpenCV.js`,
          value: cv ? ratioText(cv) : missing(why),
          holds: (cv?.median ?? 0) >= 3,
        });
    }
    if (spec.kind === 'median' && (spec.radius === 3 || spec.radius === 8)) {
      const goal = spec.radius === 3 ? 10 : 3;
      const x = roundRatio(row, js1, simd1);
      out.push({
        target: `${at}: SIMD ≥ ${goal}× the JavaScript kernel on one worker`,
        value: x ? ratioText(x) : missing(why),
        holds: (x?.median ?? 0) >= goal,
      });
    }
    if (spec.kind === 'blur' && spec.sigma === 4) {
      const x = roundRatio(row, CSS_LABEL, simdN);
      for (const [goal, name] of [
        [3, 'target'],
        [5, 'moonshot'],
      ] as const)
        out.push({
          target: `${at}: SIMD ×${n} ≥ ${goal}× faster than ctx.filter (${name})`,
          value: x ? ratioText(x) : missing(why),
          holds: (x?.median ?? 0) >= goal,
        });
    }
    if (COPY_BOUND.includes(spec.kind) && isPoint(spec)) {
      const x = roundRatio(row, simd1, copyLabel(1));
      out.push({
        target: `${at}: SIMD ×1 ≤ ${COPY_FACTOR}× the time of a plain copy of the image (1 worker)`,
        value: x ? ratioText(x) : missing(why),
        holds: x !== null && x.median <= COPY_FACTOR,
      });
    }
    if ((spec.kind === 'median' || spec.kind === 'blur') && n > 1) {
      const x = roundRatio(row, simd1, simdN);
      out.push({
        target: `${at}: SIMD speedup from 1 to ${n} workers ≥ ${(0.85 * n).toFixed(2)}× (0.85·N)`,
        value: x ? ratioText(x) : missing(why),
        holds: (x?.median ?? 0) >= 0.85 * n,
      });
    }
  }
  return out;
}

const msText = (ms: number): string =>
  !Number.isFinite(ms) ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
const cellText = (c: SimdConfigResult | undefined): string => {
  if (!c) return '';
  if (c.error) return 'failed (below)';
  const flag = c.check && !c.check.plausible ? ' (implausible output)' : '';
  return `${msText(c.medianMs)} (${msText(c.minMs)}–${msText(c.maxMs)})${flag}`;
};

export interface SimdSection {
  readonly rows: readonly SimdRow[];
  readonly cores: number;
  readonly repeats: number;
  readonly tile: number;
  /** What each peer library is (version, SIMD, threads), as it reported itself. */
  readonly peers: Partial<Record<PeerLibrary, string>>;
}

/** The section as markdown: times with their spread, the side-by-side ratios, and what each peer call includes. */
export function simdMarkdown(s: SimdSection): string {
  const n = Math.max(1, s.cores);
  const order: SimdConfig['kind'][] = ['tilelab', 'copy', 'css', 'peer'];
  const labels = [
    ...new Set(
      s.rows
        .flatMap((r) => r.configs)
        .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
        .map((c) => c.label),
    ),
  ];
  let md = `\n## WebAssembly SIMD\n\n`;
  md +=
    `Tilelab's JavaScript (JS) and WebAssembly SIMD kernels, parallel mode, shared memory, tile ${s.tile} px, on 1 and ${n} workers ` +
    `(the run's wall time: first tile handed out to last tile written); ` +
    `a plain copy of the image (copy: each worker copies its share of the source plane into the destination in one \`set\`, src/engine/yardstick.ts: ` +
    `the memory's own speed, without the per-tile work of a run); the browser's ctx.filter (drawImage of the photo's ImageBitmap with the filter, ` +
    `finished by reading one pixel back); and the peer libraries, one core each, on the same pixels. ` +
    `Median (min–max) of ${s.repeats} interleaved rounds after a warm-up round, each round in a rotated order.\n\n`;
  md += `| image | filter | ${labels.join(' | ')} |\n|${'---|'.repeat(labels.length + 2)}\n`;
  for (const r of s.rows) md += `| ${r.megapixels} MP | ${r.filter} | ${labels.map((l) => cellText(configOf(r, l))).join(' | ')} |\n`;

  const js1 = tilelabLabel('js', 1),
    simd1 = tilelabLabel('simd', 1),
    jsN = tilelabLabel('js', n),
    simdN = tilelabLabel('simd', n);
  const peerLabels = [...new Set(s.rows.flatMap((r) => r.configs.filter((c) => c.kind === 'peer').map((c) => c.label)))];
  const cols: [string, (r: SimdRow) => Ratio | null][] = [
    [`${js1} ÷ ${simd1} (SIMD's speedup)`, (r) => roundRatio(r, js1, simd1)],
    [`${simd1} ÷ ${copyLabel(1)}`, (r) => roundRatio(r, simd1, copyLabel(1))],
    ...(n > 1
      ? ([
          [`${js1} ÷ ${jsN} (JS speedup)`, (r: SimdRow) => roundRatio(r, js1, jsN)],
          [`${simd1} ÷ ${simdN} (SIMD speedup)`, (r: SimdRow) => roundRatio(r, simd1, simdN)],
        ] as [string, (r: SimdRow) => Ratio | null][])
      : []),
    [`${CSS_LABEL} ÷ ${simdN}`, (r) => roundRatio(r, CSS_LABEL, simdN)],
    ...peerLabels.map((p): [string, (r: SimdRow) => Ratio | null] => [`${p} ÷ ${simd1}`, (r) => roundRatio(r, p, simd1)]),
  ];
  md += `\nRatios of wall times, round by round (the two ran in the same round), then median (min–max) over the rounds; above 1, the second is faster:\n\n`;
  md += `| image | filter | ${cols.map(([h]) => h).join(' | ')} |\n|${'---|'.repeat(cols.length + 2)}\n`;
  for (const r of s.rows) md += `| ${r.megapixels} MP | ${r.filter} | ${cols.map(([, f]) => ratioText(f(r))).join(' | ')} |\n`;

  const failures = s.rows.flatMap((r) => r.configs.filter((c) => c.error).map((c) => `${r.filter} ${c.label}: ${c.error ?? ''}`));
  if (failures.length) md += `\nFailed, and not measured further: ${failures.join('; ')}.\n`;
  md += `\nPixels: `;
  const bad = s.rows.filter((r) => !r.identical);
  md += bad.length
    ? `**SIMD and JavaScript differ, or did not both run, for ${bad.map((r) => r.filter).join(', ')}.**\n`
    : `every Tilelab run (JS and SIMD, 1 and ${n} workers) gave the same SHA-256 for its filter.\n`;

  const peerRows = s.rows.flatMap((r) => r.configs.filter((c) => c.kind === 'peer').map((c) => ({ r, c })));
  if (peerRows.length) {
    md += `\nPeers (${Object.entries(s.peers)
      .map(([lib, info]) => `${PEER_LIBRARIES[lib as PeerLibrary].label}: ${info}`)
      .join('; ')}). `;
    md +=
      'Each is timed in a bench-only page on the same painted pixels (same SHA-256 as the harness), already in the library’s own image ' +
      '(a Mat, a memory VipsImage): converting in and out is not timed. OpenCV.js writes into output Mats its warm-up run allocated. ' +
      'wasm-vips is lazy: its time includes building the pipeline and rendering it with copyMemory(), on one worker thread (concurrency 1) ' +
      'while the page’s thread waits for it. Output checked on 4096 pixels spread over the image against Tilelab’s (mean absolute difference, RGB or grey):\n\n';
    md += '| filter | peer | call | timed | differs from Tilelab by | plausible |\n|---|---|---|---|---|---|\n';
    for (const { r, c } of peerRows) {
      const k = c.check;
      md += `| ${r.filter} | ${c.label} | \`${c.call ?? ''}\` | ${c.note ?? ''} | ${k ? `${k.meanAbsDiff.toFixed(1)} levels (${k.bands} band${k.bands > 1 ? 's' : ''})` : '–'} | ${k ? (k.plausible ? 'yes' : `**no**: ${k.reason ?? ''}`) : '–'} |\n`;
    }
    md += `\nNot compared: wasm-vips sharpen() (a print sharpener on the L channel of LabS with a piecewise curve, not an unsharp mask of RGB); wasm-vips median(n) (in 0.0.19 it computes rank(n, n, n), so rank(n, n, n²/2) is timed instead).\n`;
  }
  return md;
}
