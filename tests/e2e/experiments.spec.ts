import { mkdir } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { samplePng } from '../fixtures.js';
import { onDisk } from './disk.js';
import { expectFirstScreen, SIZES } from './screen.js';

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });
const SHOTS = process.env['TL_SHOTS'] ?? 'reports/shots/experiments';

/** A small photo and the JavaScript kernels, so that sweeps of many runs stay quick. */
async function setUp(page: Page, width = 320, height = 200): Promise<void> {
  await page.goto('/');
  // Decoding the sample photo comes first; on a loaded machine it can take a while.
  await expect(status(page)).toContainText('Ready to run', { timeout: 90_000 });
  await page.getByLabel('Kernel', { exact: true }).selectOption({ label: 'JavaScript' });
  await page
    .getByLabel('Choose photos', { exact: true })
    .setInputFiles(onDisk([{ name: 'small.png', buffer: samplePng(width, height, 5) }]));
  await expect(status(page)).toContainText(`small.png: ${width} × ${height} px`, { timeout: 60_000 });
}

async function runExperiment(page: Page, label: string, button: string): Promise<void> {
  await page.getByLabel('Experiment', { exact: true }).selectOption({ label });
  await page.getByRole('button', { name: button }).click();
  await expect(status(page)).toContainText(`${label} finished.`, { timeout: 150_000 });
}

/** Every SVG text in `root`'s shadow trees, with the size it is drawn at on screen and whether it is a tick label. */
function svgTexts(root: Locator): Promise<{ text: string; px: number; tick: boolean; inside: boolean }[]> {
  return root.evaluate((host) => {
    const out: { text: string; px: number; tick: boolean; inside: boolean }[] = [];
    const walk = (node: Element | ShadowRoot): void => {
      for (const el of node.querySelectorAll('*')) {
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el instanceof SVGTextElement) {
          // The length of a unit along the text's own direction: labels turned on their side count too.
          const m = el.getScreenCTM();
          const scale = m ? Math.hypot(m.a, m.b) : 0;
          out.push({
            text: el.textContent,
            px: parseFloat(getComputedStyle(el).fontSize) * scale,
            tick: el.classList.contains('tick'),
            // Drawn within its chart's box: a label cut at the edge would read as another number.
            inside: ((t, c) => !!c && t.left >= c.left - 1 && t.right <= c.right + 1)(
              el.getBoundingClientRect(),
              el.ownerSVGElement?.getBoundingClientRect(),
            ),
          });
        }
      }
    };
    walk(host.shadowRoot ?? host);
    return out;
  });
}

const EXPERIMENTS = [
  { label: 'How many cores?', button: 'Run “How many cores?”', file: 'cores' },
  { label: 'Tile size', button: 'Run the tile-size sweep', file: 'tiles' },
  { label: 'Static vs dynamic scheduling', button: 'Compare static and dynamic', file: 'schedule' },
  { label: 'Shared memory vs messages', button: 'Compare shared memory and messages', file: 'memory' },
  { label: 'Race condition', button: 'Run the race', file: 'race' },
  { label: 'One core, many pixels (SIMD)', button: 'Run the SIMD comparison', file: 'simd' },
] as const;

for (const x of EXPERIMENTS)
  test(`"${x.label}" keeps its runs to itself and draws a readable chart that fits every screen`, async ({ page }) => {
    test.setTimeout(240_000);
    await setUp(page);
    await runExperiment(page, x.label, x.button);
    const panel = page.locator('tl-experiments');

    // Its runs stayed with it: no row in the runs table, no bar in the main wall chart.
    await expect(page.locator('tl-runs-table tbody tr')).toHaveCount(0);
    await expect(page.locator('tl-wall-chart p.summary')).toHaveText('No finished runs of this photo and filter yet.');
    await expect(page.locator('tl-timeline#live p.summary')).toHaveText('Run a filter to see its timeline.');

    // A chart, named, as a picture.
    const charts = panel.locator('svg[role="img"]');
    await expect(charts.first()).toBeVisible();
    for (const chart of await charts.all()) await expect(chart).toHaveAccessibleName(/\S{3}/);

    // Text at least 14 px at 1280 px; every tick a plain finite number.
    const texts = await svgTexts(panel);
    expect(texts.length).toBeGreaterThan(3);
    for (const t of texts) {
      expect(t.px, `"${t.text}" drawn at ${t.px.toFixed(1)} px`).toBeGreaterThanOrEqual(14);
      expect(t.inside, `"${t.text}" inside its chart`).toBe(true);
    }
    const ticks = texts.filter((t) => t.tick);
    expect(ticks.length).toBeGreaterThan(1);
    for (const t of ticks) {
      const text = t.text.replace(/×$/, '');
      expect(text, `tick "${t.text}"`).toMatch(/^\d+(\.\d+)?$/);
      expect(Number.isFinite(Number(text))).toBe(true);
    }

    // Nothing drawn past the chart's own box, at any size, nothing scrolling sideways, Run still on
    // the first screen; a picture of each for a person to look at.
    await mkdir(SHOTS, { recursive: true });
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      // Redrawn for the new width: every label still within its chart.
      await expect.poll(async () => (await svgTexts(panel)).filter((t) => !t.inside).map((t) => t.text)).toEqual([]);
      await expectFirstScreen(page, size, `after "${x.label}"`);
      await panel.screenshot({ path: `${SHOTS}/${x.file}-${size.name}.png` });
    }
  });

