import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fixture } from './helpers/app';
import { selectWithMouse } from './helpers/select';

/**
 * The screens beyond the shell, in Spanish: the passage list, the passage card and the selection toolbar, the Trash and the
 * Export brief dialog show the Spanish catalogue (and no English left in them), with no serious or critical
 * axe violations. Names here are the Spanish ones a person reads; the English names stay the contract of the
 * other specs.
 */
test.use({ locale: 'es-ES' });

async function seriousAxe(page: Page, include: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(include).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(', ')}`);
}

/** Words of the English UI that a converted screen must no longer show. */
async function expectNoEnglish(scope: Locator, words: readonly string[]): Promise<void> {
  const text = await scope.innerText();
  for (const word of words) expect(text, `“${word}” is still English`).not.toContain(word);
}

test('the passage list and card, the codebook, Import from URL and its host’s refusal, the claims panel, the Trash and the Export brief dialog speak Spanish', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Fuente' })).toContainText('746 arrests');
  await expect(page.getByRole('article', { name: /^Texto de Inside the EncroChat takedown/ })).toBeVisible();

  // The passage list.
  const passages = page.getByRole('list', { name: 'Pasajes' });
  await expect(passages.getByRole('listitem')).toHaveCount(5);
  await expect(page.getByRole('heading', { name: 'Pasajes' })).toBeVisible();
  // The codebook, its counts in Spanish plurals.
  await expect(page.getByRole('heading', { name: 'Libro de códigos' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Filtrar por la etiqueta arrests \(1 pasaje( · \d+ afirmaci(ón|ones))?\)$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nueva etiqueta' })).toBeVisible();
  // Import from URL, with its local-network setting.
  await page.getByRole('button', { name: 'Importar desde URL…' }).click();
  const urlDialog = page.getByRole('dialog', { name: 'Importar desde URL' });
  await expect(urlDialog.getByRole('textbox', { name: 'Dirección' })).toBeVisible();
  await expect(urlDialog.getByRole('checkbox', { name: 'Permitir direcciones de la red local' })).not.toBeChecked();
  await expectNoEnglish(urlDialog, ['Address', 'Allow local network', 'Off by default', 'fetches']);
  expect(await seriousAxe(page, 'dialog')).toEqual([]);
  // The host refuses an address on this computer; its reason travels as a code and is said in Spanish.
  await urlDialog.getByRole('textbox', { name: 'Dirección' }).fill('http://127.0.0.1:9/');
  await urlDialog.getByRole('button', { name: 'Importar', exact: true }).click();
  const urlRefusal = urlDialog.getByRole('alert');
  await expect(urlRefusal).toContainText(
    'Casefile no descarga 127.0.0.1:9: es una dirección de este ordenador (loopback), no una dirección de internet. Para importar una página de una intranet o de este ordenador, activa «Permitir direcciones de la red local».',
  );
  await expectNoEnglish(urlRefusal, ['does not fetch', 'not an address', 'turn on', 'this computer']);
  await urlDialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(urlDialog).toBeHidden();

  // The claims panel's own controls.
  await page.getByRole('tab', { name: /^Afirmaciones/ }).click();
  const claims = page.getByRole('region', { name: 'Afirmaciones' });
  await expect(claims.getByRole('list', { name: 'Afirmaciones de este caso' }).getByRole('listitem')).toHaveCount(2);
  await expect(claims.getByRole('searchbox', { name: 'Buscar afirmaciones' })).toBeVisible();
  await expect(claims.getByRole('button', { name: 'Sugerir afirmaciones' })).toBeVisible();
  await expect(claims.getByRole('combobox', { name: 'Filtrar por etiqueta' })).toContainText('Todas las etiquetas');
  await expect(claims.getByRole('combobox', { name: 'Filtrar por estado' })).toContainText('Sin verificar');
  await expect(claims.getByRole('listitem').getByText('Respaldada', { exact: true })).toBeVisible();
  await expect(claims.getByText('1 fuente independiente').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Informe' }).click();

  // The brief's editor and its toolbar.
  const formatting = page.getByRole('toolbar', { name: 'Formato' });
  await expect(formatting.getByRole('button', { name: 'Negrita' })).toBeVisible();
  await expect(formatting.getByRole('combobox', { name: 'Tipo de bloque' })).toHaveValue('paragraph');
  await expect(page.getByRole('textbox', { name: 'Informe' })).toBeVisible();

  // A new highlight from the selection toolbar opens its card.
  await selectWithMouse(page, 'shut down 19 laboratories');
  const toolbar = page.getByRole('toolbar', { name: 'Acciones de la selección' });
  await expect(toolbar.getByRole('button')).toHaveText(['Resaltar', 'Nueva afirmación', 'Comentar', 'Citar en el informe']);
  await toolbar.getByRole('button', { name: 'Resaltar' }).click();
  const card = page.getByRole('dialog', { name: 'Pasaje' });
  await expect(card).toContainText('shut down 19 laboratories');
  await expect(card.getByRole('textbox', { name: 'Comentario' })).toBeVisible();
  await expect(card.getByRole('combobox', { name: 'Etiquetas' })).toHaveAttribute('placeholder', 'Añadir una etiqueta…');
  await expect(card.getByRole('button', { name: 'Cerrar el pasaje' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Citar en el informe' })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Reproducir en el informe' })).toBeVisible();
  await expectNoEnglish(card, ['Comment', 'Cite in brief', 'Quote in brief', 'Delete passage']);
  expect(await seriousAxe(page, '.passage-card')).toEqual([]);
  // The card may reach below the window (a new highlight low in the text): pressed from the keyboard.
  await card.getByRole('button', { name: 'Eliminar el pasaje' }).press('Enter');
  await expect(card).toBeHidden();

  // The Trash lists it, in Spanish, with a Restore button named for it.
  await page.getByRole('button', { name: 'Papelera (1 elemento)' }).click();
  const trash = page.getByRole('dialog', { name: 'Papelera' });
  await expect(trash).toContainText('Lo que eliminas se queda aquí 30 días');
  await expect(trash.getByRole('heading', { name: /^Lo eliminado de «/ })).toBeVisible();
  // Its detail line says where it was, in Spanish (made by the Trash's query, not the dialog).
  await expect(trash.getByRole('listitem')).toContainText([/Pasaje en «/]);
  await expect(trash.getByRole('listitem')).toContainText([/Eliminación: /]);
  await expect(trash.getByRole('button', { name: /^Restaurar el pasaje .*shut down 19 laboratories/ })).toBeVisible();
  await expect(trash.getByRole('button', { name: 'Vaciar la papelera' })).toBeVisible();
  await expectNoEnglish(trash, ['What you delete', 'Deleted from', 'Restore', 'Empty trash', 'Close', 'Passage in']);
  expect(await seriousAxe(page, '.trash-dialog')).toEqual([]);
  await trash.getByRole('button', { name: 'Vaciar la papelera' }).click();
  await expect(trash.getByRole('group')).toContainText('¿Eliminar definitivamente todo lo que hay en la papelera? Es 1 elemento');
  await expect(trash.getByRole('button', { name: 'Cancelar' })).toBeFocused();
  await trash.getByRole('button', { name: 'Cancelar' }).click();
  await trash.getByRole('button', { name: 'Cerrar' }).click();
  await expect(trash).toBeHidden();

  // Export brief: every choice, the citation check and the buttons in Spanish.
  await page.getByRole('button', { name: 'Exportar informe', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Exportar informe' });
  await expect(dialog.getByText(/^Las \d+ citas son correctas\.$/)).toBeVisible();
  for (const name of ['Markdown', 'PDF', 'HTML', 'Word (DOCX)', 'Notas al pie', 'Notas al final']) await expect(dialog.getByRole('radio', { name, exact: true })).toBeVisible();
  for (const name of ['Bibliografía', 'Anexo de afirmaciones', 'Tabla de pruebas']) await expect(dialog.getByRole('checkbox', { name })).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Estilo de cita' })).toContainText('(predeterminado)');
  await dialog.getByRole('radio', { name: 'PDF' }).check();
  await expect(dialog.getByRole('combobox', { name: 'Tamaño de página' })).toBeVisible();
  await dialog.getByText('Más exportaciones').click();
  await expect(dialog.getByRole('button', { name: 'Bibliografía en BibTeX' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Exportar', exact: true })).toBeEnabled();
  await expectNoEnglish(dialog, ['Citation style', 'Footnotes', 'Include', 'Page size', 'More exports', 'check out', 'Close']);
  expect(await seriousAxe(page, '.export-dialog')).toEqual([]);
  await dialog.getByRole('button', { name: 'Cerrar' }).click();
  await expect(dialog).toBeHidden();
});

test('the brief’s citation tools, a cited passage’s delete confirmation, Find, an import, its errors and its report speak Spanish', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  const brief = page.getByRole('textbox', { name: 'Informe' });
  await expect(brief.getByRole('link', { name: 'Cita 2' })).toBeVisible();

  // Locators in the passage list follow the UI's language.
  const passages = page.getByRole('list', { name: 'Pasajes' });
  await expect(passages.getByRole('listitem').first()).toContainText(/ · párr\. \d+/);

  // Check citations, the outline and the word count.
  await page.getByRole('button', { name: 'Comprobar las citas' }).click();
  const check = page.getByRole('region', { name: 'Comprobación de las citas' });
  await expect(check.getByRole('status')).toHaveText('Todas las citas son correctas.');
  await expect(check.getByRole('button', { name: 'Volver a comprobar' })).toBeVisible();
  await expect(page.locator('.brief-words')).toHaveText(/^[\d.]+ palabras$/);
  await page.getByRole('button', { name: /^Esquema/ }).click();
  await expect(page.getByRole('navigation', { name: 'Esquema' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remitir a una afirmación…' })).toBeVisible();
  await expectNoEnglish(page.locator('.brief-tools'), ['Check', 'Outline', 'Refer to claim', 'words', 'Close']);

  // Deleting a cited passage asks first, in Spanish; Cancel leaves it.
  await passages.getByRole('button', { name: /£54 million in cash/ }).click();
  const card = page.getByRole('dialog', { name: 'Pasaje' });
  await expect(card).toContainText(/ · párr\. \d+/);
  await card.getByRole('button', { name: 'Eliminar el pasaje' }).click();
  const confirm = card.getByRole('alertdialog');
  await expect(confirm).toContainText('Este pasaje se cita en «Brief» (cita 2). Si lo eliminas, esas citas se quedan donde están');
  await expect(confirm.getByRole('button', { name: 'Eliminar el pasaje citado' })).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancelar' }).click();
  await expect(confirm).toBeHidden();
  await card.getByRole('button', { name: 'Cerrar el pasaje' }).click();

  // Find in source: its bar, its count and its buttons.
  await page.getByRole('button', { name: 'Buscar', exact: true }).click();
  const find = page.getByRole('search', { name: 'Buscar en la fuente' });
  await find.getByRole('searchbox', { name: 'Buscar en la fuente' }).fill('arrests');
  await expect(find.getByRole('status')).toHaveText(/^1 de \d+$/);
  await expect(find.getByRole('button', { name: 'Coincidencia siguiente' })).toBeEnabled();
  await find.getByRole('searchbox', { name: 'Buscar en la fuente' }).fill('zzzyx');
  await expect(find.getByRole('status')).toHaveText('Sin coincidencias');
  await expect(find.getByRole('button', { name: 'Cerrar la búsqueda' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(find).toBeHidden();

  // A new case; a refused file says why in Spanish (the message is made in the import worker).
  await page.getByRole('button', { name: 'Nuevo caso' }).click();
  await expect(page.getByRole('textbox', { name: /^Nombre del caso/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Todavía no hay ninguna fuente')).toBeVisible();
  const choose = async (file: string | { name: string; mimeType: string; buffer: Buffer }) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Importar fuente' }).click();
    await (await chooser).setFiles(file);
  };
  await choose({ name: 'vacío.txt', mimeType: 'text/plain', buffer: Buffer.from('   \n') });
  await expect(page.getByRole('alert')).toHaveText('«vacío.txt» está vacío: no hay texto que importar.');
  await page.getByRole('button', { name: 'Descartar el mensaje' }).click();
  await choose({ name: 'foto.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]) });
  await expect(page.getByRole('alert')).toHaveText(/^«foto\.txt» parece un archivo binario \(una imagen PNG\), no de texto\. Elige el artículo guardado como /);
  await page.getByRole('button', { name: 'Descartar el mensaje' }).click();

  // An import that leaves hidden text out: the toast, the reader's note and the hidden-text dialog.
  await choose(fixture('html/hidden-text.html'));
  const toast = page.locator('.toasts');
  await expect(toast).toContainText('Se ha importado «Quay works start on Monday». Se han omitido 6 bloques ocultos: consulta la nota que hay encima del texto.');
  const note = page.getByRole('region', { name: 'Fuente' }).getByRole('note');
  await expect(note).toContainText('Se han omitido 6 bloques ocultos: texto que esta página oculta a sus lectores.');
  await note.getByRole('button', { name: 'Mostrar el texto oculto' }).click();
  const hidden = page.getByRole('dialog', { name: 'Texto oculto omitido' });
  await expect(hidden).toContainText('«Quay works start on Monday» oculta a sus lectores 6 bloques (con el atributo hidden');
  await expect(hidden.getByRole('listitem')).toHaveCount(6);
  await expectNoEnglish(hidden, ['hides', 'left out', 'for the record', 'Close']);
  expect(await seriousAxe(page, 'dialog[open]')).toEqual([]);
  await hidden.getByRole('button', { name: 'Cerrar' }).click();
  await expect(hidden).toBeHidden();

  // Source details, with the snapshot's part of the import report.
  await page.getByRole('region', { name: 'Fuente' }).getByRole('button', { name: 'Editar datos' }).click();
  const details = page.getByRole('dialog', { name: 'Datos de la fuente' });
  await expect(details.getByRole('combobox', { name: 'Tipo' })).toBeVisible();
  await expect(details).toContainText('6 bloques ocultos omitidos');
  await expect(details.getByRole('button', { name: 'Volver a abrir con otra codificación…' })).toBeVisible();
  await expectNoEnglish(details, ['Title', 'Authors', 'Snapshot', 'Original file', 'Hidden text', 'Save details']);
  await details.getByRole('button', { name: 'Cancelar' }).click();
  await expect(details).toBeHidden();

  // The same file again: already in the case.
  await choose(fixture('html/hidden-text.html'));
  await expect(toast).toContainText('«hidden-text.html» ya está en este caso como «Quay works start on Monday».');
});
