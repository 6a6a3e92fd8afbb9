/**
 * `npm run bench`: real headless Chromium, photo-like 12 MP and 24 MP images made by the
 * project's sample painter. For every filter: median wall time of blocking, concurrent and
 * parallel with 1, 2, … N and 2N workers (N = reported cores), and the browser's ctx.filter
 * where one exists; the longest main-thread task of each. Configurations are interleaved within
 * each repeat so that a noisy neighbour slows all of them alike; figures are ratios from one run.
 *
 * Options: --repeats R (default 3), --sizes 12,24 (megapixels), --filters median,blur,…
 * Writes bench/results.json and bench/results.md.
 */
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const REPEATS = Number(arg('repeats', '3'));
const SIZES = { 12: [4000, 3000], 24: [6000, 4000] };
const sizes = arg('sizes', '12,24').split(',').map(Number);
const FILTERS = {
  median: { kind: 'median', radius: 3 },
  blur: { kind: 'blur', sigma: 4 },
  sharpen: { kind: 'sharpen', amount: 1, sigma: 2 },
  sobel: { kind: 'sobel' },
  grayscale: { kind: 'grayscale', amount: 1 },
  sepia: { kind: 'sepia', amount: 1 },
  invert: { kind: 'invert', amount: 1 },
  brightness: { kind: 'brightness', amount: 1.5 },
  contrast: { kind: 'contrast', amount: 1.5 },
};
const filters = arg('filters', Object.keys(FILTERS).join(',')).split(',');
const POINT = new Set(['grayscale', 'sepia', 'invert', 'brightness', 'contrast']);
const CSS = new Set([...POINT, 'blur']);

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function chromiumVersion(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

// No file watching: an edit while the benchmark runs must not reload the page under it.
const server = await createServer({ server: { port: 5175, strictPort: true, host: '127.0.0.1', watch: null, hmr: false }, logLevel: 'warn' });
await server.listen();
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto('http://127.0.0.1:5175/tests/browser/harness.html');
await page.waitForFunction(() => document.body.dataset.ready === 'true');
const cores = await page.evaluate(() => navigator.hardwareConcurrency);
const workerCounts = [...new Set([...Array.from({ length: cores }, (_, i) => i + 1), 2 * cores])];

/** Tiles small against the 50 ms idle period, so a slice can run up to its deadline. */
const SMALL_TILE = 64;
const configs = (name) => [
  { label: 'blocking', settings: { mode: 'blocking' } },
  { label: 'concurrent', settings: { mode: 'concurrent' } },
  { label: `blocking@${SMALL_TILE}`, settings: { mode: 'blocking', tileSize: SMALL_TILE } },
  { label: `concurrent@${SMALL_TILE}`, settings: { mode: 'concurrent', tileSize: SMALL_TILE } },
  ...workerCounts.map((w) => ({ label: `parallel×${w}`, settings: { mode: 'parallel', workers: w } })),
  ...(CSS.has(name) ? [{ label: 'ctx.filter', css: true }] : []),
];

async function measure(name, cfg) {
  const filter = FILTERS[name];
  if (cfg.css) return { wall: await page.evaluate(async (f) => (await window.tilelab.browserFilter(f)).ms, filter), longest: null, digest: null };
  const r = await page.evaluate(([filter, s]) => window.tilelab.run({ filter, tileSize: 256, ...s }), [filter, cfg.settings]);
  if (r.outcome !== 'done') throw new Error(`${name} ${cfg.label}: ${r.outcome} ${r.error ?? ''}`);
  return { wall: r.wallMs, longest: r.longestTaskMs, digest: r.digest };
}

const results = [];
const started = Date.now();
for (const mp of sizes) {
  const [w, h] = SIZES[mp];
  const t0 = Date.now();
  await page.evaluate(([w, h]) => window.tilelab.load(w, h), [w, h]);
  console.log(`\n${mp} MP (${w}×${h}) ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  for (const name of filters) {
    const cfgs = configs(name);
    const samples = new Map(cfgs.map((c) => [c.label, { wall: [], longest: [], digests: new Set() }]));
    for (let rep = -1; rep < REPEATS; rep++) {
      // Rotate the order each repeat, so no configuration always runs first or last.
      const order = cfgs.map((_, i) => cfgs[(i + Math.max(0, rep)) % cfgs.length]);
      for (const cfg of order) {
        const m = await measure(name, cfg);
        if (rep < 0) continue; // warm-up: JIT, worker start-up, page faults
        const s = samples.get(cfg.label);
        s.wall.push(m.wall);
        if (m.longest !== null) s.longest.push(m.longest);
        if (m.digest) s.digests.add(m.digest);
      }
    }
    const row = { megapixels: mp, width: w, height: h, filter: name, spec: FILTERS[name], configs: {} };
    for (const [label, s] of samples)
      row.configs[label] = { medianMs: median(s.wall), samplesMs: s.wall, longestTaskMs: s.longest.length ? Math.max(...s.longest) : null };
    const digests = new Set([...samples.values()].flatMap((s) => [...s.digests]));
    row.identicalOutput = digests.size === 1;
    const one = row.configs['parallel×1'].medianMs;
    for (const wkr of workerCounts) row.configs[`parallel×${wkr}`].speedup = one / row.configs[`parallel×${wkr}`].medianMs;
    results.push(row);
    console.log(`${name.padEnd(10)} ` + Object.entries(row.configs).map(([k, v]) => `${k} ${v.medianMs.toFixed(0)}ms`).join('  ') + `  identical=${row.identicalOutput}`);
  }
}

// "How many cores?": the median filter on 12 MP with 1…2N workers, Amdahl's law fitted to 1…N.
let coresSweep = null;
if (filters.includes('median') && sizes.includes(12)) {
  const [w, h] = SIZES[12];
  await page.evaluate(([w, h]) => window.tilelab.load(w, h), [w, h]);
  const counts = Array.from({ length: 2 * cores }, (_, i) => i + 1);
  const samples = new Map(counts.map((n) => [n, []]));
  for (let rep = -1; rep < REPEATS; rep++) {
    for (const n of counts) {
      const r = await page.evaluate(([n]) => window.tilelab.run({ filter: { kind: 'median', radius: 3 }, mode: 'parallel', workers: n }), [n]);
      if (rep >= 0) samples.get(n).push(r.wallMs);
    }
  }
  const points = counts.map((n) => ({ workers: n, medianMs: median(samples.get(n)), samplesMs: samples.get(n) }));
  const fit = await page.evaluate((t) => window.tilelab.fitAmdahl(t), points.filter((p) => p.workers <= cores).map((p) => ({ workers: p.workers, ms: p.medianMs })));
  coresSweep = { image: '12 MP', filter: FILTERS.median, points: points.map((p) => ({ ...p, speedup: points[0].medianMs / p.medianMs })), fit };
  console.log(`cores sweep: ${coresSweep.points.map((p) => `${p.workers}: ${p.medianMs.toFixed(0)} ms (${p.speedup.toFixed(2)}×)`).join(', ')}; serial fraction ${(fit.serialFraction * 100).toFixed(1)}%`);
}

/**
 * Peak memory: the summed resident size of every Chromium process, sampled every 50 ms while a
 * photo is loaded and filtered once in each mode (invert, so the time goes to memory traffic).
 */
function chromiumRssBytes() {
  try {
    const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss='], { encoding: 'utf8' });
    return out.split('\n').reduce((s, l) => s + (Number(l.trim()) || 0), 0) * 1024;
  } catch {
    return NaN;
  }
}

const memory = [];
if (!arg('sizes', '') || sizes.includes(24)) {
  for (const [label, w, h] of [['24 MP', 6000, 4000], ['100 MP', 10000, 10000]]) {
    await page.evaluate(() => window.tilelab.load(16, 16)); // let the previous photo go
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    const baseline = chromiumRssBytes();
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, chromiumRssBytes())), 50);
    await page.evaluate(([w, h]) => window.tilelab.load(w, h), [w, h]);
    const runs = {};
    for (const s of [{ mode: 'parallel', workers: cores }, { mode: 'concurrent' }, { mode: 'blocking' }]) {
      const r = await page.evaluate(([s]) => window.tilelab.run({ filter: { kind: 'invert', amount: 1 }, tileSize: 512, ...s }), [s]);
      runs[s.mode] = { outcome: r.outcome, wallMs: r.wallMs };
    }
    clearInterval(timer);
    peak = Math.max(peak, chromiumRssBytes());
    memory.push({ image: label, width: w, height: h, baselineBytes: baseline, peakBytes: peak, runs });
    console.log(`memory ${label}: peak ${(peak / 2 ** 30).toFixed(2)} GiB (baseline ${(baseline / 2 ** 30).toFixed(2)} GiB); ${Object.entries(runs).map(([m, r]) => `${m} ${r.outcome} ${r.wallMs.toFixed(0)} ms`).join(', ')}`);
  }
}

await browser.close();
await server.close();

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  reportedCores: cores,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  chromium: chromiumVersion(executablePath ?? chromium.executablePath()),
  date: new Date().toISOString(),
  repeats: REPEATS,
  minutes: ((Date.now() - started) / 60000).toFixed(1),
};

/** The issue's targets, each judged from this run's ratios. */
function targets() {
  const out = [];
  const n = cores;
  for (const r of results) {
    const c = r.configs;
    const sp = c[`parallel×${n}`].speedup;
    if (r.filter === 'median' || r.filter === 'blur')
      out.push({ target: `${r.filter} ${r.megapixels} MP: ${n} workers ≥ 1.9× one worker`, value: `${sp.toFixed(2)}×`, holds: sp >= 1.9 });
    if (POINT.has(r.filter)) {
      out.push({ target: `${r.filter} ${r.megapixels} MP: ${n} workers ≥ 1.8× one worker`, value: `${sp.toFixed(2)}×`, holds: sp >= 1.8 });
      const vs = c['ctx.filter'].medianMs / c['parallel×1'].medianMs;
      out.push({ target: `${r.filter} ${r.megapixels} MP: one worker at least as fast as ctx.filter`, value: `${vs.toFixed(2)}× ctx.filter's speed`, holds: vs >= 1 });
    }
    if (r.filter === 'blur') {
      const vs = c['ctx.filter'].medianMs / c[`parallel×${n}`].medianMs;
      out.push({ target: `blur σ=4 ${r.megapixels} MP: ${n} workers ≥ 2× faster than ctx.filter`, value: `${vs.toFixed(2)}×`, holds: vs >= 2 });
    }
    for (const [conc, block, note] of [[c.concurrent, c.blocking, '256 px tiles'], [c[`concurrent@${SMALL_TILE}`], c[`blocking@${SMALL_TILE}`], `${SMALL_TILE} px tiles`]]) {
      out.push({ target: `${r.filter} ${r.megapixels} MP, ${note}: concurrent longest task ≤ 50 ms`, value: `${conc.longestTaskMs.toFixed(1)} ms`, holds: conc.longestTaskMs <= 50 });
      const ratio = conc.medianMs / block.medianMs;
      out.push({ target: `${r.filter} ${r.megapixels} MP, ${note}: concurrent wall ≤ 1.15× blocking`, value: `${ratio.toFixed(2)}×`, holds: ratio <= 1.15 });
    }
    const longest = Math.max(...workerCounts.map((w) => c[`parallel×${w}`].longestTaskMs ?? 0));
    out.push({ target: `${r.filter} ${r.megapixels} MP: parallel, no main-thread long task`, value: `${longest.toFixed(0)} ms`, holds: longest < 50 });
    out.push({ target: `${r.filter} ${r.megapixels} MP: every mode byte-identical`, value: String(r.identicalOutput), holds: r.identicalOutput });
  }
  if (coresSweep)
    out.push({ target: 'median 12 MP, "How many cores?": fitted serial fraction ≤ 5%', value: `${(coresSweep.fit.serialFraction * 100).toFixed(1)}%`, holds: coresSweep.fit.serialFraction <= 0.05 });
  return out;
}

