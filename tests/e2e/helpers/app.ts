import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function fixture(relative: string): string {
  return fileURLToPath(new URL(`../../fixtures/${relative}`, import.meta.url));
}

export function readFixture(relative: string): string {
  return readFileSync(fixture(relative), 'utf8');
}

/** Open the app and wait until the workspace is interactive. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Cases' })).toBeVisible();
}

export function sourceRegion(page: Page): Locator {
  return page.getByRole('region', { name: 'Source' });
}

export function briefBox(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Brief' });
}

export function sourceItems(page: Page): Locator {
  return page.getByRole('list', { name: 'Sources in this case' }).getByRole('listitem');
}

/** Import through the real file chooser, as a user would. */
export async function importThroughChooser(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import source' }).click();
  await (await chooser).setFiles(file);
}

/** Choose an item of the title bar's Case menu (Export case, Import case, the W3C annotations…), as a person would. */
export async function caseMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Case', exact: true }).click();
  await page.getByRole('menu', { name: 'Case' }).getByRole('menuitem', { name: item, exact: true }).click();
}

/** Import a `.casefile` bundle through the Case menu's Import case file chooser. */
export async function importBundle(page: Page, file: string | { name: string; bytes: Uint8Array }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await caseMenu(page, 'Import case');
  await (await chooser).setFiles(typeof file === 'string' ? file : { name: file.name, mimeType: 'application/zip', buffer: Buffer.from(file.bytes) });
}

/** Whitespace-insensitive form of a text, for comparing what a reader shows with what a file holds. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Open "Import from URL…" and set "Allow local network addresses" as asked. Tests
 * serve their pages from loopback, which Casefile refuses unless the setting is on.
 */
export async function openUrlDialog(page: Page, { allowLocal }: { allowLocal: boolean }): Promise<Locator> {
  await page.getByRole('button', { name: 'Import from URL…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from URL' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Allow local network addresses' }).setChecked(allowLocal);
  return dialog;
}

/** Create a new, empty case and wait until it is the active one. */
export async function newCase(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New case' }).click();
  await expect(page.getByRole('textbox', { name: /^Name of case/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('No source yet')).toBeVisible();
}
