import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { BUNDLE_FORMAT_VERSION, type BundleData } from '../../shared/bundle/format';
import { readBundle } from '../../shared/bundle/read';
import { writeBundle } from '../../shared/bundle/write';
import { generateCase } from '../fixtures/bundle/generateCase';
import { briefInputFromCase, CASE_JSON_FORMAT, CASE_JSON_VERSION } from '../../shared/export/caseJson';
import { renderMarkdown } from '../../shared/export/markdown';
import { buildExportModel } from '../../shared/export/model';
import { entryData, flip, readJson, repack, unpack, writeJson, type Entries } from '../fixtures/bundle/tamper';
import { briefBox, caseMenu, importBundle, importThroughChooser, openApp } from './helpers/app';
import { dumpDb, type Tables } from './helpers/db';
import { installFakeDesktopBridge } from './helpers/desktop';
import { PAGE_TWO_SENTENCE, printPdf, REPORT_HTML } from './helpers/pdf';
import { selectWithMouse } from './helpers/select';

const MIB = 1024 * 1024;
const SAMPLE = /^Sample case/;

/** One case's records out of a raw dump (JSON-shaped, as the markdown export takes them). */
function caseFrom(tables: Tables, caseId: string) {
  const of = (table: string) => (tables[table] ?? []).filter((r) => r.caseId === caseId);
  const record = (tables.cases ?? []).find((c) => c.id === caseId);
  if (!record) throw new Error(`case ${caseId} is not in the database`);
  return { case: record, sources: of('sources'), passages: of('passages'), claims: of('claims'), tags: of('tags'), notes: of('notes') };
}

function markdownOf(data: ReturnType<typeof caseFrom> | BundleData): string {
  const json = { format: CASE_JSON_FORMAT, version: CASE_JSON_VERSION, exportedAt: '2026-01-01T00:00:00.000Z', ...data } as unknown as Parameters<typeof briefInputFromCase>[0];
  // With the claims appendix and evidence table, the Markdown draws on sources, passages, claims and tags, not only the brief.
  return renderMarkdown(buildExportModel(briefInputFromCase(json, { include: { bibliography: true, claimsAppendix: true, evidenceTable: true } })));
}

async function exportActiveCase(page: Page): Promise<{ name: string; bytes: Uint8Array }> {
  const download = page.waitForEvent('download');
  await caseMenu(page, 'Export case');
  await page.getByRole('dialog', { name: 'Export case' }).getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(await file.path())) };
}

/**
 * The sample case (passages, claims, tags, a brief with citations and a claim
 * mark) plus an imported text source and a PDF, with a page-2 passage of the
 * PDF cited in the brief: three sources, originals included.
 */
