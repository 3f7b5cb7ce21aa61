import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers/app';

test('the main screen has no serious or critical axe violations', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('region', { name: 'Source' })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test('every workspace action is reachable by keyboard', async ({ page }) => {
  await openApp(page);
  // The workspace whole: the sample's source open (its actions shown) and the brief's toolbar ready.
  await expect(page.getByRole('button', { name: 'Edit details' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Bold' })).toBeVisible();
  const wanted = ['New case', 'Import source', 'Edit details', 'Bold', 'Brief', 'Resize source and brief'];
  const reached = new Set<string>();
  for (let i = 0; i < 60 && !wanted.every((name) => [...reached].some((r) => r.startsWith(name))); i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '' : '';
    });
    reached.add(name);
  }
  for (const name of wanted) {
    expect([...reached].some((r) => r.startsWith(name)), `${name} reachable by Tab`).toBe(true);
  }
});

test('the splitter resizes with the keyboard', async ({ page }) => {
  await openApp(page);
  const handle = page.getByRole('separator', { name: 'Resize source and brief' });
  const before = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(before + 4));
});
