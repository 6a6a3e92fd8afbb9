/**
 * `npm test`: unit tests (Vitest, Node), then browser and end-to-end tests (Playwright, real
 * Chromium). Finds a browser first: the system Chromium, else Playwright's own, installed on
 * first use. Both runners always run; the exit code says whether any test failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { totals } from './totals.mjs';

const REPORTS = ['reports/vitest.json', 'reports/playwright.json'];
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

function ensureBrowser() {
  if (existsSync('/usr/bin/chromium')) return;
  if (existsSync(chromium.executablePath())) return;
  console.log('No system Chromium: installing Playwright’s own (first run only).');
  if (run('npx', ['playwright', 'install', 'chromium']) !== 0) {
    console.error('Could not install a browser. On Debian or Ubuntu: apt-get install -y chromium');
    process.exit(1);
  }
}

mkdirSync('reports', { recursive: true });
for (const r of REPORTS) rmSync(r, { force: true });
ensureBrowser();
const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json']);
const browser = run('npx', ['playwright', 'test', ...process.argv.slice(2)]);
const t = totals(REPORTS);
console.log(`\nAll runners: ${t.passed} passed, ${t.failed} failed`);
process.exit(unit !== 0 || browser !== 0 || t.failed > 0 ? 1 : 0);