async function richCase(page: Page, browser: Browser): Promise<void> {
  await openApp(page);
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible();
  const text = 'Harbour notes\n\nThe customs office logged forty containers on the night of the raid.\n\nA second shift checked the manifests by hand.';
  await importThroughChooser(page, { name: 'harbour-notes.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.getByRole('list', { name: 'Sources in this case' }).getByText('Harbour notes')).toBeVisible();
  await importThroughChooser(page, { name: 'harbour-review.pdf', mimeType: 'application/pdf', buffer: await printPdf(browser, REPORT_HTML) });
  await expect(page.locator('.source-body')).toContainText(PAGE_TWO_SENTENCE);
  await briefBox(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Fog delayed the ferries too.');
  await selectWithMouse(page, PAGE_TWO_SENTENCE);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Cite in brief' }).click();
  await expect(briefBox(page).getByRole('link', { name: 'Citation 4' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 15_000 });
}

test('a rich case survives export, delete and import record for record, with the same Markdown', async ({ page, browser }) => {
  await richCase(page, browser);
  const before = await dumpDb(page);
  const sampleCase = (before.tables.cases ?? []).find((c) => SAMPLE.test(String(c.name)));
  if (!sampleCase) throw new Error('no sample case');
  const caseId = String(sampleCase.id);
  expect(before.tables.sourceBlobs?.length).toBeGreaterThan(0);
  expect(before.tables.passages?.length).toBeGreaterThan(0);
  expect(before.tables.claims?.length).toBeGreaterThan(0);
  expect(before.tables.tags?.length).toBeGreaterThan(0);

  const bundle = await exportActiveCase(page);
  expect(bundle.name).toBe(`${String(sampleCase.name).replace(/:/g, '_')}.casefile`);
  const read = await readBundle(bundle.bytes);
  if (!read.ok) throw new Error(read.error.message);
  expect(read.data.blobs.length).toBe(before.tables.sourceBlobs?.length);

  await page.getByRole('button', { name: `Delete case “${String(sampleCase.name)}”` }).click();
  await expect(page.getByRole('button', { name: SAMPLE })).toHaveCount(0);
  // Deleted means in the Trash: the record stays, marked, until the Trash lets go of it (or an import replaces it).
  expect((await dumpDb(page)).tables.cases?.some((c) => c.id === caseId && !c.deletedAt)).toBe(false);

  await importBundle(page, bundle);
  await expect(page.locator('.toasts')).toContainText(`Imported case “${String(sampleCase.name)}” from “${bundle.name}”.`);
  await expect(page.getByRole('button', { name: SAMPLE })).toHaveAttribute('aria-current', 'page');

  const after = await dumpDb(page);
  for (const table of ['cases', 'sources', 'sourceBlobs', 'passages', 'claims', 'tags', 'notes']) {
    expect(after.tables[table], `table ${table}`).toEqual(before.tables[table]);
  }
  const markdownBefore = markdownOf(caseFrom(before.tables, caseId));
  expect(markdownBefore).toContain('## What the EncroChat operation achieved');
  for (const claim of caseFrom(before.tables, caseId).claims) expect(markdownBefore).toContain(String(claim.statement).slice(0, 30));
  expect(markdownBefore).toContain(`${PAGE_TWO_SENTENCE}`);
  expect(markdownBefore).toMatch(/p\. 2/);
  expect(markdownOf(caseFrom(after.tables, caseId))).toBe(markdownBefore);
  expect(markdownOf(read.data)).toBe(markdownBefore);
});

test('importing a case that is already here offers a copy with new IDs; Cancel changes nothing', async ({ page }, testInfo) => {
  await openApp(page);
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible();
  const bundle = await exportActiveCase(page);
  const before = await dumpDb(page);

  await importBundle(page, bundle);
  const dialog = page.getByRole('dialog', { name: 'This case is already in Casefile' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Import a copy' })).toBeFocused();
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('existing-case-dialog.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.toasts')).toContainText('Import cancelled. Nothing was changed.');
  expect((await dumpDb(page)).hash).toBe(before.hash);

  // Escape is a cancel too.
  await importBundle(page, bundle);
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect((await dumpDb(page)).hash).toBe(before.hash);

  await importBundle(page, bundle);
  await expect(dialog.getByRole('button', { name: 'Import a copy' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: / \(copy\)$/ })).toHaveAttribute('aria-current', 'page');
  const after = await dumpDb(page);
  const original = (before.tables.cases ?? [])[0] as { id: string; name: string };
  const copy = (after.tables.cases ?? []).find((c) => c.id !== original.id) as { id: string; name: string };
  expect(copy.name).toBe(`${original.name} (copy)`);
  const oldIds = new Set(Object.values(before.tables).flat().map((r) => r.id).filter(Boolean));
  const copied = caseFrom(after.tables, copy.id);
  for (const list of [copied.sources, copied.passages, copied.claims, copied.tags, copied.notes]) {
    expect(list.length).toBeGreaterThan(0);
    for (const record of list) expect(oldIds.has(record.id)).toBe(false);
  }
  const brief = JSON.stringify(copied.notes);
  for (const id of oldIds) expect(brief).not.toContain(String(id));
  // The copy's records still refer to each other: under the original's name it exports the same Markdown lines
  // (rows that tie in the export's order are ordered by ID, and the copy's IDs are new random ones).
  const lines = (md: string) => md.split('\n').sort();
  expect(lines(markdownOf({ ...copied, case: { ...copied.case, name: original.name } }))).toEqual(lines(markdownOf(caseFrom(before.tables, original.id))));
  // The original is untouched.
  for (const table of ['sources', 'passages', 'claims', 'tags', 'notes']) {
    expect((after.tables[table] ?? []).filter((r) => r.caseId === original.id)).toEqual((before.tables[table] ?? []).filter((r) => r.caseId === original.id));
  }
});

/** sources.json with the first source's text made `chars` letters long, spliced so no huge string is built here. */
function hugeSourceText(entries: Entries, chars: number): Uint8Array {
  const sources = readJson<{ text: string }[]>(entries, 'sources.json');
  (sources[0] as { text: string }).text = 'PLACEHOLDER-FOR-A-HUGE-TEXT';
  const json = JSON.stringify(sources);
  const cut = json.indexOf('PLACEHOLDER-FOR-A-HUGE-TEXT');
  const head = new TextEncoder().encode(json.slice(0, cut));
  const tail = new TextEncoder().encode(json.slice(cut + 'PLACEHOLDER-FOR-A-HUGE-TEXT'.length));
  const bytes = new Uint8Array(head.length + chars + tail.length);
  bytes.set(head);
  bytes.fill(0x61, head.length, head.length + chars);
  bytes.set(tail, head.length + chars);
  return bytes;
}

test('an evidence map in the brief and a confirmed date survive export and import as a copy', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible();

  // The map into the brief, as a figure.
  await page.getByRole('tab', { name: 'Evidence map' }).click();
  await page.getByRole('region', { name: 'Evidence map' }).getByRole('button', { name: 'Insert map into brief' }).click();
  const figure = briefBox(page).getByRole('img', { name: /^Evidence map of/ });
  await expect(figure).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible({ timeout: 15_000 });

  // Confirm the first date the chronology found.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('status').first()).toHaveText(/^\d+ dated events?\.$/);
  await timeline.getByRole('group', { name: 'View' }).getByRole('button', { name: 'List' }).click();
  const events = timeline.locator('.timeline-event');
  const first = (await events.first().innerText()).split('\n')[0]!.trim();
  await events.first().click();
  await timeline.getByRole('group', { name: 'Selected event' }).getByRole('button', { name: 'Confirm date' }).click();
  await expect(events.first()).toContainText('Confirmed');

  const bundle = await exportActiveCase(page);
  const read = await readBundle(bundle.bytes);
  if (!read.ok) throw new Error(read.error.message);
  expect(read.data.figures).toHaveLength(1);
  expect(read.data.timelineEntries.map((e) => e.kind)).toEqual(['confirmed']);

  // The case is here, so it comes in as a copy with new IDs: the brief's figure node must follow its figure.
  await importBundle(page, bundle);
  await page.getByRole('dialog', { name: 'This case is already in Casefile' }).getByRole('button', { name: 'Import a copy' }).click();
  await expect(page.getByRole('button', { name: / \(copy\)$/ })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('tab', { name: 'Brief' }).click();
  await expect(briefBox(page).getByRole('img', { name: /^Evidence map of/ })).toBeVisible();
  await expect(briefBox(page)).not.toContainText('Figure missing');
  const copy = (await dumpDb(page)).tables;
  const copyCase = (copy.cases ?? []).find((c) => / \(copy\)$/.test(String(c.name)))!;
  expect((copy.figures ?? []).filter((f) => f.caseId === copyCase.id)).toHaveLength(1);

  await page.getByRole('tab', { name: 'Timeline' }).click();
  await timeline.getByRole('group', { name: 'View' }).getByRole('button', { name: 'List' }).click();
  await expect(events.filter({ hasText: first }).first()).toContainText('Confirmed');
});

test('every kind of malformed bundle is refused with its own message and the database is left exactly as it was', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await openApp(page);
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible();
  const good = (await exportActiveCase(page)).bytes;
  const edited = (change: (entries: Entries) => void, level: 0 | 6 = 6) => {
    const entries = unpack(good);
    change(entries);
    return repack(entries, { level });
  };
  const passages = readJson<{ id: string; sourceId: string }[]>(unpack(good), 'passages.json');
  const notesData = entryData(good, 'notes.json');

  const hugePath = testInfo.outputPath('huge-string.casefile');
  writeFileSync(hugePath, edited((e) => void (e['sources.json'] = hugeSourceText(e, 100 * MIB)), 0));
  const bombPath = testInfo.outputPath('zip-bomb.casefile');
  const bombEntries = unpack(good);
  bombEntries['sources.json'] = hugeSourceText(bombEntries, 150 * MIB);
  writeFileSync(bombPath, repack(bombEntries, { level: 6 }));

  const cases: { name: string; file: string | Uint8Array; message: RegExp }[] = [
    { name: 'truncated', file: good.slice(0, Math.floor(good.length * 0.6)), message: /This bundle is incomplete \(the file was cut short\)/ },
    { name: 'flipped byte', file: flip(good, notesData.start + Math.floor(notesData.length / 2)), message: /This bundle (is damaged|has been altered or damaged).*notes\.json/ },
    {
      name: 'future version',
      file: edited((e) => writeJson(e, 'manifest.json', { ...readJson<Record<string, unknown>>(e, 'manifest.json'), formatVersion: BUNDLE_FORMAT_VERSION + 1 })),
      message: new RegExp(`made by a newer Casefile \\(format ${BUNDLE_FORMAT_VERSION + 1}\\)\\. Update Casefile to open it\\.`),
    },
    {
      name: 'dangling reference',
      file: edited((e) => writeJson(e, 'passages.json', passages.map((p, i) => (i === 0 ? { ...p, sourceId: '9ab0c4d2-7e51-4c1e-9f00-5d2b1e7a3c11' } : p)))),
      message: /passages\.json: passage 1 \(id [0-9a-f]{8}…\) points to source 9ab0c4d2…, which is not in the bundle\./,
    },
    {
      name: 'duplicate ids',
      file: edited((e) => writeJson(e, 'passages.json', [...passages, { ...passages[0] }])),
      message: new RegExp(`passages\\.json: passage ${passages.length + 1} \\(id [0-9a-f]{8}…\\) has the same id as passage 1 in passages\\.json\\.`),
    },
    { name: '100 MB string', file: hugePath, message: /sources\.json: source 1, field “text” holds 104,857,600 characters \(100\.0 MB\); a bundle may hold no single text over 50\.0 MB\./ },
    { name: 'zip bomb', file: bombPath, message: /“sources\.json” would unpack to 150\.0 MB, [\d,]+ times its packed size\..*zip bombs/ },
  ];

  const baseline = (await dumpDb(page)).hash;
  for (const bad of cases) {
    const fileName = `${bad.name}.casefile`;
    await importBundle(page, typeof bad.file === 'string' ? bad.file : { name: fileName, bytes: bad.file });
    const alert = page.getByRole('alert');
    await expect(alert, bad.name).toContainText(bad.message, { timeout: 60_000 });
    await expect(alert).toContainText('Nothing was changed.');
    expect((await dumpDb(page)).hash, `${bad.name}: the database changed`).toBe(baseline);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the case list and the Case menu with the bundle controls have no serious axe violations and are keyboard reachable', async ({ page }, testInfo) => {
  await openApp(page);
  // The Case menu, reached from the case list by keyboard, offers Export case and Import case.
  await page.getByRole('button', { name: SAMPLE }).focus();
  let reached = '';
  for (let i = 0; i < 8 && reached !== 'Case'; i++) {
    await page.keyboard.press('Shift+Tab');
    reached = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  }
  expect(reached).toBe('Case');
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Case' });
  await expect(menu.getByRole('menuitem', { name: 'Export case', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Import case', exact: true })).toBeFocused();
  // The browser build keeps no backups folder, so it offers no restore.
  await expect(menu.getByRole('menuitem', { name: 'Restore from backup…' })).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).include('.case-list').include('.topbar').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('case-menu.png') });
  // Escape closes the menu and gives focus back to its button; Enter on Export case opens its dialog.
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Case', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Export case' })).toBeVisible();
});

test('desktop: a daily backup is taken, and Restore from backup… brings a deleted case back without replacing anything', async ({ page }, testInfo) => {
  await page.addInitScript(installFakeDesktopBridge, undefined);
  await openApp(page);
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __backupWrites: string[] }).__backupWrites.length)).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { __backupWrites: string[] }).__backupWrites[0])).toMatch(/^daily:casefile-backup-20261127T090000Z\.cfbackup$/);
  const before = await dumpDb(page);
  const sampleName = String((before.tables.cases ?? [])[0]?.name);

  await page.getByRole('button', { name: `Delete case “${sampleName}”` }).click();
  await expect(page.getByRole('button', { name: SAMPLE })).toHaveCount(0);

  await caseMenu(page, 'Restore from backup…');
  const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
  const choice = dialog.getByRole('radio', { name: /— 1 case, [\d.]+ KB$/ });
  await expect(choice).toBeChecked();
  const axe = await new AxeBuilder({ page }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('restore-dialog.png') });
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('button', { name: SAMPLE })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.toasts')).toContainText(`Imported case “${sampleName}” from the backup of`);
  const after = await dumpDb(page);
  for (const table of ['cases', 'sources', 'sourceBlobs', 'passages', 'claims', 'tags', 'notes']) expect(after.tables[table], table).toEqual(before.tables[table]);

  // Restoring again while the case is here asks first; Cancel leaves everything as it is.
  await caseMenu(page, 'Restore from backup…');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  const existing = page.getByRole('dialog', { name: 'This case is already in Casefile' });
  await expect(existing).toBeVisible();
  await existing.getByRole('button', { name: 'Cancel' }).click();
  expect((await dumpDb(page)).hash).toBe(after.hash);

  // "Back up now" adds a second backup, listed first.
  await caseMenu(page, 'Restore from backup…');
  await dialog.getByRole('button', { name: 'Back up now' }).click();
  await expect(dialog.getByRole('radio')).toHaveCount(2);
  expect(await page.evaluate(() => (window as unknown as { __backupWrites: string[] }).__backupWrites[1])).toMatch(/^manual:/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});