const judged = targets();
const fmt = (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);
const labels = [...new Set(results.flatMap((r) => Object.keys(r.configs)))];
let md = `Machine: ${machine.cpu}, ${machine.cores} cores (browser reports ${machine.reportedCores}), ${machine.memoryGiB} GiB, ${machine.chromium}, Node ${machine.node}; ${machine.date.slice(0, 10)}; median of ${REPEATS} interleaved repeats after one warm-up, tile 256 px.\n\n`;
md += `| image | filter | ${labels.join(' | ')} | speedup ×${cores} vs ×1 | longest main-thread task: blocking / concurrent / concurrent@${SMALL_TILE} / parallel |\n`;
md += `|${'---|'.repeat(labels.length + 4)}\n`;
for (const r of results) {
  const c = r.configs;
  const par = Math.max(...workerCounts.map((w) => c[`parallel×${w}`].longestTaskMs ?? 0));
  md += `| ${r.megapixels} MP | ${r.filter} | ${labels.map((l) => (c[l] ? fmt(c[l].medianMs) : '–')).join(' | ')} | ${c[`parallel×${cores}`].speedup.toFixed(2)}× | ${fmt(c.blocking.longestTaskMs)} / ${fmt(c.concurrent.longestTaskMs)} / ${fmt(c[`concurrent@${SMALL_TILE}`].longestTaskMs)} / ${fmt(par)} |\n`;
}
if (coresSweep) {
  md += `\n"How many cores?" (median r=3, 12 MP, tile 256 px): ${coresSweep.points.map((p) => `${p.workers} worker${p.workers > 1 ? 's' : ''} ${fmt(p.medianMs)} (${p.speedup.toFixed(2)}×)`).join(', ')}. `;
  md += `Amdahl fit over 1–${cores} workers: serial fraction ${(coresSweep.fit.serialFraction * 100).toFixed(1)}%, speedup limit ${Number.isFinite(coresSweep.fit.limit) ? coresSweep.fit.limit.toFixed(1) + '×' : 'unbounded'}.\n`;
}
md += `\n| target | measured | holds |\n|---|---|---|\n`;
for (const t of judged) md += `| ${t.target} | ${t.value} | ${t.holds ? 'yes' : '**no**'} |\n`;

if (memory.length) {
  md += `\nPeak memory of all Chromium processes while a photo is decoded and filtered (invert, 512 px tiles) once in each mode: `;
  md += memory.map((m) => `${m.image} ${(m.peakBytes / 2 ** 30).toFixed(2)} GiB (${((m.peakBytes - m.baselineBytes) / 2 ** 30).toFixed(2)} GiB above the idle page; parallel ${fmt(m.runs.parallel.wallMs)}, concurrent ${fmt(m.runs.concurrent.wallMs)}, blocking ${fmt(m.runs.blocking.wallMs)})`).join('; ') + '.\n';
}
writeFileSync('bench/results.json', JSON.stringify({ machine, results, coresSweep, memory, targets: judged }, null, 2) + '\n');
writeFileSync('bench/results.md', md);
console.log('\n' + md);
