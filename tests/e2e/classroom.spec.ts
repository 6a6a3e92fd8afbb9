import { expect, test, type Page } from '@playwright/test';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

async function runMode(page: Page, mode: 'Parallel' | 'Concurrent' | 'Blocking'): Promise<void> {
  await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText(/finished in [\d.]+ (ms|s)/);
}

test('without requestIdleCallback and SharedArrayBuffer every mode still works, and the page says why', async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as { requestIdleCallback?: unknown }).requestIdleCallback;
    delete (window as { SharedArrayBuffer?: unknown }).SharedArrayBuffer;
  });
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
  await expect(page.getByText('Shared memory (SharedArrayBuffer) is not available here')).toBeVisible();
  await expect(page.getByText('This browser has no requestIdleCallback')).toBeVisible();
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Sobel edges' });
  for (const mode of ['Parallel', 'Concurrent', 'Blocking'] as const) await runMode(page, mode);
  await expect(page.locator('tl-wall-chart p.summary')).toContainText('Parallel ×2 (messages) took');
  await expect(page.getByRole('list', { name: 'Do runs agree?' })).toContainText('Identical: all 3 runs');
});

test('a run makes no network request and breaks no content-security rule', async ({ page }) => {
  await page.addInitScript(() => {
    (window as { cspViolations?: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto('/');
  await expect(status(page)).toContainText('Ready to run');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  // Compiling WebAssembly is allowed, evaluating JavaScript is not.
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(csp).not.toContain("'unsafe-eval'");
  // A light filter: this test is about requests and rules, not about how long a run takes.
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Sobel edges' });
  // Warm up: the first run of each mode may still fetch the app's own worker scripts.
  for (const mode of ['Parallel', 'Concurrent', 'Blocking'] as const) await runMode(page, mode);

  // From Run to the end of the run, nothing may go over the network: not the photo, not anything.
  const requests: string[] = [];
  let recording = false;
  page.on('request', (r) => recording && requests.push(`${r.method()} ${r.url()}`));
  for (const mode of ['Blocking', 'Concurrent', 'Parallel'] as const) {
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
    recording = true;
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(status(page)).toContainText(/finished in [\d.]+ (ms|s)/);
    recording = false;
  }
  expect(requests).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  // The runs compiled and ran the WebAssembly SIMD kernels under this policy.
  await expect(page.getByLabel('Kernel', { exact: true })).toHaveValue('simd');
  await expect(page.locator('tl-runs-table tbody tr').first()).toContainText('WebAssembly SIMD');
});