test('desktop: a bundle opened from the OS while Casefile is starting is imported once the case list is there', async ({ page }) => {
  const data = generateCase({ sources: 2, sourceChars: 1_500, passages: 6, claims: 2, tags: 2, originals: true, seed: 42 });
  const bytes = await writeBundle(data, { appVersion: 'test', includeOriginals: true, now: Date.UTC(2026, 0, 1) });
  await page.addInitScript(installFakeDesktopBridge, { name: 'Opened from Finder.casefile', base64: Buffer.from(bytes).toString('base64') });
  await openApp(page);
  await expect(page.getByRole('button', { name: data.case.name, exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.locator('.toasts')).toContainText(`Imported case “${data.case.name}” from “Opened from Finder.casefile”.`);
  const after = await dumpDb(page);
  expect(after.tables.passages?.filter((p) => p.caseId === data.case.id)).toHaveLength(6);
  expect(after.tables.sourceBlobs?.filter((b) => data.sources.some((s) => s.id === b.sourceId))).toHaveLength(2);

  // The File menu's Restore from backup… opens the same dialog as the button.
  await page.evaluate(() => (window as unknown as { __menu: (command: string) => void }).__menu('restore-backup'));
  await expect(page.getByRole('dialog', { name: 'Restore from backup' })).toBeVisible();
});
