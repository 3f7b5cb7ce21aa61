/**
 * Issue 14, acceptance 7: axe finds no serious or critical violation with
 * each new pane open (and its dialogs), in light and dark colour schemes.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { harbourCase } from '../fixtures/export/harbourCase';
import { fixture, importThroughChooser, sourceItems } from './helpers/app';
import { seedCase } from './helpers/seed';
import { expect, test } from './support/fixtures';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`Timeline, Entities and Evidence map have no serious axe violations (${colorScheme})`, async ({ page }) => {
    // Eight axe runs over a full workspace: slow on a loaded machine.
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme });
    await seedCase(page, harbourCase());
    await importThroughChooser(page, fixture('views/ferry-inquiry.md'));
    await expect(sourceItems(page)).toHaveCount(4);

    await page.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect(timeline.getByRole('status')).toContainText('dated event');
    expect(await seriousViolations(page)).toEqual([]);
    await timeline.getByRole('group', { name: 'View' }).getByRole('button', { name: 'List' }).click();
    await timeline.locator('.timeline-event').first().click();
    await timeline.getByRole('button', { name: 'Correct date…' }).click();
    await timeline.getByRole('button', { name: 'Add event…' }).click();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Entities' }).click();
    const entities = page.getByRole('region', { name: 'Entities' });
    await expect(entities.getByRole('status')).toContainText('entities');
    await entities.getByRole('list', { name: 'Entities found' }).getByRole('button').first().click();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Evidence map' }).click();
    const map = page.getByRole('region', { name: 'Evidence map' });
    await expect(map.getByRole('status')).toContainText('2 claims');
    expect(await seriousViolations(page)).toEqual([]);
    for (const view of ['Graph', 'List']) {
      await map.getByRole('group', { name: 'View' }).getByRole('button', { name: view }).click();
      expect(await seriousViolations(page)).toEqual([]);
    }

    await page.getByRole('tab', { name: /Claims/ }).click();
    await page.getByRole('region', { name: 'Claims' }).getByRole('button', { name: 'Export ClaimReview' }).click();
    await expect(page.getByRole('dialog', { name: 'Export ClaimReview' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import references…' }).click();
    await (await chooser).setFiles(fixture('views/references.bib'));
    await expect(page.getByRole('dialog', { name: 'Import references' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
