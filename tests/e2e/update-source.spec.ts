import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { briefBox, fixture, importThroughChooser, newCase, openApp, sourceRegion } from './helpers/app';
import { readStores } from './helpers/db';
import { highlightedTexts, selectWithMouse } from './helpers/select';
import { expect, test } from './support/fixtures';

const KEEP_1 = 'intercepted 3.2 tonnes of cocaine hidden in a shipment of frozen fruit';
const KEEP_2 = 'Prosecutors are expected to bring the first charges on March 3.';
const REMOVED = 'said Mara Lindqvist, head of the directorate';
const EDITED = 'detained across three provinces';
const ADDED_LINE = 'Updated on Wednesday with comment from the port authority.';

/** Sources, their original bytes, passages and notes, as stored. */
const storedWithStamps = (page: Page) => readStores(page, ['sources', 'sourceBlobs', 'passages', 'notes']);

/**
 * The same without the last-change stamps: Undo puts every record back as it was, and is itself a change
 * this device made, so "changed last by" names it (checked separately below).
 */
async function stored(page: Page) {
  const stores = await storedWithStamps(page);
  const strip = (row: unknown) => {
    const { changedAt: _at, updatedBy: _by, ...rest } = row as Record<string, unknown>;
    return rest;
  };
  return Object.fromEntries(Object.entries(stores).map(([name, rows]) => [name, (rows as unknown[]).map(strip)]));
}

