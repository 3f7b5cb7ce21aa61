/**
 * A sync server's refusal in Spanish: the server sends its refusal's stable name with its English
 * (shared/sync/refusal.ts), and the app says it in the UI's language. Two Spanish profiles and a real sync
 * server on loopback: an invitation whose signature was changed is refused, and the Join dialog says why
 * in Spanish, with no English left in it.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { useLoopbackSyncServer } from './helpers/syncServer';

test.use({ locale: 'es-ES' });

const syncServer = useLoopbackSyncServer('casefile-e2e-sync-es-');

async function spanishProfile(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'es-ES' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  return page;
}

async function caseMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Caso', exact: true }).click();
  await page.getByRole('menu', { name: 'Caso' }).getByRole('menuitem', { name: item, exact: true }).click();
}

test('a sync server’s refusal of an invitation speaks Spanish', async ({ browser }) => {
  test.setTimeout(90_000);
  const a = await spanishProfile(browser);
  const b = await spanishProfile(browser);
  try {
    await a.getByRole('button', { name: 'Nuevo caso' }).click();
    await expect(a.getByRole('textbox', { name: /^Nombre del caso/ })).toBeFocused();
    await a.keyboard.press('Enter');
    await caseMenu(a, 'Compartir caso…');
    const share = a.getByRole('dialog', { name: 'Compartir caso' });
    await share.getByRole('textbox', { name: 'Dirección del servidor' }).fill(syncServer().url);
    await share.getByRole('button', { name: 'Compartir', exact: true }).click();
    const invitation = share.getByRole('textbox', { name: 'Invitación' });
    await expect(invitation).toHaveValue(/^casefile:\/\/join\?/);
    const link = await invitation.inputValue();
    await share.getByRole('button', { name: 'Cerrar' }).click();
    await expect(a.getByRole('complementary', { name: 'Sincronización' }).getByRole('status')).toHaveText('Sincronizado');

    // The same invitation with another signature: the server refuses it as not its own.
    const forged = link.replace(/\.([A-Za-z0-9_-]{43})$/u, (_m, mac: string) => `.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`);
    expect(forged).not.toBe(link);
    await caseMenu(b, 'Unirse a un caso…');
    const join = b.getByRole('dialog', { name: 'Unirse a un caso' });
    await join.getByRole('textbox', { name: 'Invitación' }).fill(forged);
    await join.getByRole('button', { name: 'Unirse', exact: true }).click();
    const alert = join.getByRole('alert');
    await expect(alert).toHaveText(
      'El servidor de sincronización rechazó esta invitación: Esta invitación no la emitió este servidor, o el secreto del servidor ha cambiado. Pide una invitación nueva. No se ha guardado nada.',
    );
    await expect(alert).not.toContainText(/invitation|server|issued/i);
  } finally {
    await a.context().close();
    await b.context().close();
  }
});
