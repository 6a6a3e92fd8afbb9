/// <reference types="node" />
/**
 * `npm run bench:simd`: the quick form of the SIMD section of `npm run bench` (no peers, no app):
 * the WebAssembly SIMD kernels against the JavaScript ones in real headless Chromium, on the
 * 12 MP photo-like sample. Every filter (defaults, plus median r=8) with each kernel on one worker
 * and on N (reported cores), a plain copy of the image on 1 and N workers, and the browser's
 * ctx.filter where there is one. One warm-up round, then --repeats rounds in a rotated order;
 * medians with min–max; every SIMD run must give the JavaScript run's SHA-256.
 *
 * Options: --repeats 5, --filters median,blur,…, --port 5177, --out bench/kernels
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { cssFilterOf, makeSpec } from '../src/core/filters.js';
import type { KernelChoice } from '../src/core/kernel-choice.js';
import { median } from '../src/core/stats.js';
import type { FilterSpec } from '../src/core/types.js';
import { launchOptions } from '../tests/chromium.js';
import { arg, chromiumVersion, fail, list } from './args.js';
import { benchFilters, TILE } from './plan.js';

const REPEATS = Number(arg('repeats', '5'));
const PORT = Number(arg('port', '5177'));
const OUT = arg('out', 'bench/kernels');
const [W, H] = [4000, 3000];
const specs: FilterSpec[] = [...benchFilters(list(arg('filters', ''))), makeSpec('median', { radius: 8 })].filter(
  (s, i, all) => all.findIndex((t) => JSON.stringify(t) === JSON.stringify(s)) === i,
);

const OUT_DIR = 'reports/bench-harness';
await build({ logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true, rollupOptions: { input: 'tests/browser/harness.html' } } });
let server: PreviewServer;
try {
  server = await preview({ build: { outDir: OUT_DIR }, preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
} catch (e) {
  fail(`cannot serve on 127.0.0.1:${PORT} (${String(e)}); pass --port N`);
}
const browser = await chromium.launch(launchOptions);
const page = await browser.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(`http://127.0.0.1:${PORT}/tests/browser/harness.html`);
await page.waitForFunction(() => document.body.dataset['ready'] === 'true');
const cores = await page.evaluate(() => navigator.hardwareConcurrency);
await page.evaluate(([w, h]) => window.tilelab.load(w, h), [W, H] as const);

type Cell = { kernel: KernelChoice; workers: number } | { copy: number } | { css: true };
const label = (c: Cell): string =>
  'copy' in c ? `copy ×${c.copy}` : 'css' in c ? 'ctx.filter' : `${c.kernel === 'simd' ? 'SIMD' : 'JS'} ×${c.workers}`;

async function measure(spec: FilterSpec, c: Cell): Promise<{ ms: number; digest: string | null }> {
  if ('copy' in c) return { ms: await page.evaluate((n) => window.tilelab.copyYardstick(n), c.copy), digest: null };
  if ('css' in c) return { ms: (await page.evaluate((f) => window.tilelab.browserFilter(f), spec)).ms, digest: null };
  const r = await page.evaluate(
    ([filter, kernel, workers, tileSize]) => window.tilelab.run({ filter, mode: 'parallel', kernel, workers, tileSize }),
    [spec, c.kernel, c.workers, TILE] as const,
  );
  if (r.outcome !== 'done' || r.settings.kernel !== c.kernel)
    throw new Error(`${JSON.stringify(spec)} ${label(c)}: ${r.outcome} ${r.error ?? ''} (${r.settings.kernel})`);
  return { ms: r.wallMs, digest: r.digest };
}

interface Row {
  spec: FilterSpec;
  cells: Record<string, { median: number; min: number; max: number; samples: number[] }>;
  identical: boolean;
}
const rows: Row[] = [];
const started = Date.now();
try {
  for (const spec of specs) {
    const cells: Cell[] = [
      { kernel: 'js', workers: 1 },
      { kernel: 'simd', workers: 1 },
      { kernel: 'js', workers: cores },
      { kernel: 'simd', workers: cores },
      { copy: 1 },
      { copy: cores },
      ...(cssFilterOf(spec) ? [{ css: true } as const] : []),
    ];
    const samples = new Map(cells.map((c) => [label(c), [] as number[]]));
    const digests = new Set<string>();
    for (let rep = -1; rep < REPEATS; rep++) {
      const k = Math.max(0, rep) % cells.length;
      for (const c of [...cells.slice(k), ...cells.slice(0, k)]) {
        const m = await measure(spec, c);
        if (m.digest) digests.add(m.digest);
        if (rep >= 0) samples.get(label(c))?.push(m.ms);
      }
    }
    const out: Row['cells'] = {};
    for (const [l, s] of samples) out[l] = { median: median(s), min: Math.min(...s), max: Math.max(...s), samples: s };
    rows.push({ spec, cells: out, identical: digests.size === 1 });
    console.log(
      JSON.stringify(spec),
      Object.entries(out)
        .map(([l, c]) => `${l} ${c.median.toFixed(1)}`)
        .join('  '),
      `identical=${digests.size === 1}`,
    );
  }
} finally {
  await browser.close();
  await new Promise<void>((r) => server.httpServer.close(() => r()));
}

const N = `×${cores}`;
const get = (r: Row, l: string) => r.cells[l] ?? { median: NaN, min: NaN, max: NaN, samples: [] };
/** slow ÷ fast: the medians' ratio, and the range the repeats allow. */
const ratio = (r: Row, slow: string, fast: string): string => {
  const a = get(r, slow),
    b = get(r, fast);
  return `${(a.median / b.median).toFixed(2)} (${(a.min / b.max).toFixed(2)}–${(a.max / b.min).toFixed(2)})`;
};
const ms = (c: { median: number; min: number; max: number }): string =>
  `${c.median.toFixed(c.median < 100 ? 1 : 0)} (${c.min.toFixed(0)}–${c.max.toFixed(0)})`;
