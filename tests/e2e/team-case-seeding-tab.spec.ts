/**
 * The seeding member's tabs elect one seeder (ARCHITECTURE.md, "Shared notes"): each tab's sync asks for
 * the Web Lock `casefile-seeding-tab:<caseId>`, and only the tab holding it writes a note's stored text into
 * the note's empty shared document. Two tabs of one profile (one browser context: one IndexedDB, one lock
 * manager) on a case shared with a real sync server on loopback: one tab holds the lock and the other waits
 * in line; when the holder closes, the waiting tab holds it; and the brief's text is in its document once.
 */
import { expect, test, type Page } from '@playwright/test';
import { useLoopbackSyncServer } from './helpers/syncServer';
import { briefBox, caseMenu, newCase, openApp } from './helpers/app';

const BRIEF = 'Seeded once: the harbour master was paid twice.';
const PREFIX = 'casefile-seeding-tab:';

const syncServer = useLoopbackSyncServer('casefile-e2e-seeding-');

function syncStatus(page: Page) {
  return page.getByRole('complementary', { name: 'Sync' }).getByRole('status');
}

/** Who holds the seeding lock of any case and who waits for it, by lock-manager client ID. */
async function seedingLocks(page: Page): Promise<{ held: string[]; pending: string[] }> {
  return page.evaluate(async (prefix) => {
    const state = await navigator.locks.query();
    const of = (locks: LockInfo[] | undefined) => (locks ?? []).filter((l) => l.name?.startsWith(prefix)).map((l) => l.clientId ?? '');
    return { held: of(state.held), pending: of(state.pending) };
  }, PREFIX);
}

/** The page's client ID in the lock manager: it takes a lock of its own and reads who holds it. */
async function lockClient(page: Page, tag: string): Promise<string> {
  return page.evaluate(async (name) => {
    let taken: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (taken = resolve));
    void navigator.locks.request(name, () => {
      taken();
      return new Promise<void>(() => undefined);
    });
    await held;
    const state = await navigator.locks.query();
    return state.held?.find((l) => l.name === name)?.clientId ?? '';
  }, `e2e-probe:${tag}`);
}

test('of one member’s two tabs only one seeds, and the other takes over when it closes', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  try {
    const first = await context.newPage();
    await openApp(first);
    await newCase(first);
    // Written before sharing: the text the brief's shared document is seeded with.
    await briefBox(first).click();
    await first.keyboard.type(BRIEF);
    await expect(first.locator('.brief-status')).toHaveText('Saved');
    await caseMenu(first, 'Share case…');
    const share = first.getByRole('dialog', { name: 'Share case' });
    await share.getByRole('textbox', { name: 'Server address' }).fill(syncServer().url);
    await share.getByRole('button', { name: 'Share' }).click();
    await expect(share.getByRole('textbox', { name: 'Invitation' })).toHaveValue(/^casefile:\/\/join\?/);
    await share.getByRole('button', { name: 'Close' }).click();
    await expect(syncStatus(first)).toHaveText('Synced');

    // The same profile in a second tab: it opens the shared case and its brief, and asks for the lock too.
    const second = await context.newPage();
    await openApp(second);
    await expect(second.getByRole('navigation', { name: 'Cases' }).getByRole('button', { name: 'Untitled case', exact: true })).toHaveAttribute('aria-current', /.+/);
    await expect(syncStatus(second)).toHaveText('Synced');
    await expect(briefBox(second)).toHaveText(BRIEF);

    const clients = new Map([
      [await lockClient(first, 'first'), first],
      [await lockClient(second, 'second'), second],
    ]);
    expect(clients.size).toBe(2);
    // One seeding tab, the other in line behind it.
    await expect.poll(() => seedingLocks(first), { timeout: 15_000 }).toEqual({ held: [expect.any(String)], pending: [expect.any(String)] });
    const { held, pending } = await seedingLocks(first);
    const seeder = clients.get(held[0]!);
    const waiting = clients.get(pending[0]!);
    expect(seeder, 'the seeding lock is held by one of the two tabs').toBeDefined();
    expect(waiting, 'the other tab waits for it').toBeDefined();
    expect(seeder).not.toBe(waiting);

    // The brief was seeded once: each tab shows its text once.
    for (const page of [first, second]) await expect(briefBox(page)).toHaveText(BRIEF);

    // The seeding tab closes: the waiting tab now holds the lock, and nobody waits.
    await seeder!.close();
    await expect.poll(() => seedingLocks(waiting!), { timeout: 15_000 }).toEqual({ held: [pending[0]], pending: [] });
    await expect(briefBox(waiting!)).toHaveText(BRIEF);

    // A reload of the remaining tab (a new client) finds the document seeded and seeds nothing again.
    await waiting!.reload();
    await expect(syncStatus(waiting!)).toHaveText('Synced');
    await expect(briefBox(waiting!)).toHaveText(BRIEF);
    await expect.poll(async () => (await seedingLocks(waiting!)).held.length, { timeout: 15_000 }).toBe(1);
  } finally {
    await context.close();
  }
});
