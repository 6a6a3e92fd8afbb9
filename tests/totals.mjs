/**
 * Totals over every runner's JSON report, as one line "N passed, M failed".
 * Usage: node tests/totals.mjs reports/vitest.json reports/playwright.json
 * A missing or unreadable report counts as one failure: a runner that crashed ran nothing.
 */
import { readFileSync } from 'node:fs';

export function countReport(path) {
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, note: `no readable report at ${path}` };
  }
  if ('numPassedTests' in report) {
    // Vitest (Jest-compatible JSON)
    return { passed: report.numPassedTests, failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0) };
  }
  if (report.stats && 'expected' in report.stats) {
    // Playwright: flaky tests passed on retry; unexpected ones failed.
    const s = report.stats;
    const setupErrors = (report.errors ?? []).length;
    return { passed: s.expected + s.flaky, failed: s.unexpected + setupErrors };
  }
  return { passed: 0, failed: 1, note: `unknown report format in ${path}` };
}

export function totals(paths) {
  const sum = { passed: 0, failed: 0, notes: [] };
  for (const p of paths) {
    const c = countReport(p);
    sum.passed += c.passed;
    sum.failed += c.failed;
    if (c.note) sum.notes.push(c.note);
  }
  return sum;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = totals(process.argv.slice(2));
  for (const n of t.notes) console.error(n);
  console.log(`${t.passed} passed, ${t.failed} failed`);
}
