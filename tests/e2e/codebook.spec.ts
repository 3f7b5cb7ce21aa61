import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fixture, importThroughChooser, newCase, openApp, sourceRegion } from './helpers/app';
import { selectWithMouse } from './helpers/select';

const DETAINED = 'The regional customs directorate said 14 people had been detained across three provinces';
const HAUL = 'intercepted 3.2 tonnes of cocaine';
const HANDGUNS = 'Officers also recovered 23 handguns';

function codebook(page: Page): Locator {
  return page.getByRole('region', { name: 'Codebook' });
}

/** The text of the row that holds a tag's filter button. */
function row(page: Page, name: string): Locator {
  return codebook(page).locator('.codebook-row').filter({ has: page.getByRole('button', { name: `Filter by tag ${name}`, exact: true }) });
}

async function newTag(page: Page, name: string): Promise<void> {
  await codebook(page).getByRole('button', { name: 'New tag' }).click();
  await codebook(page).getByRole('textbox', { name: 'New tag name' }).fill(name);
  await page.keyboard.press('Enter');
}

/** Highlight `text` through the selection toolbar and tag it through the passage card's Tags combobox. */
async function highlightAndTag(page: Page, text: string, typed: string[]): Promise<void> {
  await selectWithMouse(page, text);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  const tags = card.getByRole('combobox', { name: 'Tags' });
  for (const query of typed) {
    await tags.fill(query);
    await expect(card.getByRole('listbox', { name: 'Tags suggestions' })).toBeVisible();
    await tags.press('Enter');
  }
  await card.getByRole('button', { name: 'Close passage' }).click();
}

