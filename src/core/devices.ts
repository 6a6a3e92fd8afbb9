/**
 * "Compare devices": a class's exported JSON files, read back into one speedup curve per device.
 * Everything here is pure so a table of files (good, old, foreign, broken) tests it.
 */
import { messageOf } from './errors.js';
import { describeSpec, isFilterKind, type FilterSpec } from './filters.js';
import { EXPORT_FORMAT, type DeviceInfo } from './record.js';
import { median } from './stats.js';

/** The browser's name and version from a user-agent string, for browsers without `userAgentData`. */
export function browserFromUserAgent(ua: string): string {
  // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
  const rules: readonly [RegExp, string][] = [
    [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
    [/OPR\/(\d+)/, 'Opera'],
    [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/FxiOS\/(\d+)/, 'Firefox'],
    [/CriOS\/(\d+)/, 'Chrome'],
    [/Chrome\/(\d+)/, 'Chrome'],
    [/Version\/(\d+(?:\.\d+)?).*Safari\//, 'Safari'],
  ];
  for (const [re, name] of rules) {
    const m = re.exec(ua);
    if (m?.[1]) return `${name} ${m[1]}`;
  }
  return 'Unknown browser';
}

/** The platform from a user-agent string, as `userAgentData.platform` would name it. */
export function platformFromUserAgent(ua: string): string {
  const rules: readonly [RegExp, string][] = [
    [/Android/, 'Android'],
    [/iPhone|iPad|iPod/, 'iOS'],
    [/CrOS/, 'Chrome OS'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/Linux/, 'Linux'],
  ];
  return rules.find(([re]) => re.test(ua))?.[1] ?? '';
}

/** A brand list (`navigator.userAgentData.brands`): the real browser, not "Chromium" or a GREASE entry. */
export function browserFromBrands(brands: readonly { readonly brand: string; readonly version: string }[]): string | null {
  const real = brands.filter((b) => !/not.?a.?brand/i.test(b.brand));
  const pick = real.find((b) => b.brand !== 'Chromium') ?? real[0];
  if (!pick) return null;
  const name = pick.brand === 'Google Chrome' ? 'Chrome' : pick.brand === 'Microsoft Edge' ? 'Edge' : pick.brand;
  return `${name} ${pick.version}`;
}

export const deviceLabel = (d: DeviceInfo): string =>
  `${d.browser}${d.platform ? ` on ${d.platform}` : ''}, ${d.cores} core${d.cores === 1 ? '' : 's'}, SIMD ${d.simd ? 'yes' : 'no'}`;

export interface CurvePoint {
  readonly workers: number;
  readonly speedup: number;
}

/** One device's line on the chart, and where it came from. */
export interface DeviceCurve {
  readonly file: string;
  /** null for an old export (a bare list of runs), which did not record the device. */
  readonly device: DeviceInfo | null;
  /** What the curve measured, e.g. "the cores experiment" or "Sobel edges on lake.jpg (JavaScript)". */
  readonly source: string;
  readonly points: readonly CurvePoint[];
}

export type ParsedExport = { readonly ok: true; readonly curve: DeviceCurve } | { readonly ok: false; readonly message: string };

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The fields of an exported run that a speedup needs; anything else in the file is ignored. */
interface RunFacts {
  /** A finished whole-photo run in the pool: the same work at every worker count. */
  readonly timed: boolean;
  readonly photo: string;
  readonly filter: string;
  readonly kernel: string;
  readonly memory: string;
  readonly workers: number;
  readonly wallMs: number;
}

function filterText(v: unknown): string | null {
  if (!isObj(v) || typeof v['kind'] !== 'string') return null;
  if (!isFilterKind(v['kind'])) return v['kind'];
  try {
    return describeSpec(v as unknown as FilterSpec);
  } catch {
    return v['kind'];
  }
}

/** A run record as the page exports it, or null for anything that is not one. */
function runFacts(v: unknown): RunFacts | null {
  if (!isObj(v) || !isObj(v['settings']) || !isObj(v['photo'])) return null;
  const s = v['settings'];
  const photo = str(v['photo']['name']);
  const filter = filterText(s['filter']);
  const workers = num(s['workers']);
  const wallMs = num(v['wallMs']);
  const mode = str(s['mode']);
  const outcome = str(v['outcome']);
  if (photo === null || filter === null || workers === null || wallMs === null || mode === null || outcome === null) return null;
  const timed = mode === 'parallel' && outcome === 'done' && (s['region'] ?? null) === null && wallMs > 0 && workers >= 1;
  return { timed, photo, filter, kernel: str(s['kernel']) ?? 'js', memory: str(s['memory']) ?? 'shared', workers, wallMs };
}

const KERNEL_LABEL: Readonly<Record<string, string>> = { js: 'JavaScript', simd: 'WebAssembly SIMD' };

/**
 * From finished parallel runs: for each photo, filter, kernel and memory model with a 1-worker
 * run and another worker count, speedup = median 1-worker wall ÷ median N-worker wall. The group
 * with the most worker counts (then the most runs) stands for the device.
 */
function curveFromRuns(runs: readonly RunFacts[]): { source: string; points: CurvePoint[] } | null {
  const groups = new Map<string, { facts: RunFacts; byWorkers: Map<number, number[]>; n: number }>();
  for (const r of runs) {
    if (!r.timed) continue;
    const key = JSON.stringify([r.photo, r.filter, r.kernel, r.memory]);
    const g = groups.get(key) ?? { facts: r, byWorkers: new Map<number, number[]>(), n: 0 };
    g.byWorkers.set(r.workers, [...(g.byWorkers.get(r.workers) ?? []), r.wallMs]);
    g.n++;
    groups.set(key, g);
  }
  const usable = [...groups.values()].filter((g) => g.byWorkers.has(1) && g.byWorkers.size >= 2);
  usable.sort((a, b) => b.byWorkers.size - a.byWorkers.size || b.n - a.n);
  const best = usable[0];
  if (!best) return null;
  const base = median(best.byWorkers.get(1) ?? []);
  const points = [...best.byWorkers]
    .map(([workers, ms]) => ({ workers, speedup: base / median(ms) }))
    .sort((a, b) => a.workers - b.workers);
  const { filter, photo, kernel, memory } = best.facts;
  const how = [KERNEL_LABEL[kernel] ?? kernel, memory === 'message' ? 'message passing' : ''].filter(Boolean).join(', ');
  return { source: `${filter} on ${photo} (${how})`, points };
}

/** The cores experiment's points, where the export has a finished one with a 1-worker point. */
function curveFromCores(v: unknown): CurvePoint[] | null {
  if (!isObj(v) || v['kind'] !== 'cores' || !Array.isArray(v['points'])) return null;
  const list: readonly unknown[] = v['points'];
  const points = list.flatMap((p) => {
    if (!isObj(p)) return [];
    const workers = num(p['workers']);
    const speedup = num(p['speedup']);
    return workers !== null && speedup !== null && workers >= 1 && speedup > 0 ? [{ workers, speedup }] : [];
  });
  return points.some((p) => p.workers === 1) && points.length >= 2 ? points.sort((a, b) => a.workers - b.workers) : null;
}

function deviceOf(v: unknown): DeviceInfo | null {
  if (!isObj(v)) return null;
  const cores = num(v['cores']);
  const browser = str(v['browser']);
  if (cores === null || browser === null || typeof v['simd'] !== 'boolean') return null;
  return { cores, browser, platform: str(v['platform']) ?? '', simd: v['simd'] };
}

const quoted = (name: string): string => `“${name}”`;

/**
 * One exported file: the current format (device, runs, experiments) or an old one (a bare list of
 * runs). A file that cannot give a curve says why, naming the file.
 */
export function parseExport(file: string, text: string): ParsedExport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${quoted(file)} is not JSON, so it is not a Tilelab export (${messageOf(e)}).` };
  }
  const foreign = { ok: false, message: `${quoted(file)} is JSON but not a Tilelab export: it has no list of runs.` } as const;
  let list: readonly unknown[];
  let device: DeviceInfo | null = null;
  let cores: CurvePoint[] | null = null;
  if (Array.isArray(data)) list = data;
  else if (isObj(data) && data['format'] === EXPORT_FORMAT && Array.isArray(data['runs'])) {
    list = data['runs'];
    device = deviceOf(data['device']);
    cores = curveFromCores(isObj(data['experiments']) ? data['experiments']['cores'] : undefined);
  } else return foreign;
  const facts = list.map(runFacts);
  // An empty list is still a Tilelab export when the file says so; a list of other things is not.
  if (facts.some((f) => f === null) || (list.length === 0 && Array.isArray(data))) return foreign;
  if (cores) return { ok: true, curve: { file, device, source: 'the cores experiment', points: cores } };
  const fromRuns = curveFromRuns(facts.filter((f): f is RunFacts => f !== null));
  if (!fromRuns)
    return {
      ok: false,
      message: `${quoted(file)} is a Tilelab export, but it has no parallel runs of one photo and filter at 1 worker and another worker count (nor a cores experiment), so it gives no speedup.`,
    };
  return { ok: true, curve: { file, device, ...fromRuns } };
}

/** One sentence per device for the chart's text alternative: its best speedup and where it came from. */
export function devicesSummary(curves: readonly DeviceCurve[]): string {
  if (!curves.length) return 'Open exported JSON files to compare devices.';
  const lines = curves.map((c) => {
    const best = c.points.reduce((a, b) => (b.speedup > a.speedup ? b : a));
    const who = c.device ? deviceLabel(c.device) : 'device not recorded';
    return `${c.file} (${who}): best ${best.speedup.toFixed(2)}× on ${best.workers} worker${best.workers === 1 ? '' : 's'}, from ${c.source}.`;
  });
  return `${lines.join(' ')} The ideal is n× on n workers.`;
}