const name = (s: FilterSpec): string => JSON.stringify(s).replace(/"/g, '');
const machine = `${os.cpus().at(0)?.model ?? 'unknown'}, ${os.cpus().length} cores (browser reports ${cores}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${chromiumVersion(launchOptions.executablePath ?? chromium.executablePath())}; ${new Date().toISOString().slice(0, 10)}; ${W}×${H}, tile ${TILE} px, median (min–max) of ${REPEATS} rounds after a warm-up, ${((Date.now() - started) / 60000).toFixed(1)} min`;
const lines = [
  `# WebAssembly SIMD against JavaScript (npm run bench:simd)`,
  '',
  machine,
  '',
  `| filter | JS ×1 ms | SIMD ×1 ms | JS ${N} ms | SIMD ${N} ms | copy ×1 ms | copy ${N} ms | ctx.filter ms | SIMD÷JS ×1 | SIMD ×1 ÷ copy ×1 | SIMD ${N} speedup | same bytes |`,
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${name(r.spec)} | ${ms(get(r, 'JS ×1'))} | ${ms(get(r, 'SIMD ×1'))} | ${ms(get(r, `JS ${N}`))} | ${ms(get(r, `SIMD ${N}`))} | ${ms(get(r, 'copy ×1'))} | ${ms(get(r, `copy ${N}`))} | ${r.cells['ctx.filter'] ? ms(get(r, 'ctx.filter')) : '–'} | ${ratio(r, 'JS ×1', 'SIMD ×1')}× | ${(get(r, 'SIMD ×1').median / get(r, 'copy ×1').median).toFixed(1)}× | ${ratio(r, 'SIMD ×1', `SIMD ${N}`)}× | ${r.identical ? 'yes' : '**no**'} |`,
  ),
  '',
];
const blur = rows.find((r) => r.spec.kind === 'blur');
if (blur?.cells['ctx.filter'])
  lines.push(`ctx.filter blur ÷ SIMD ${N} blur (σ=4): ${ratio(blur, 'ctx.filter', `SIMD ${N}`)}× (target ≥ 3×).`, '');
writeFileSync(`${OUT}.md`, lines.join('\n') + '\n');
writeFileSync(`${OUT}.json`, JSON.stringify({ machine, cores, rows }, null, 2) + '\n');
console.log('\n' + lines.join('\n'));
if (rows.some((r) => !r.identical)) fail('a SIMD run gave other bytes than the JavaScript run');
