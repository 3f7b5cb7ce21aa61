import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MENU_COMMANDS, type MenuCommand } from '../../shared/ipc/menu';
import { caseMenu, fixture, importThroughChooser, newCase, openApp, sourceItems, sourceRegion } from './helpers/app';
import { bridgeLog, clickDesktopMenu, installFakeDesktopBridge } from './helpers/desktop';
import { clickText, selectWithMouse } from './helpers/select';

const SAMPLE = 'Sample case: the EncroChat takedown';
const SCREENSHOTS = fileURLToPath(new URL('../../resources/screenshots/', import.meta.url));

/**
 * The main screen as it is, for resources/screenshots/ (the README and the acceptance): written there
 * with `CASEFILE_UPDATE_SCREENSHOT=1 npm run test:e2e -- shell.spec`, otherwise next to the test's results,
 * and the committed file is checked to be a PNG of the size taken.
 */
async function mainScreenshot(page: Page, name: string): Promise<void> {
  const shot = await page.screenshot({ type: 'png' });
  const committed = `${SCREENSHOTS}${name}`;
  writeFileSync(process.env.CASEFILE_UPDATE_SCREENSHOT === '1' ? committed : test.info().outputPath(name), shot);
  expect(existsSync(committed), `resources/screenshots/${name} is committed`).toBe(true);
  const png = readFileSync(committed);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1440, 900]);
}

async function seriousAxe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function theme(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.documentElement.dataset.theme);
}

/** The UI zoom: the factor on <html> ('' at 100 %), checked against the root font size it scales. */
async function zoom(page: Page): Promise<string> {
  return page.evaluate(() => {
    const factor = document.documentElement.style.getPropertyValue('--ui-zoom');
    const size = parseFloat(getComputedStyle(document.documentElement).fontSize);
    return Math.abs(size - 15 * Number(factor || 1)) < 0.01 ? factor : `font size ${size}px does not match ${factor}`;
  });
}

/** The sample case's main screen, settled: source shown, citations numbered. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: /^(Source|Fuente)$/ })).toContainText('746 arrests');
  await expect(page.getByRole('link', { name: /^(Citation|Cita) 3/ }).first()).toBeVisible();
}

async function expectOpened(page: Page, channel: string, title: string | RegExp): Promise<void> {
  await expect.poll(async () => (await bridgeLog(page)).invokes.filter((i) => i.channel === channel).map((i) => i.title ?? i.suggestedName ?? '')).toContainEqual(expect.stringMatching(title));
}

async function closeDialog(page: Page, name: string | RegExp): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name })).toHaveCount(0);
}

/**
 * What each desktop menu command visibly does, with the sample case open and its source shown. A typed
 * record: a command added to shared/ipc/menu.ts without an entry here fails to compile.
 */
