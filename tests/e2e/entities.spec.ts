/**
 * Entities (issue 14, acceptance 2): the team-written two-source case's
 * people, organisations and places with the right counts; choosing one
 * highlights its mentions with the Highlight API; merging "NCA" into
 * "National Crime Agency", then undoing, restores both; a passage is
 * tagged with an entity; a claim's claimant leads to its entity.
 */
import type { Page } from '@playwright/test';
import { fixture, importThroughChooser, newCase, openApp, sourceItems, sourceRegion } from './helpers/app';
import { selectWithMouse } from './helpers/select';
import { expect, test } from './support/fixtures';

async function entityMentions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    CSS.highlights.get('cf-entity')?.forEach((range) => texts.push((range as Range).toString()));
    return texts;
  });
}

test('people, organisations and places of a two-source case: counts, highlights, merge with undo, tags and claimants', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('views/two-source-a.txt'));
  await expect(sourceItems(page)).toHaveCount(1);
  await importThroughChooser(page, fixture('views/two-source-b.txt'));
  await expect(sourceItems(page)).toHaveCount(2);

  await page.getByRole('tab', { name: 'Entities' }).click();
  const pane = page.getByRole('region', { name: 'Entities' });
  const list = pane.getByRole('list', { name: 'Entities found' });
  await expect(pane.getByRole('status')).toHaveText('9 entities.');
  const names = (await list.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')))).sort();
  expect(names).toEqual(
    [
      'Europol, organisation, 3 mentions',
      'Hague, place, 1 mention',
      'Karsby, place, 2 mentions',
      'Mara Lindqvist, person, 3 mentions',
      'NCA, organisation, 3 mentions',
      'National Crime Agency, organisation, 2 mentions',
      'Port Velden, place, 3 mentions',
      'Rotterdam, place, 4 mentions',
      'Tomas Verhoeven, person, 2 mentions',
    ].sort(),
  );

  // Filter by kind.
  await pane.getByRole('button', { name: /^People/ }).click();
  await expect(list.getByRole('button')).toHaveCount(2);
  await pane.getByRole('button', { name: /^People/ }).click();

  // Choosing an entity highlights its mentions in the source on screen, and names the count per source.
  await list.getByRole('button', { name: /^Mara Lindqvist/ }).click();
  const detail = pane.getByRole('group', { name: 'Mara Lindqvist details' });
  await expect(detail.locator('li').filter({ hasText: 'Rotterdam link in port container case' })).toContainText('1 mention');
  await expect(detail.locator('li').filter({ hasText: 'Customs raid at Port Velden' })).toContainText('2 mentions');
  await detail.getByRole('button', { name: 'Customs raid at Port Velden leads to three arrests' }).click();
  await expect(sourceRegion(page)).toContainText('Officers of the National Crime Agency');
  await expect.poll(() => entityMentions(page)).toEqual(['Mara Lindqvist', 'Lindqvist']);
  // Co-mentions: who is named in the same paragraphs, each leading to that entity.
  const coMentions = detail.getByRole('list').filter({ has: page.getByRole('button', { name: 'Europol' }) });
  await expect(coMentions.getByRole('button', { name: 'Europol' })).toBeVisible();
  await coMentions.getByRole('button', { name: 'Europol' }).click();
  await expect(pane.getByRole('group', { name: 'Europol details' })).toBeVisible();
  await list.getByRole('button', { name: /^Mara Lindqvist/ }).click();

  // Merge NCA into National Crime Agency, then undo.
  await list.getByRole('button', { name: /^NCA,/ }).click();
  const nca = pane.getByRole('group', { name: 'NCA details' });
  await nca.getByRole('combobox', { name: 'Merge NCA into' }).selectOption({ label: 'National Crime Agency (organisation)' });
  await nca.getByRole('button', { name: 'Merge' }).click();
  await expect(list.getByRole('button', { name: 'National Crime Agency, organisation, 5 mentions' })).toBeVisible();
  await expect(list.getByRole('button', { name: /^NCA,/ })).toHaveCount(0);
  await expect.poll(async () => (await entityMentions(page)).sort()).toEqual(['NCA', 'National Crime Agency', 'National Crime Agency'].sort());
  await page.getByRole('status').filter({ hasText: '“NCA” merged into “National Crime Agency”.' }).getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('button', { name: 'NCA, organisation, 3 mentions' })).toBeVisible();
  await expect(list.getByRole('button', { name: 'National Crime Agency, organisation, 2 mentions' })).toBeVisible();

  // Tag a passage with an entity.
  await selectWithMouse(page, 'the search followed a tip from Europol');
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  await page.getByRole('dialog', { name: 'Passage' }).getByRole('button', { name: 'Close passage' }).click();
  await list.getByRole('button', { name: /^Europol/ }).click();
  const europol = pane.getByRole('group', { name: 'Europol details' });
  await europol.getByRole('combobox', { name: 'Tag a passage with Europol' }).selectOption({ index: 1 });
  await europol.getByRole('button', { name: 'Tag passage' }).click();
  await expect(europol.getByRole('button', { name: 'the search followed a tip from Europol' })).toBeVisible();

  // A claim by "NCA" links to the entity.
  await selectWithMouse(page, 'The National Crime Agency said the men would appear before magistrates in Karsby.');
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'New claim' }).click();
  const claims = page.getByRole('region', { name: 'Claims' });
  await claims.getByLabel('Claimant').fill('NCA');
  await claims.getByLabel('Claimant').blur();
  await claims.getByRole('button', { name: 'Show NCA in Entities' }).click();
  await expect(page.getByRole('tab', { name: 'Entities' })).toHaveAttribute('aria-selected', 'true');
  const claimant = pane.getByRole('group', { name: 'NCA details' });
  await expect(claimant.getByRole('button', { name: 'The National Crime Agency said the men would appear before magistrates in Karsby.' })).toBeVisible();
});