test('the teacher’s runs and the mode comparison stay on the main view while an experiment runs its own', async ({ page }) => {
  test.setTimeout(150_000);
  await setUp(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('finished in');
  const compare = page.locator('tl-compare');
  await compare.getByRole('button', { name: 'Compare modes' }).click();
  await expect(status(page)).toContainText('Compare modes finished.', { timeout: 120_000 });
  const liveSummary = await page.locator('tl-timeline#live p.summary').textContent();

  await runExperiment(page, 'Tile size', 'Run the tile-size sweep');
  // One teacher's run: still the only row, the only run bar (after the decode bar), and the timeline's.
  await expect(page.locator('tl-runs-table tbody tr')).toHaveCount(1);
  await expect(page.locator('tl-wall-chart svg rect')).toHaveCount(1 + 2);
  await expect(page.locator('tl-timeline#live p.summary')).toHaveText(liveSummary ?? '');
  await expect(compare.getByRole('img', { name: /Compare modes/ })).toBeVisible();
  await expect(page.locator('tl-experiments svg#tiles')).toBeVisible();
});

test('the timeline is one tab stop: arrow keys move between tiles and name each, and a table says the same', async ({ page }) => {
  test.setTimeout(150_000);
  await setUp(page, 480, 320);
  await page.getByLabel('Tile size', { exact: true }).selectOption({ label: '64 px' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(status(page)).toContainText('finished in');
  const timeline = page.locator('tl-timeline#live');
  await expect(timeline.locator('rect.tile')).toHaveCount(40);
  // One element in the tab order among the 40 tiles.
  const stops = await timeline.evaluate(
    (host) => [...(host.shadowRoot?.querySelectorAll('[tabindex]') ?? [])].filter((e) => (e as HTMLElement).tabIndex >= 0).length,
  );
  expect(stops).toBe(1);

  // Tab from the last button before the chart lands on a tile, and the next Tab leaves the tiles.
  await timeline.getByRole('button', { name: 'Save timeline as PNG' }).focus();
  await page.keyboard.press('Tab');
  const active = timeline.locator('rect.tile[tabindex="0"]');
  await expect(active).toBeFocused();
  const first = await active.getAttribute('aria-label');
  expect(first).toMatch(/^Worker [12], tile \d+, starts at [\d.]+ m?s, takes [\d.]+ m?s$/);

  await page.keyboard.press('ArrowRight');
  await expect(active).toBeFocused();
  await expect(active).not.toHaveAttribute('aria-label', first ?? '');
  const lane = first?.slice(0, 8);
  await expect(active).toHaveAccessibleName(new RegExp(`^${lane}, tile \\d+`));
  await page.keyboard.press('ArrowDown');
  await expect(active).toHaveAccessibleName(/^Worker 2, tile \d+/);
  await page.keyboard.press('ArrowUp');
  await expect(active).toHaveAccessibleName(/^Worker 1, tile \d+/);
  await page.keyboard.press('End');
  const last = await active.getAttribute('aria-label');
  await page.keyboard.press('Home');
  await expect(active).not.toHaveAttribute('aria-label', last ?? '');
  await expect(timeline.locator('p.detail')).toHaveText((await active.getAttribute('aria-label')) ?? '');

  await page.keyboard.press('Tab');
  await expect(active).not.toBeFocused();
  await expect(timeline.getByText('Timeline as a table')).toBeFocused();
  await page.keyboard.press('Enter');
  const rows = timeline.locator('table').last().locator('tbody tr');
  await expect(rows).toHaveCount(40);
  await expect(timeline.locator('table').first().locator('tbody tr')).toHaveCount(2);
  await expect(rows.first()).toContainText(/^Worker [12]/);
});