const EFFECTS: Record<MenuCommand, (page: Page) => Promise<void>> = {
  'import-source': (page) => expectOpened(page, 'cf:file:open', 'Import source'),
  'import-url': async (page) => {
    await expect(page.getByRole('dialog', { name: 'Import from URL' }).getByRole('textbox', { name: 'Address' })).toBeVisible();
    await closeDialog(page, 'Import from URL');
  },
  'update-source': (page) => expectOpened(page, 'cf:file:open', /^Update “Inside the EncroChat takedown/),
  'edit-source': async (page) => {
    await expect(page.getByRole('dialog', { name: 'Source details' })).toBeVisible();
    await closeDialog(page, 'Source details');
  },
  'import-case': (page) => expectOpened(page, 'cf:file:open', 'Import case'),
  'export-case': async (page) => {
    const dialog = page.getByRole('dialog', { name: 'Export case' });
    await expect(dialog.getByRole('radio', { name: /^Casefile bundle/ })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: /^JSON/ })).not.toBeChecked();
    await closeDialog(page, 'Export case');
  },
  'restore-backup': async (page) => {
    await expect(page.getByRole('dialog', { name: 'Restore from backup' })).toBeVisible();
    await closeDialog(page, 'Restore from backup');
  },
  'import-annotations': async (page) => {
    await expectOpened(page, 'cf:file:open', 'Import annotations');
    await expect(page.locator('.toasts')).toContainText('Import cancelled.');
  },
  'export-annotations': (page) => expectOpened(page, 'cf:file:save', /^Sample-case-the-EncroChat-takedown\.annotations\.jsonld$/),
  'export-brief': async (page) => {
    const dialog = page.getByRole('dialog', { name: 'Export brief' });
    await expect(dialog.getByText(/All \d+ citations check out\./)).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
  },
  settings: async (page) => {
    await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('radio', { name: 'Same as the system' })).toBeChecked();
    await closeDialog(page, 'Settings');
  },
  find: async (page) => {
    await expect(page.getByRole('searchbox', { name: 'Find in source' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('searchbox', { name: 'Find in source' })).toHaveCount(0);
  },
  'command-palette': async (page) => {
    await expect(page.getByRole('combobox', { name: 'Search or run a command' })).toBeFocused();
    await closeDialog(page, 'Command palette');
  },
  'toggle-theme': async (page) => {
    expect(await theme(page)).toBe('dark');
    await clickDesktopMenu(page, 'toggle-theme');
    await expect.poll(() => theme(page)).toBe('light');
  },
  'zoom-in': async (page) => {
    await expect.poll(() => zoom(page)).toBe('1.1');
    await expect(page.locator('.toasts')).toContainText('Zoom: 110 %');
  },
  'zoom-out': async (page) => {
    // From 110 % (zoom-in ran just before): back to 100 %.
    await expect.poll(() => zoom(page)).toBe('');
    await clickDesktopMenu(page, 'zoom-out');
    await expect.poll(() => zoom(page)).toBe('0.9');
  },
  'zoom-reset': (page) => expect.poll(() => zoom(page)).toBe(''),
  // Last: it opens another case.
  'new-case': async (page) => {
    await expect(page.getByRole('navigation', { name: 'Cases' }).getByRole('button', { name: 'Untitled case', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText('No source yet')).toBeVisible();
  },
};

test('every desktop menu command, sent through the desktop bridge, does what it says', async ({ page }) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addInitScript(installFakeDesktopBridge, undefined);
  await openApp(page);
  await settled(page);
  // The UI told main which language to build its menu in.
  await expect.poll(async () => (await bridgeLog(page)).invokes.filter((i) => i.channel === 'cf:menu:locale').map((i) => i.locale)).toEqual(['en']);

  const order = Object.keys(EFFECTS) as MenuCommand[];
  expect([...order].sort()).toEqual([...MENU_COMMANDS].sort());
  for (const command of order) {
    await test.step(command, async () => {
      await clickDesktopMenu(page, command);
      await EFFECTS[command](page);
    });
  }
});

test('a command that cannot run now says why, from the menu as from the keyboard', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  // No source in the new case: Update source… and Find have nothing to act on.
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('alert')).toHaveText('“Find in source” is not available now: open a source first.');
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('update source');
  await expect(page.getByRole('dialog', { name: 'Command palette' }).getByRole('option')).toHaveCount(0);
  await page.keyboard.press('Escape');
});