test('build a codebook: create, tag, rename a level, merge, recolour, describe, delete with undo', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await expect(sourceRegion(page)).toContainText(DETAINED);

  for (const name of ['arrests', 'seizures', 'attribution/NCA']) await newTag(page, name);
  await expect(codebook(page).getByRole('button', { name: /^Filter by tag / })).toHaveCount(3);
  // "attribution" has no tag of its own, but it is shown as the level above NCA, and can be renamed.
  await expect(codebook(page).getByRole('button', { name: 'Rename tag attribution', exact: true })).toBeAttached();

  // A duplicate name is refused next to the field, and nothing is created.
  await newTag(page, 'Arrests');
  await expect(codebook(page).getByRole('alert')).toHaveText('A tag named “arrests” already exists.');
  await page.keyboard.press('Escape');
  await expect(codebook(page).getByRole('textbox', { name: 'New tag name' })).toHaveCount(0);
  await expect(codebook(page).getByRole('button', { name: /^Filter by tag / })).toHaveCount(3);

  // Tag passages through the combobox: a substring finds "attribution/NCA"; "weapons" is created inline.
  await highlightAndTag(page, DETAINED, ['arr', 'nca']);
  await highlightAndTag(page, HAUL, ['seiz', 'arrests']);
  await highlightAndTag(page, HANDGUNS, ['seizures', 'weapons']);
  await expect(row(page, 'arrests')).toContainText('2 passages');
  await expect(row(page, 'seizures')).toContainText('2 passages');
  await expect(row(page, 'attribution/NCA')).toContainText('1 passage');
  await expect(row(page, 'weapons')).toContainText('1 passage');

  // Renaming the level renames its child; the passage keeps the tag.
  await codebook(page).getByRole('button', { name: 'Rename tag attribution', exact: true }).click();
  const renameField = codebook(page).getByRole('textbox', { name: 'New name for tag attribution' });
  await expect(renameField).toBeFocused();
  await renameField.fill('source');
  await renameField.press('Enter');
  await expect(row(page, 'source/NCA')).toContainText('1 passage');
  await expect(codebook(page).getByRole('button', { name: 'Filter by tag attribution/NCA' })).toHaveCount(0);

  // A rename onto an existing name is refused with a message, the field keeps the text, Escape cancels.
  await codebook(page).getByRole('button', { name: 'Rename tag weapons' }).click();
  const weaponsField = codebook(page).getByRole('textbox', { name: 'New name for tag weapons' });
  await weaponsField.fill('SEIZURES');
  await weaponsField.press('Enter');
  await expect(codebook(page).getByRole('alert')).toContainText('A tag named “seizures” already exists.');
  await expect(weaponsField).toHaveValue('SEIZURES');
  await weaponsField.press('Escape');
  await expect(weaponsField).toHaveCount(0);
  await expect(row(page, 'weapons')).toBeVisible();

  // Merge "seizures" into "arrests": the passage that had both counts once.
  await codebook(page).getByRole('button', { name: 'Merge tag seizures…' }).click();
  const merge = page.getByRole('dialog', { name: 'Merge tag “seizures”' });
  await merge.getByLabel('Merge into').selectOption({ label: 'arrests' });
  await expect(merge).toContainText('Everything tagged “seizures” will be tagged “arrests” instead');
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(merge).toBeHidden();
  await expect(codebook(page).getByRole('button', { name: 'Filter by tag seizures' })).toHaveCount(0);
  await expect(row(page, 'arrests')).toContainText('3 passages');

  // Recolour from the palette radios, then describe; both persist.
  await codebook(page).getByRole('button', { name: 'Colour of tag arrests' }).click();
  const palette = codebook(page).getByRole('group', { name: 'Colour of tag arrests' });
  await expect(palette.getByRole('radio')).toHaveCount(10);
  await palette.getByRole('radio', { name: 'Green' }).check();
  await expect(row(page, 'arrests').locator('.tag-swatch')).toHaveCSS('background-color', 'rgb(89, 161, 79)');
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await codebook(page).getByRole('button', { name: 'Describe tag arrests' }).click();
  await codebook(page).getByRole('textbox', { name: 'Description of tag arrests' }).fill('Someone taken into custody, or a seizure.');
  await page.keyboard.press('Control+Enter');
  await expect(codebook(page)).toContainText('Someone taken into custody, or a seizure.');

  // Each row's actions are one Tab stop; the arrow keys move between them.
  await codebook(page).getByRole('button', { name: 'Filter by tag weapons' }).focus();
  await page.keyboard.press('Tab');
  await expect(codebook(page).getByRole('button', { name: 'Rename tag weapons' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(codebook(page).getByRole('button', { name: 'Colour of tag weapons' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(codebook(page).getByRole('button', { name: 'Delete tag weapons' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(codebook(page).getByRole('button', { name: 'Filter by tag weapons' })).toBeFocused();

  // The filter toggle narrows the passage list.
  const filter = codebook(page).getByRole('button', { name: 'Filter by tag weapons' });
  await filter.click();
  await expect(filter).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('list', { name: 'Passages' }).getByRole('listitem')).toHaveCount(1);
  await filter.click();
  await expect(page.getByRole('list', { name: 'Passages' }).getByRole('listitem')).toHaveCount(3);

  // The whole panel, with its hover actions showing, passes axe.
  await row(page, 'arrests').hover();
  const axe = await new AxeBuilder({ page }).include('.codebook').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await page.screenshot({ path: 'test-results/codebook.png' });

  // Delete asks first, says how much the tag is used, and can be undone.
  await codebook(page).getByRole('button', { name: 'Delete tag arrests' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete tag “arrests”?' });
  await expect(confirm).toContainText('Delete tag “arrests”? It is used by 3 passages. They keep their other tags.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, 'arrests')).toBeVisible();
  await codebook(page).getByRole('button', { name: 'Delete tag arrests' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(codebook(page).getByRole('button', { name: 'Filter by tag arrests' })).toHaveCount(0);
  await expect(row(page, 'weapons')).toContainText('1 passage');
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(row(page, 'arrests')).toContainText('3 passages');

  await page.reload();
  await expect(row(page, 'arrests')).toContainText('3 passages');
  await expect(row(page, 'arrests').locator('.tag-swatch')).toHaveCSS('background-color', 'rgb(89, 161, 79)');
  await expect(row(page, 'source/NCA')).toBeVisible();
  await expect(codebook(page)).toContainText('Someone taken into custody, or a seizure.');
});

test('the Tags combobox: keyboard choice, a refused name, and Backspace removing the last chip', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await newTag(page, 'arrests');
  await newTag(page, 'attribution/NCA');

  await selectWithMouse(page, DETAINED);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  const tags = card.getByRole('combobox', { name: 'Tags' });

  await tags.focus();
  await tags.press('ArrowDown');
  await expect(tags).toHaveAttribute('aria-expanded', 'true');
  const options = card.getByRole('listbox', { name: 'Tags suggestions' }).getByRole('option');
  await expect(options).toHaveText(['arrests', 'attribution/NCA']);
  await tags.press('ArrowDown');
  const active = await tags.getAttribute('aria-activedescendant');
  await expect(card.locator(`[id="${active}"]`)).toHaveText('attribution/NCA');
  await tags.press('Enter');
  await expect(card.getByRole('button', { name: 'Remove tag attribution/NCA' })).toBeVisible();

  await tags.fill('people//police');
  await expect(options).toHaveText(['Create tag “people//police”']);
  await tags.press('Enter');
  await expect(card.getByRole('alert')).toContainText('has an empty level');
  await tags.press('Escape');
  await tags.press('Escape');
  await expect(tags).toHaveValue('');
  await expect(codebook(page).getByRole('button', { name: /^Filter by tag / })).toHaveCount(2);

  await tags.fill('arr');
  await tags.press('Enter');
  await expect(card.getByRole('button', { name: 'Remove tag arrests' })).toBeVisible();
  await tags.press('Backspace');
  await expect(card.getByRole('button', { name: 'Remove tag arrests' })).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Remove tag attribution/NCA' })).toBeVisible();
  await card.getByRole('button', { name: 'Remove tag attribution/NCA' }).click();
  await expect(tags).toBeFocused();
  await expect(row(page, 'attribution/NCA')).toContainText('unused');
});