async function chooseRevision(page: Page) {
  const chooser = page.waitForEvent('filechooser');
  await sourceRegion(page).getByRole('button', { name: 'Update source…' }).click();
  await (await chooser).setFiles(fixture('articles/harbour-seizure-revised.txt'));
  const dialog = page.getByRole('dialog', { name: /^Update “/ });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The preview's four counts, read from its table. */
async function previewCounts(page: Page) {
  const table = page.getByRole('table', { name: 'Passages after the update' });
  const count = async (label: string) => Number(await table.getByRole('row', { name: new RegExp(`^${label}`) }).getByRole('cell').innerText());
  return { placed: await count('Placed exactly'), moved: await count('Moved'), fuzzy: await count('Placed approximately'), orphaned: await count('Orphaned') };
}

test('Update source… previews what will happen, applies exactly that, and Undo puts everything back', async ({ page }, testInfo) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  for (const text of [KEEP_1, KEEP_2, REMOVED, EDITED]) {
    await selectWithMouse(page, text);
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
    await page.getByRole('button', { name: 'Close passage' }).click();
  }
  // Cite one passage in the brief, so Undo has citations to keep whole.
  await selectWithMouse(page, 'scanning capacity at the container terminal will double');
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Cite in brief' }).click();
  await expect(briefBox(page).getByRole('link', { name: 'Citation 1' })).toBeVisible();
  await expect.poll(() => highlightedTexts(page)).toHaveLength(5);
  // Let the brief's autosave finish before taking the "before" picture.
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  const before = await stored(page);

  // The preview changes nothing, and Cancel leaves everything as it was.
  let dialog = await chooseRevision(page);
  const counts = await previewCounts(page);
  expect(counts.placed + counts.moved + counts.fuzzy + counts.orphaned).toBe(5);
  expect(counts.orphaned).toBeGreaterThanOrEqual(1);
  await expect(dialog.getByRole('region', { name: 'Would be orphaned' })).toContainText(REMOVED);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('update-source-preview.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(sourceRegion(page)).not.toContainText(ADDED_LINE);
  expect(await stored(page)).toEqual(before);

  // Escape is Cancel too.
  dialog = await chooseRevision(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await stored(page)).toEqual(before);

  // Apply: the stored statuses are exactly the preview's counts.
  dialog = await chooseRevision(page);
  expect(await previewCounts(page)).toEqual(counts);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  await expect(sourceRegion(page)).toContainText(ADDED_LINE);
  const after = (await stored(page)) as { sources: { id: string; fileName: string }[]; passages: { anchor: string; sourceId: string }[] };
  const updated = after.sources.find((src) => src.fileName === 'harbour-seizure-revised.txt')!;
  const mine = after.passages.filter((p) => p.sourceId === updated.id);
  const status = (s: string) => mine.filter((p) => p.anchor === s).length;
  expect({ placed: status('exact'), moved: status('moved'), fuzzy: status('fuzzy'), orphaned: status('orphaned') }).toEqual(counts);
  await expect(page.getByRole('region', { name: /Orphaned passages/ })).toContainText(REMOVED);
  const texts = await highlightedTexts(page);
  expect(texts).toContain(KEEP_1);
  expect(texts).toContain(KEEP_2);
  expect(texts).not.toContain(REMOVED);
  // Nothing may land on text that is not its quote (the edited one is fuzzy on its own sentence, or orphaned).
  for (const t of texts) expect([KEEP_1, KEEP_2, 'detained across four provinces', 'scanning capacity at the container terminal will double']).toContain(t);

  // Undo: the previous revision, its bytes, every passage and the brief, deep-equal.
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(sourceRegion(page)).not.toContainText(ADDED_LINE);
  await expect(page.getByRole('status').filter({ hasText: 'Restored revision 1' })).toBeVisible();
  expect(await stored(page)).toEqual(before);
  // The undone passages say who changed them last: the person who pressed Undo.
  const undone = ((await storedWithStamps(page)).passages as { updatedBy?: string; createdBy?: string; sourceId: string }[]).filter((p) => p.updatedBy);
  expect(undone.length).toBeGreaterThan(0);
  for (const p of undone) expect(p.updatedBy).toBe(p.createdBy);
  await expect.poll(() => highlightedTexts(page)).toEqual([KEEP_1, KEEP_2, REMOVED, EDITED, 'scanning capacity at the container terminal will double'].sort());
  await expect(briefBox(page).getByRole('link', { name: 'Citation 1' })).toBeVisible();
  await page.reload();
  await expect(sourceRegion(page)).toContainText(REMOVED);
  expect(await stored(page)).toEqual(before);
});

test('a Chinese source updated to a re-wrapped, re-paragraphed revision keeps its passages exactly', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure-zh.txt'));
  // No spaces between words, sentences ending in "。": the revision re-wraps a paragraph every 16
  // characters (line breaks inside the first passage), merges two paragraphs, adds one, edits one
  // figure and drops a sentence.
  const wrapped = '在一批冷冻水果中截获了三点二吨可卡因';
  const kept = '检察官预计将于三月三日提出首批指控';
  const edited = '已在三个省份拘留了十四人';
  const removed = '集装箱码头的扫描能力将在明年春天前翻一番';
  for (const text of [wrapped, kept, edited, removed]) {
    await selectWithMouse(page, text);
    await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
    await page.getByRole('button', { name: 'Close passage' }).click();
  }
  await expect.poll(() => highlightedTexts(page)).toHaveLength(4);

  const chooser = page.waitForEvent('filechooser');
  await sourceRegion(page).getByRole('button', { name: 'Update source…' }).click();
  await (await chooser).setFiles(fixture('articles/harbour-seizure-zh-revised.txt'));
  const dialog = page.getByRole('dialog', { name: /^Update “/ });
  // Two passages keep their very characters (one across new line breaks), one is approximate, one is gone.
  const counts = await previewCounts(page);
  expect(counts.placed + counts.moved).toBe(2);
  expect(counts.fuzzy).toBe(1);
  expect(counts.orphaned).toBe(1);
  await expect(dialog.getByRole('region', { name: 'Would be orphaned' })).toContainText(removed);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden();
  await expect(sourceRegion(page)).toContainText('周三更新：加入港务局的回应。');

  const bare = (s: string) => s.replace(/\s+/g, '');
  await expect.poll(async () => (await highlightedTexts(page)).map(bare).sort()).toEqual([kept, wrapped, '已在三个省份拘留了十五人'].sort());
  // The re-wrapped passage is highlighted across its line breaks, and not as an approximation:
  // only the passage whose figure changed is marked approximate.
  expect(await highlightedTexts(page)).toContain('在\n一批冷冻水果中截获了三点二吨可卡\n因');
  const passages = page.getByRole('list', { name: 'Passages' });
  await expect(passages.getByRole('button', { name: /approximate/ })).toHaveCount(1);
  await expect(passages.getByRole('button', { name: /十五人.*approximate/ })).toHaveCount(1);
  await expect(page.getByRole('region', { name: /Orphaned passages/ })).toContainText(removed);
});