test('shortcuts of the browser build: Ctrl+E exports the brief, Ctrl+, opens Settings, Ctrl+Shift+P the palette', async ({ page }) => {
  await openApp(page);
  await settled(page);
  await page.keyboard.press('Control+e');
  await expect(page.getByRole('dialog', { name: 'Export brief' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Export brief' }).getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  // The palette shows each command's shortcut, announced with aria-keyshortcuts.
  await expect(page.getByRole('option', { name: 'Export brief', exact: true })).toHaveAttribute('aria-keyshortcuts', 'Control+E');
});

test('dark mode follows the system and has its toggle; the main screen stays axe-clean in it', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page);
  await settled(page);
  expect(await theme(page)).toBe('dark');
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const background = await page.evaluate(() => getComputedStyle(document.querySelector('.reader')!).backgroundColor);
  expect(background).toBe('rgb(30, 33, 37)');
  await mainScreenshot(page, 'main-dark.png');
  expect(await seriousAxe(page)).toEqual([]);

  // The Case menu, a dialog and the palette in dark mode.
  await page.getByRole('button', { name: 'Case', exact: true }).click();
  expect(await seriousAxe(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await caseMenu(page, 'Export case');
  expect(await seriousAxe(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: /Claims/ }).click();
  expect(await seriousAxe(page)).toEqual([]);

  // The toggle is an explicit choice: it stays light when the system turns dark again, after a reload too.
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  expect(await theme(page)).toBe('light');
  await page.reload();
  await expect(sourceRegion(page)).toContainText('746 arrests');
  expect(await theme(page)).toBe('light');
  // Settings › Appearance › Same as the system follows it again, live.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('radio', { name: 'Same as the system' }).check();
  expect(await theme(page)).toBe('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => theme(page)).toBe('light');
});

test.describe('in Spanish', () => {
  test.use({ locale: 'es-ES' });

  test('the UI follows a Spanish system, the desktop menu too, and English can be chosen in Settings', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.addInitScript(installFakeDesktopBridge, undefined);
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await settled(page);
    await expect(page.getByRole('button', { name: 'Nuevo caso' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Informe' })).toHaveAttribute('aria-selected', 'true');
    await mainScreenshot(page, 'main-es.png');
    expect(await seriousAxe(page)).toEqual([]);
    await expect.poll(async () => (await bridgeLog(page)).invokes.filter((i) => i.channel === 'cf:menu:locale').map((i) => i.locale)).toEqual(['es']);

    await page.getByRole('button', { name: 'Caso', exact: true }).click();
    const menu = page.getByRole('menu', { name: 'Caso' });
    await expect(menu.getByRole('menuitem')).toHaveText(['Exportar caso', 'Importar caso', 'Restaurar desde copia de seguridad…', 'Exportar anotaciones', 'Importar anotaciones', 'Abrir la papelera', 'Compartir caso…', 'Unirse a un caso…']);
    expect(await seriousAxe(page)).toEqual([]);
    await page.keyboard.press('Escape');

    // The desktop menu's accelerator (Ctrl+K) is main's; here the menu item is clicked.
    await clickDesktopMenu(page, 'command-palette');
    await expect(page.getByRole('dialog', { name: 'Paleta de comandos' }).getByRole('group', { name: 'Comandos' }).getByRole('option').first()).toHaveText('Importar un archivo…');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Ajustes' }).click();
    const settings = page.getByRole('dialog', { name: 'Ajustes' });
    await expect(settings.getByRole('combobox', { name: 'Idioma' })).toHaveValue('system');
    await settings.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Language' })).toHaveValue('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect.poll(async () => (await bridgeLog(page)).invokes.filter((i) => i.channel === 'cf:menu:locale').map((i) => i.locale)).toEqual(['es', 'en']);
    await page.keyboard.press('Escape');
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Cases' })).toBeVisible();
  });
});

test('UI zoom: Ctrl + = − 0, remembered, and reading and highlighting work zoomed', async ({ page }) => {
  await openApp(page);
  await settled(page);
  await page.keyboard.press('Control+=');
  await page.keyboard.press('Control+=');
  await page.keyboard.press('Control+=');
  await expect.poll(() => zoom(page)).toBe('1.5');
  await page.keyboard.press('Control+-');
  await expect.poll(() => zoom(page)).toBe('1.25');
  await page.reload();
  await settled(page);
  expect(await zoom(page)).toBe('1.25');

  // Hit-testing and selection map through the zoom: select with the mouse, highlight, click it again.
  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await selectWithMouse(page, '3.2 tonnes of cocaine');
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  const card = page.getByRole('dialog', { name: 'Passage' });
  await expect(card).toContainText('3.2 tonnes of cocaine');
  await card.getByRole('button', { name: 'Close passage' }).click();
  await clickText(page, 'tonnes of');
  await expect(card).toContainText('3.2 tonnes of cocaine');

  await page.keyboard.press('Control+0');
  await expect.poll(() => zoom(page)).toBe('');
});

test('each case remembers its splitter, its front tab and its source; the palette offers recent cases', async ({ page }) => {
  await openApp(page);
  await settled(page);
  const handle = page.getByRole('separator', { name: 'Resize source and brief' });
  await handle.focus();
  await page.keyboard.press('End');
  await expect(handle).toHaveAttribute('aria-valuenow', '75');
  await page.getByRole('tab', { name: /Claims/ }).click();

  await newCase(page);
  await importThroughChooser(page, fixture('articles/harbour-seizure.txt'));
  await importThroughChooser(page, fixture('search/ferry-timetable.txt'));
  await sourceItems(page).filter({ hasText: 'Customs officers' }).getByRole('button').first().click();
  await expect(sourceRegion(page)).toContainText('Port Velden');
  await handle.focus();
  await page.keyboard.press('Home');
  await expect(handle).toHaveAttribute('aria-valuenow', '25');
  await expect(page.getByRole('tab', { name: /Claims/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Brief' }).click();

  // Back in the sample case: its own split and tab. The palette lists the new case as a recent one.
  await page.keyboard.press('Control+k');
  const recent = page.getByRole('dialog', { name: 'Command palette' }).getByRole('group', { name: 'Recent cases' });
  await expect(recent.getByRole('option')).toHaveText([`Open case: ${SAMPLE}`]);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: SAMPLE, exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(handle).toHaveAttribute('aria-valuenow', '75');
  await expect(page.getByRole('tab', { name: /Claims/ })).toHaveAttribute('aria-selected', 'true');

  // After a reload, the untitled case still opens on its own layout and the source last shown.
  await page.reload();
  await page.getByRole('button', { name: 'Untitled case', exact: true }).click();
  await expect(sourceRegion(page)).toContainText('Port Velden');
  await expect(handle).toHaveAttribute('aria-valuenow', '25');
  await expect(page.getByRole('tab', { name: 'Brief' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+k');
  await expect(recent.getByRole('option')).toHaveText([`Open case: ${SAMPLE}`]);
});
