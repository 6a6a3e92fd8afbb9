/// <reference types="node" />
/**
 * Lighthouse on the app as it ships: the preview build, served with its isolation headers, audited
 * with Lighthouse's default (mobile) settings in a fresh Chromium profile per run. Performance and
 * total blocking time vary from run to run on a shared machine, so it audits several times and
 * reports the median with min–max; the other categories must hold on every run.
 *
 *   npm run audit                    # 5 runs, writes reports/lighthouse/{summary.md,run-N.json,run-N.html}
 *   npm run audit -- --runs 3 --port 4190
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { build, preview } from 'vite';
import { launchOptions } from '../tests/chromium.js';
import { arg, chromiumVersion, fail } from './args.js';

/** The installed Lighthouse, as the summary names it. */
const LIGHTHOUSE_VERSION = (JSON.parse(await readFile('node_modules/lighthouse/package.json', 'utf8')) as { version: string }).version;
const RUNS = Number(arg('runs', '5'));
const PORT = Number(arg('port', '4190'));
const OUT = arg('out', 'reports/lighthouse');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];

/** What the issue asks of each category (scores out of 100) and of total blocking time (ms). */
const TARGETS: Record<Category, number> = { performance: 90, accessibility: 100, 'best-practices': 100, seo: 100 };
const TBT_TARGET_MS = 200;

interface AuditRun {
  readonly scores: Record<Category, number>;
  readonly tbtMs: number;
  readonly lcpMs: number;
  /** Audits that lost points outside performance: what to fix. */
  readonly failing: string[];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};
const spread = (xs: readonly number[], digits = 0): string =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

async function auditOnce(url: string, chromePath: string | undefined, n: number): Promise<AuditRun> {
  const chrome = await chromeLauncher.launch({
    ...(chromePath ? { chromePath } : {}),
    chromeFlags: launchOptions.args.map((a) => (a === '--headless' ? '--headless=new' : a)),
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: ['json', 'html'],
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) fail('Lighthouse returned nothing');
    const { lhr, report } = result;
    const [json, htmlReport] = Array.isArray(report) ? report : [report, ''];
    await writeFile(`${OUT}/run-${n}.json`, json ?? '');
    await writeFile(`${OUT}/run-${n}.html`, htmlReport ?? '');
    if (lhr.runtimeError) fail(`Lighthouse: ${lhr.runtimeError.message}`);
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<
      Category,
      number
    >;
    const failing = CATEGORIES.filter((c) => c !== 'performance').flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${c}: ${ref.id} (${lhr.audits[ref.id]?.title ?? ''})`),
    );
    return {
      scores,
      tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
      lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
      failing,
    };
  } finally {
    chrome.kill();
  }
}

await mkdir(OUT, { recursive: true });
console.log('Building the app…');
await build({ logLevel: 'warn' });
const server = await preview({ preview: { host: '127.0.0.1', port: PORT, strictPort: true }, logLevel: 'warn' });
const url = `http://127.0.0.1:${PORT}/`;
const chromePath = launchOptions.executablePath;
const runs: AuditRun[] = [];
try {
  for (let i = 1; i <= RUNS; i++) {
    const r = await auditOnce(url, chromePath, i);
    runs.push(r);
    console.log(
      `run ${i}: ${CATEGORIES.map((c) => `${c} ${r.scores[c]}`).join(', ')}; TBT ${r.tbtMs.toFixed(0)} ms, LCP ${r.lcpMs.toFixed(0)} ms`,
    );
    for (const f of r.failing) console.log(`  ${f}`);
  }
} finally {
  await new Promise<void>((done) => server.httpServer.close(() => done()));
}

const rows = CATEGORIES.map((c) => {
  const xs = runs.map((r) => r.scores[c]);
  const ok = c === 'performance' ? median(xs) >= TARGETS[c] : Math.min(...xs) >= TARGETS[c];
  return `| ${c} | ${spread(xs)} | ≥ ${TARGETS[c]} | ${ok ? 'holds' : '**missed**'} |`;
});
const tbt = runs.map((r) => r.tbtMs);
const lcp = runs.map((r) => r.lcpMs);
const summary = [
  `Lighthouse ${LIGHTHOUSE_VERSION} (mobile, simulated throttling), ${RUNS} runs, ${new Date().toISOString().slice(0, 10)}, ${chromiumVersion(chromePath ?? 'chromium')}, \`npm run audit\`:`,
  '',
  '| category | median (min–max) | target | |',
  '|---|---|---|---|',
  ...rows,
  `| total blocking time | ${spread(tbt)} ms | ≤ ${TBT_TARGET_MS} ms | ${median(tbt) <= TBT_TARGET_MS ? 'holds' : '**missed**'} |`,
  `| largest contentful paint | ${spread(lcp)} ms | – | |`,
  '',
].join('\n');
await writeFile(`${OUT}/summary.md`, summary);
console.log(`\n${summary}`);
process.exit(0);
