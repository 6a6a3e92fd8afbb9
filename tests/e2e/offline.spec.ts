import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { must } from '../fixtures.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const DIST = 'dist';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

/**
 * A plain static server for dist/: no isolation headers at all, like most school hosts.
 * `swSuffix` is appended to sw.js, to publish a "new version" of the service worker.
 */
async function plainServer(): Promise<{ url: string; server: Server; setSwSuffix: (s: string) => void }> {
  let swSuffix = '';
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path.endsWith('/') ? `${path}index.html` : path);
    try {
      let body = await readFile(file);
      if (path === '/sw.js' && swSuffix) body = Buffer.concat([body, Buffer.from(swSuffix)]);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  };
  const server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, server, setSwSuffix: (s) => (swSuffix = s) };
}

async function runEveryMode(page: Page): Promise<void> {
  await page.getByLabel('Filter', { exact: true }).selectOption({ label: 'Invert' });
  for (const mode of ['Parallel', 'Concurrent', 'Blocking'] as const) {
    await page.getByLabel('Mode', { exact: true }).selectOption({ label: mode });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(status(page)).toContainText(`${mode === 'Parallel' ? 'Parallel ×2' : mode} finished in`);
  }
  // The WebAssembly kernels came with the page (inlined in a script chunk): no .wasm file to fetch or type.
  await expect(page.getByLabel('Kernel', { exact: true })).toHaveValue('simd');
  await expect(page.locator('tl-runs-table tbody tr').first()).toContainText('WebAssembly SIMD');
}

test('after one visit the app loads and every mode works with the network off', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByText('Ready to work offline')).toBeVisible();
  await expect(status(page)).toContainText('Ready to run');
  await context.setOffline(true);
  await page.reload();
  await expect(status(page)).toContainText('Ready to run');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await runEveryMode(page);
  // Every asset, the workers' included, came from the precache.
  const cached = await page.evaluate(async () => {
    const keys = (await Promise.all((await caches.keys()).map(async (k) => (await caches.open(k)).keys()))).flat();
    return keys.map((r) => new URL(r.url).pathname);
  });
  expect(cached).toContain('/index.html');
  expect(cached.some((p) => /filter\.worker.*\.js$/.test(p))).toBe(true);
  expect(cached.some((p) => /decode\.worker.*\.js$/.test(p))).toBe(true);
  await context.setOffline(false);
});

test('on a static host with no headers the service worker makes the page isolated: one reload, then offline too', async ({
  page,
  context,
}) => {
  const { url, server } = await plainServer();
  try {
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.goto(url);
    await expect(status(page)).toContainText('Ready to run');
    await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false)).toBe(true);
    await expect(page.getByText('Shared memory (SharedArrayBuffer) is not available here')).toHaveCount(0);
    // Announced after the reload too, so the teacher sees it.
    await expect(page.getByText('Ready to work offline')).toBeVisible();
    expect(loads.length).toBeLessThanOrEqual(2); // the first load and at most one automatic reload
    await page.reload();
    await expect(status(page)).toContainText('Ready to run');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await expect(status(page)).toContainText('Ready to run');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await runEveryMode(page);
    await context.setOffline(false);
    expect(loads.length).toBeLessThanOrEqual(4);
  } finally {
    server.close();
  }
});

test('a new version waiting is announced, and Reload to update switches to it', async ({ page }) => {
  const { url, server, setSwSuffix } = await plainServer();
  try {
    await page.goto(url);
    await expect(page.getByText('Ready to work offline')).toBeVisible();
    await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false)).toBe(true);
    setSwSuffix('\n// a new version\n');
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration) throw new Error('no service worker registration');
      await registration.update();
    });
    await expect(page.getByText('Update available')).toBeVisible();
    await page.getByRole('button', { name: 'Reload to update' }).click();
    await expect(status(page)).toContainText('Ready to run');
    await expect(page.getByText('Update available')).toHaveCount(0);
  } finally {
    server.close();
  }
});

test('Chromium finds the app installable', async ({ baseURL, launchOptions }) => {
  const dir = await mkdtemp(join(tmpdir(), 'tilelab-install-'));
  const context = await chromium.launchPersistentContext(dir, { ...launchOptions });
  try {
    const page = await context.newPage();
    await page.goto(must(baseURL, 'a baseURL in playwright.config.ts'));
    await expect(page.getByText('Ready to work offline')).toBeVisible();
    const cdp = await context.newCDPSession(page);
    await expect
      .poll(async () => ((await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] }).installabilityErrors)
      .toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string };
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toMatch(/manifest\.webmanifest$/);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});
