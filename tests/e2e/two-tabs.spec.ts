import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { briefBox, newCase, openApp } from './helpers/app';

/**
 * The same brief open in two tabs of one browser. Each tab's autosave names the
 * version it edited from, so neither can silently replace the other's words: a
 * tab with nothing unsaved follows the other's saves, and when both typed before
 * either saved, the second to save is shown both versions and keeps them.
 */

const saved = (page: Page) => page.getByRole('status').filter({ hasText: /^Saved$/ });

async function storedBrief(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const open = indexedDB.open('casefile');
    const db: IDBDatabase = await new Promise((r) => (open.onsuccess = () => r(open.result)));
    const read = <T,>(store: string): Promise<T[]> =>
      new Promise((r) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => r(req.result as T[]);
      });
    const record = (await read<{ name: string; briefNoteId: string }>('cases')).find((c) => c.name === 'Untitled case')!;
    const note = (await read<{ id: string; plainText: string }>('notes')).find((n) => n.id === record.briefNoteId)!;
    db.close();
    return note.plainText;
  });
}

async function typeAtEnd(page: Page, words: string): Promise<void> {
  await briefBox(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(words);
}

/** Put the caret at the end of the brief, ready for `insertText`. */
async function caretAtEnd(page: Page): Promise<void> {
  await briefBox(page).click();
  await page.keyboard.press('Control+End');
}

test('two tabs on one brief: both texts survive, and the conflict is shown and resolved', async ({ page: a, context }) => {
  await openApp(a);
  await newCase(a);
  const b = await context.newPage();
  await openApp(b);
  await expect(b.getByRole('navigation', { name: 'Cases' }).getByRole('button', { name: 'Untitled case', exact: true })).toHaveAttribute('aria-current', /.+/);

  // A types and saves; B, with nothing unsaved, follows.
  await typeAtEnd(a, 'Alpha from tab A.');
  await briefBox(a).blur();
  await expect(saved(a)).toBeVisible();
  await expect(briefBox(b)).toContainText('Alpha from tab A.');
  await expect(b.getByRole('status').filter({ hasText: 'Updated from other tab' })).toBeVisible();

  // B types in turn and saves; A follows.
  await typeAtEnd(b, ' Bravo from tab B.');
  await briefBox(b).blur();
  await expect(saved(b)).toBeVisible();
  await expect(briefBox(a)).toContainText('Alpha from tab A. Bravo from tab B.');

  // Both type before either saves. Whichever saves second is told, with both versions.
  // Each tab's words arrive in one input event, as a paste or an input method sends
  // them, so the other tab's save cannot land in the middle of them; the caret is
  // placed first so the two insertions and the saves follow each other closely.
  await caretAtEnd(a);
  await caretAtEnd(b);
  await a.keyboard.insertText(' Charlie from tab A.');
  await b.keyboard.insertText(' Delta from tab B.');
  await briefBox(a).blur();
  await briefBox(b).blur();
  const conflictIn = async (page: Page) => (await page.getByRole('dialog', { name: 'This note changed in another tab or window' }).count()) > 0;
  await expect.poll(async () => (await conflictIn(a)) || (await conflictIn(b)), { timeout: 15_000 }).toBe(true);
  const [loser, winner] = (await conflictIn(b)) ? [b, a] : [a, b];
  const dialog = loser.getByRole('dialog', { name: 'This note changed in another tab or window' });
  const [theirs, mine] = loser === b ? ['Charlie from tab A.', 'Delta from tab B.'] : ['Delta from tab B.', 'Charlie from tab A.'];
  await expect(dialog.getByRole('region', { name: 'Version from the other tab or window' })).toContainText(theirs);
  await expect(dialog.getByRole('region', { name: 'Version from this tab' })).toContainText(mine);
  await expect(dialog.getByRole('region', { name: 'Version from this tab' })).not.toContainText(theirs);
  await expect(loser.getByRole('status').filter({ hasText: 'Not saved — conflict' })).toBeVisible();
  const axe = await new AxeBuilder({ page: loser }).include('dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await loser.screenshot({ path: test.info().outputPath('conflict.png') });
  // Escape does not throw the choice away.
  await loser.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Combine both' }).click();
  await expect(dialog).toBeHidden();

  const everything = /Alpha from tab A\. Bravo from tab B\. (Charlie from tab A\. Delta from tab B\.|Delta from tab B\. Charlie from tab A\.)/;
  await expect(briefBox(loser)).toContainText(everything);
  await expect(briefBox(winner)).toContainText(everything);
  await expect.poll(() => storedBrief(a)).toMatch(everything);

  // Nothing is left over to offer again after a reload.
  await winner.reload();
  await expect(briefBox(winner)).toContainText(everything);
  await expect(winner.getByRole('dialog', { name: 'This note changed in another tab or window' })).toHaveCount(0);
});

test('a tab closed with an unresolved conflict offers its text again when the note is next opened', async ({ page: a, context }) => {
  await openApp(a);
  await newCase(a);
  const b = await context.newPage();
  await openApp(b);
  await typeAtEnd(a, 'Echo from tab A.');
  await briefBox(a).blur();
  await expect(briefBox(b)).toContainText('Echo from tab A.');

  // Both type; A saves first (B's autosave waits a second after its last key): B is
  // shown the conflict, and B is closed without choosing.
  await caretAtEnd(a);
  await caretAtEnd(b);
  await a.keyboard.insertText(' Golf from tab A.');
  await b.keyboard.insertText(' Foxtrot typed in tab B.');
  await briefBox(a).blur();
  await expect(saved(a)).toBeVisible();
  const dialogB = b.getByRole('dialog', { name: 'This note changed in another tab or window' });
  await expect(dialogB).toBeVisible();
  await b.close();

  // The next page to open the note gets B's text back.
  const c = await context.newPage();
  await openApp(c);
  const dialogC = c.getByRole('dialog', { name: 'This note changed in another tab or window' });
  await expect(dialogC.getByRole('region', { name: 'Version from this tab' })).toContainText('Foxtrot typed in tab B.');
  await dialogC.getByRole('button', { name: 'Combine both' }).click();
  await expect(briefBox(c)).toContainText(/Echo from tab A\. Golf from tab A\. Foxtrot typed in tab B\./);
  await expect.poll(() => storedBrief(c)).toContain('Foxtrot typed in tab B.');
});

test('a note deleted in another tab while this one was typing keeps the typed text as a new note', async ({ page: a, context }) => {
  await openApp(a);
  await newCase(a);
  await a.getByRole('button', { name: 'New note' }).click();
  await a.getByRole('textbox', { name: 'Note title' }).fill('Leads');
  await a.getByRole('textbox', { name: 'Note title' }).press('Enter');
  await expect(a.getByRole('heading', { name: 'Leads' })).toBeVisible();
  const b = await context.newPage();
  await openApp(b);
  await expect(b.getByRole('heading', { name: 'Leads' })).toBeVisible();

  // B is still typing into "Leads" (so its autosave keeps waiting) when A deletes the note.
  await typeAtEnd(b, 'Call the harbour master on Monday.');
  const typing = b.keyboard.type(' Then ask the ferry company for the manifest of the night crossing.', { delay: 40 });
  await a.getByRole('button', { name: 'Delete note “Leads”' }).click();
  // Watched while B still types: on a busy machine the typing can outlast the toast's few seconds.
  const told = expect(b.getByRole('status').filter({ hasText: '“Leads” was deleted in another tab or window. What you typed here is kept in the note “Leads (kept from this tab)”.' })).toBeVisible({ timeout: 15_000 });
  await typing;
  await told;
  const notes = b.getByRole('combobox', { name: 'Open note' });
  await notes.selectOption({ label: 'Leads (kept from this tab)' });
  await expect(briefBox(b)).toContainText('Call the harbour master on Monday.');
});
