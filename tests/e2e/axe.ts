import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Every rule axe-core knows, on the whole page; a failure lists each violation with the elements it found. */
export async function expectNoViolations(page: Page, when: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact ?? 'unknown'}): ${v.help}; ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  expect(found, `axe-core violations ${when}`).toEqual([]);
}
