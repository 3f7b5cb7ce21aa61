import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { harbourCase } from '../fixtures/export/harbourCase';
import { fixture } from './helpers/app';
import { writeCase } from './helpers/seed';

/**
 * The case views in Spanish: the Timeline (tools, status, dates with Spanish month names and word order,
 * precisions, statuses, the chosen event, the axis's name), the Entities pane and the Evidence map, each
 * with no English left in it and no serious or critical axe violations. (spanish.spec.ts covers the
 * shell's other screens.) Also a claim's detail, Suggest claims, Export ClaimReview, Edit details, Import references and refusals made by the database and the reference parser, which spanish.spec
 * does not open.
 */
test.use({ locale: 'es-ES' });

test('the Timeline speaks Spanish: tools, status, dates, precisions and the chosen event', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importar fuente', exact: true }).click();
  await (await chooser).setFiles(fixture('views/ferry-inquiry.md'));
  await expect(page.getByRole('region', { name: 'Fuente' })).toContainText('The Maritime Safety Board opened a formal inquiry');

  await page.getByRole('tab', { name: 'Cronología' }).click();
  const pane = page.getByRole('region', { name: 'Cronología' });
  await expect(pane.getByRole('status')).toHaveText(/^\d+ hechos con fecha\.$/);
  await expect(pane.getByRole('application', { name: /^Eje temporal, \d+ hechos en \d+ carriles?\./ })).toBeVisible();
  await expect(pane.getByRole('toolbar', { name: 'Herramientas de la cronología' }).getByRole('button', { name: 'Insertar cronología' })).toBeVisible();

  await pane.getByRole('group', { name: 'Vista' }).getByRole('button', { name: 'Lista' }).click();
  const rows = (await pane.locator('.timeline-event').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  expect(rows.some((row) => row.includes('2 de marzo de 2024') && row.includes('día · Encontrada'))).toBe(true);
  expect(rows.some((row) => row.includes('4–19 de enero de 2021') && row.includes('intervalo · Encontrada'))).toBe(true);
  expect(rows.some((row) => row.includes('junio de 2023') && row.includes('mes · Encontrada'))).toBe(true);

  await pane.locator('.timeline-event', { hasText: '2 de marzo de 2024' }).first().click();
  const detail = pane.getByRole('group', { name: 'Hecho seleccionado' });
  await expect(detail).toContainText('(día, encontrada)');
  await expect(detail.getByRole('button', { name: 'Confirmar la fecha' })).toBeVisible();
  await detail.getByRole('button', { name: 'Corregir la fecha…' }).click();
  await expect(detail.getByRole('textbox', { name: 'Fecha corregida' })).toBeFocused();

  const text = await pane.innerText();
  for (const word of ['Group by', 'Zoom in', 'Insert chronology', 'Undated', 'dated event', 'Found', 'Confirm date']) {
    expect(text, `“${word}” is still English`).not.toContain(word);
  }
  // The events' own labels quote the English article; their dates are Spanish.
  const dates = await pane.locator('.timeline-event time').allInnerTexts();
  expect(dates.filter((d) => /January|February|March|April|May|June|July|August|September|October|November|December/.test(d))).toEqual([]);
  const results = await new AxeBuilder({ page }).include('.timeline-pane').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('the Entities pane speaks Spanish: kinds, counts, an entity’s details and its forms', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  for (const file of ['views/two-source-a.txt', 'views/two-source-b.txt']) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Importar fuente', exact: true }).click();
    await (await chooser).setFiles(fixture(file));
  }
  await expect(page.getByRole('list', { name: 'Fuentes de este caso' }).getByRole('listitem')).toHaveCount(3);

  await page.getByRole('tab', { name: 'Entidades' }).click();
  const pane = page.getByRole('region', { name: 'Entidades' });
  await expect(pane.getByRole('status')).toHaveText(/^\d+ entidades\.$/);
  const list = pane.getByRole('list', { name: 'Entidades encontradas' });
  await expect(list.getByRole('button', { name: 'Mara Lindqvist, persona, 3 menciones' })).toBeVisible();
  await pane.getByRole('group', { name: 'Tipos que se muestran' }).getByRole('button', { name: /^Personas \(\d+\)$/ }).click();
  await expect(pane.getByRole('status')).toHaveText(/^\d+ entidades \(personas\)\.$/);

  await list.getByRole('button', { name: /^Mara Lindqvist/ }).click();
  const detail = pane.getByRole('group', { name: 'Datos de Mara Lindqvist' });
  await expect(detail.getByRole('heading', { name: 'Menciones por fuente' })).toBeVisible();
  await expect(detail.locator('li').filter({ hasText: 'Customs raid at Port Velden' })).toContainText('2 menciones');
  await expect(detail.getByRole('combobox', { name: 'Fusionar Mara Lindqvist con' })).toBeVisible();
  await expect(detail.getByRole('combobox', { name: 'Etiquetar un pasaje con Mara Lindqvist' })).toBeVisible();

  const text = await pane.innerText();
  for (const word of ['People', 'Organisations', 'Mentions by source', 'mention', 'Merge', 'Tag passage', 'None yet']) {
    expect(text, `“${word}” is still English`).not.toContain(word);
  }
  const results = await new AxeBuilder({ page }).include('.entities-pane').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('the Evidence map speaks Spanish: summary, views, flags, the graph and the matrix', async ({ page }) => {
  const data = harbourCase();
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  await writeCase(page, data);
  await page.reload();
  await page.getByRole('tab', { name: 'Mapa de pruebas' }).click();
  const pane = page.getByRole('region', { name: 'Mapa de pruebas' });
  // Spanish tab names are longer: the tab row wraps rather than pushing the window sideways.
  const overflow = await page.evaluate(() => [document.documentElement, document.body, document.querySelector('.app')].map((el) => (el ? el.scrollWidth - el.clientWidth : 0)));
  expect(overflow).toEqual([0, 0, 0]);
  expect(await page.evaluate(() => window.scrollX)).toBe(0);
  await expect(pane.getByRole('status')).toHaveText('2 afirmaciones · con una sola fuente: 1 · con fuentes no independientes: 0 · sin respaldo: 0');
  await expect(pane.getByRole('application', { name: /^Matriz de pruebas de 2 afirmaciones y 3 fuentes\./ })).toBeVisible();
  await expect(pane.getByRole('list', { name: 'Leyenda' })).toContainText('Se basa en una sola fuente');

  const views = pane.getByRole('group', { name: 'Vista' });
  await views.getByRole('button', { name: 'Lista' }).click();
  await expect(pane.locator('.map-list > li').filter({ hasText: 'The container was inspected on the quay' })).toContainText('Se basa en una sola fuente');
  await expect(pane.getByRole('button', { name: /Interview with a Pier 9 dock foreman: respalda/ })).toBeVisible();
  await views.getByRole('button', { name: 'Grafo' }).click();
  await expect(pane.getByRole('group', { name: 'Grafo de 2 afirmaciones y 3 fuentes' })).toBeVisible();

  const text = await pane.innerText();
  for (const word of ['claims', 'Rests on one source', 'Only flagged', 'Export map', 'Legend', 'Supports', 'Contradicts']) {
    expect(text, `“${word}” is still English`).not.toContain(word);
  }
  const results = await new AxeBuilder({ page }).include('.evidence-map-pane').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // The exported map speaks Spanish too: its title, description, legend and cells' tooltips.
  const download = page.waitForEvent('download');
  await pane.getByRole('button', { name: 'Exportar el mapa como SVG' }).click();
  const svg = readFileSync(await (await download).path(), 'utf8');
  expect(svg).toMatch(/<title id="map-title">Mapa de pruebas: /u);
  expect(svg).toContain('<desc id="map-desc">Mapa de pruebas de 2 afirmaciones y 3 fuentes. Con una sola fuente: 1;');
  expect(svg).toContain('>Se basa en una sola fuente</text>');
  expect(svg).toContain('>Respalda</text>');
  for (const word of ['Supports', 'Contradicts', 'Rests on one source', 'supporting', 'Evidence map']) expect(svg, `“${word}” is still English in the SVG`).not.toContain(word);
});

test('a claim’s detail speaks Spanish: fields, status, history, evidence and its summary, the evidence picker', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  await page.getByRole('tab', { name: /^Afirmaciones/ }).click();
  const claims = page.getByRole('region', { name: 'Afirmaciones' });
  const rows = claims.getByRole('list', { name: 'Afirmaciones de este caso' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  // The list's evidence summaries.
  await expect(rows.filter({ hasText: 'a favor' }).first()).toContainText(/^.*\d+ a favor · .*\d+ fuentes? · \d+ fuentes? independientes?$/);
  await rows.getByRole('button').filter({ hasText: 'a favor' }).first().click();

  const detail = claims.getByRole('article');
  await expect(detail.getByRole('button', { name: '← Volver a las afirmaciones' })).toBeVisible();
  await expect(detail.getByRole('textbox', { name: 'Enunciado' })).toBeVisible();
  await expect(detail.getByRole('textbox', { name: 'Autor de la afirmación' })).toBeVisible();
  await expect(detail.getByRole('heading', { name: 'Historial del estado' })).toBeVisible();
  await expect(detail.getByRole('region', { name: 'Historial del estado' })).toContainText('creada como Sin verificar');
  await expect(detail.getByRole('button', { name: 'Cambiar el estado' })).toBeDisabled();
  await expect(detail.locator('.evidence-summary')).toContainText(/\d+ a favor · .*\d+ fuentes?/);
  await expect(detail.getByRole('list', { name: 'Pruebas' }).getByRole('button', { name: /^Citar en el informe: / }).first()).toBeVisible();
  await detail.getByText('Añadir pruebas').click();
  await expect(detail.getByRole('searchbox', { name: 'Buscar un pasaje' })).toBeVisible();
  await expect(detail.getByRole('combobox', { name: 'Añadir como' })).toContainText('Contradice');
  await expect(detail.getByRole('button', { name: /^Añadir como respalda: / }).first()).toBeVisible();

  const text = await detail.innerText();
  for (const word of ['Back to claims', 'Status history', 'Change status', 'Delete claim', 'support', 'Add evidence', 'Find a passage', 'created as']) {
    expect(text, `“${word}” is still English`).not.toContain(word);
  }
  const results = await new AxeBuilder({ page }).include('.claim-detail').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('Suggest claims speaks Spanish: heading, count, reasons and actions', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  await page.getByRole('tab', { name: /^Afirmaciones/ }).click();
  const claims = page.getByRole('region', { name: 'Afirmaciones' });
  await claims.getByRole('button', { name: 'Sugerir afirmaciones' }).click();
  await expect(claims.getByRole('heading', { name: /^Afirmaciones sugeridas en «/ })).toBeVisible();
  await expect(claims.getByRole('status').filter({ hasText: /merecen? comprobarse/ })).toBeVisible();
  const list = claims.getByRole('list', { name: 'Afirmaciones sugeridas' });
  await expect(list.getByRole('button', { name: /^Aceptar la sugerencia: / }).first()).toBeVisible();
  await expect(list.locator('.kind-label').first()).toHaveText(/^(cifra|dinero|porcentaje|cantidad|fecha|atribuida|cita)$/);
  const text = await claims.innerText();
  for (const word of ['Suggested claims', 'worth checking', 'Accept', 'Dismiss', 'figure', 'claimant:']) {
    expect(text, `“${word}” is still English`).not.toContain(word);
  }
});

test('Export ClaimReview speaks Spanish: its fields, the rating scale and its buttons', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  await page.getByRole('tab', { name: /^Afirmaciones/ }).click();
  await page.getByRole('region', { name: 'Afirmaciones' }).getByRole('button', { name: 'Exportar ClaimReview' }).click();
  const dialog = page.getByRole('dialog', { name: 'Exportar ClaimReview' });
  await expect(dialog.getByRole('textbox', { name: 'Dirección de la página de verificación' })).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Escala de calificación' })).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Veredicto para Respaldada' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Guardar JSON-LD' })).toBeVisible();
  const text = await dialog.innerText();
  for (const word of ['Fact-check page', 'Rating scale', 'Worst rating', 'Verdict shown', 'Reset the scale']) {
    expect(text, `“${word}” is still English`).not.toContain(word);
  }
  const results = await new AxeBuilder({ page }).include('.claimreview-dialog').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(dialog).toBeHidden();
});

test('Edit details speaks Spanish: fields, kinds and what it refuses', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  await page.getByRole('region', { name: 'Fuente' }).getByRole('button', { name: 'Editar datos' }).click();
  const dialog = page.getByRole('dialog', { name: 'Datos de la fuente' });
  await expect(dialog.getByRole('combobox', { name: 'Tipo' })).toContainText('Artículo de prensa');
  await dialog.getByRole('textbox', { name: 'Título' }).fill('');
  await dialog.getByRole('button', { name: 'Guardar los datos' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Una fuente necesita un título.');
  const text = await dialog.innerText();
  for (const word of ['Source details', 'Kind', 'News article', 'one per line', 'Date published', 'Save details']) {
    expect(text, `“${word}” is still English`).not.toContain(word);
  }
  await page.keyboard.press('Escape');
});

test('Import references speaks Spanish: the plan of what each reference does, and the result', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  let chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importar fuente', exact: true }).click();
  await (await chooser).setFiles(fixture('views/ferry-inquiry.md'));
  await expect(page.getByRole('region', { name: 'Fuente' })).toContainText('The Maritime Safety Board opened a formal inquiry');
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importar referencias…' }).click();
  await (await chooser).setFiles(fixture('views/references.json'));
  const dialog = page.getByRole('dialog', { name: 'Importar referencias' });
  await expect(dialog.getByRole('listitem').first()).toContainText('Completa «Ferry operator faces inquiry after engine fire» (mismo título).');
  await expect(dialog.getByRole('list', { name: 'Referencias' })).toContainText('Fuente nueva');
  await dialog.getByRole('button', { name: 'Importar', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/^Referencias importadas: 1 fuente actualizada, \d+ creadas\.$/)).toBeVisible();

  // A reference the file gives no title: the plan names it in Spanish (the parser keeps no English default).
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importar referencias…' }).click();
  const untitled = [{ id: 'sin-titulo', type: 'report', publisher: 'Autoridad Portuaria de Velden', issued: { 'date-parts': [[2024]] } }];
  await (await chooser).setFiles({ name: 'sin-titulo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(untitled)) });
  const plan = page.getByRole('dialog', { name: 'Importar referencias' });
  await expect(plan.getByRole('list', { name: 'Referencias' }).getByRole('listitem')).toHaveCount(1);
  await expect(plan.getByRole('listitem').getByRole('strong')).toHaveText('Referencia sin título');
  await expect(plan).not.toContainText('Untitled');
  await plan.getByRole('button', { name: 'Cancelar' }).click();
  await expect(plan).toBeHidden();
});

test('a write the database refuses, and annotation and reference files their parsers cannot read, speak Spanish', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();
  await page.getByRole('button', { name: 'Nuevo caso' }).click();
  await expect(page.getByRole('textbox', { name: /^Nombre del caso/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Todavía no hay ninguna fuente')).toBeVisible();
  // The new case's brief note is titled in Spanish.
  await page.getByRole('tab', { name: 'Informe' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Informe', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Brief', exact: true })).toHaveCount(0);

  // A tag deleted, then made again under the same name: the Trash refuses to bring the old one back
  // beside it. The refusal comes from the Trash's repository, in Spanish.
  const newTag = async () => {
    await page.getByRole('button', { name: 'Nueva etiqueta' }).click();
    await page.getByRole('textbox', { name: 'Nombre de la nueva etiqueta' }).fill('puerto');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Editar la etiqueta puerto' })).toBeVisible();
  };
  await newTag();
  await page.getByRole('button', { name: 'Editar la etiqueta puerto' }).click();
  const tagDialog = page.getByRole('dialog', { name: 'Etiqueta «puerto»' });
  await tagDialog.getByRole('button', { name: 'Eliminar…' }).click();
  await tagDialog.getByRole('button', { name: 'Eliminar la etiqueta' }).click();
  await expect(page.getByRole('button', { name: 'Editar la etiqueta puerto' })).toBeHidden();
  await newTag();
  await page.getByRole('button', { name: /^Papelera/ }).click();
  const trash = page.getByRole('dialog', { name: 'Papelera' });
  await trash.getByRole('button', { name: 'Restaurar la etiqueta «puerto»' }).click();
  await expect(trash.getByRole('alert')).toHaveText(
    'Vuelve a existir una etiqueta llamada «puerto», así que la eliminada no puede volver junto a ella. Cambia el nombre de la nueva o elimínala primero.',
  );
  await trash.getByRole('button', { name: 'Cerrar' }).first().click();
  await expect(trash).toBeHidden();

  // Export annotations of a case without passages: refused in Spanish.
  await page.getByRole('button', { name: 'Caso', exact: true }).click();
  await page.getByRole('menu', { name: 'Caso' }).getByRole('menuitem', { name: 'Exportar anotaciones', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Este caso aún no tiene pasajes, así que no hay anotaciones que exportar.');
  await page.getByRole('button', { name: 'Descartar el mensaje' }).click();

  // An annotation file whose second item has no quote: the W3C parser's reason is Spanish too.
  const annotations = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Caso', exact: true }).click();
  await page.getByRole('menu', { name: 'Caso' }).getByRole('menuitem', { name: 'Importar anotaciones', exact: true }).click();
  const item = (id: string, selector: object) => ({ '@context': 'http://www.w3.org/ns/anno.jsonld', id, type: 'Annotation', created: '2026-03-02T10:00:00Z', target: { source: 'urn:uuid:x', selector } });
  const file = [item('urn:uuid:1', { type: 'TextQuoteSelector', exact: 'puerto' }), item('urn:uuid:2', { type: 'TextPositionSelector', start: 1, end: 4 })];
  await (await annotations).setFiles({ name: 'notas.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByRole('alert')).toContainText('«notas.jsonld» no se pudo leer como anotaciones del W3C: El elemento 2 no tiene TextQuoteSelector.');
  await expect(page.getByRole('alert')).not.toContainText('Item 2');
  await page.getByRole('button', { name: 'Descartar el mensaje' }).click();

  // A collection that claims one annotation and holds none: the count takes its singular.
  const claiming = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Caso', exact: true }).click();
  await page.getByRole('menu', { name: 'Caso' }).getByRole('menuitem', { name: 'Importar anotaciones', exact: true }).click();
  const collection = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 1, first: { type: 'AnnotationPage', items: [] } };
  await (await claiming).setFiles({ name: 'una.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify(collection)) });
  await expect(page.getByRole('alert')).toContainText('Esta colección de anotaciones dice que contiene 1 anotación, pero tiene 0.');
  await page.getByRole('button', { name: 'Descartar el mensaje' }).click();

  // An annotation file that is not JSON: where it breaks, in Spanish, not the engine's English.
  const broken = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Caso', exact: true }).click();
  await page.getByRole('menu', { name: 'Caso' }).getByRole('menuitem', { name: 'Importar anotaciones', exact: true }).click();
  await (await broken).setFiles({ name: 'rota.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from('[\n  {"id": "urn:uuid:1",}\n]') });
  await expect(page.getByRole('alert')).toContainText('Este archivo no es un JSON válido (texto inesperado en la línea 2, columna 23).');
  await expect(page.getByRole('alert')).not.toContainText(/Unexpected|Expected|position|JSON\.parse/);
  await page.getByRole('button', { name: 'Descartar el mensaje' }).click();

  // A BibTeX file whose entry is left open: citation-js gives up in English; the sentence is Spanish.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importar referencias…' }).click();
  await (await chooser).setFiles({ name: 'biblioteca.bib', mimeType: 'text/plain', buffer: Buffer.from('@article{puerto2024,\n  title = {El puerto') });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('«biblioteca.bib» parece BibTeX, pero no se pudo leer: no se pudieron distinguir sus entradas');
  await expect(alert).not.toContainText(/not supported|recognized|could not/);
  await page.getByRole('button', { name: 'Descartar el mensaje' }).click();

  // A CSL-JSON file cut short: the sentence says so in Spanish, with no engine text in it.
  const cut = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importar referencias…' }).click();
  await (await cut).setFiles({ name: 'referencias.json', mimeType: 'application/json', buffer: Buffer.from('[{"id": "a", "title": "El puerto"') });
  await expect(alert).toContainText(
    '«referencias.json» parece CSL-JSON, pero no se pudo leer: no es un JSON válido (termina antes de tiempo, como si faltara un corchete, una llave o unas comillas de cierre).',
  );
  await expect(alert).not.toContainText(/Unexpected|Expected|position|JSON\.parse/);
});

test('refusals, sizes and names made outside the UI speak Spanish: a refused bundle, a too-large style, a file’s encoding, the OCR languages', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Casos' })).toBeVisible();

  // A file that is not a bundle: the refusal is made in the import worker, from shared/bundle.
  let chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Caso', exact: true }).click();
  await page.getByRole('menu', { name: 'Caso' }).getByRole('menuitem', { name: 'Importar caso', exact: true }).click();
  await (await chooser).setFiles({ name: 'notas.casefile', mimeType: 'application/zip', buffer: Buffer.from('# Mis notas\nEsto no es un paquete.') });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Este archivo no es un paquete de Casefile (no es un archivo zip). No se ha cambiado nada.');
  await expect(alert).not.toContainText('This file');
  await page.getByRole('button', { name: 'Descartar el mensaje' }).click();

  // A text in an old encoding: Source details names it and says how it was found.
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importar fuente', exact: true }).click();
  await (await chooser).setFiles(fixture('encodings/windows-1252.txt'));
  await expect(page.getByRole('region', { name: 'Fuente' })).toContainText('la capitainerie publiera les chiffres');
  await page.getByRole('region', { name: 'Fuente' }).getByRole('button', { name: 'Editar datos' }).click();
  const details = page.getByRole('dialog', { name: 'Datos de la fuente' });
  await expect(details).toContainText(/Occidental \(Windows-1252, Latin-1\), detectada/);
  await expect(details).not.toContainText(/Western|detected/);
  await details.getByRole('button', { name: 'Cancelar' }).click();
  await expect(details).toBeHidden();

  // A file too large to be a citation style: its size with a decimal comma.
  await page.getByRole('button', { name: 'Exportar informe', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Exportar informe' });
  chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Cargar un archivo .csl…' }).click();
  await (await chooser).setFiles({ name: 'enorme.csl', mimeType: 'application/xml', buffer: Buffer.alloc(2.5 * 1024 * 1024, 'a') });
  await expect(dialog.getByRole('alert')).toContainText('«enorme.csl» ocupa 2,5 MB');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // An image asks which languages to recognise: their names in Spanish (Intl's, capitalised as labels), Spanish first guessed.
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Importar fuente', exact: true }).click();
  await (await chooser).setFiles(fixture('pdf/notice.png'));
  const ocr = page.getByRole('dialog', { name: 'Reconocer el texto (OCR)' });
  await expect(ocr.getByRole('checkbox', { name: /^Español/ })).toBeChecked();
  await expect(ocr.getByRole('checkbox', { name: /^Inglés/ })).not.toBeChecked();
  await expect(ocr.getByRole('checkbox', { name: /^Japonés 日本語/ })).toBeVisible();
  await expect(ocr.getByRole('group', { name: 'Idiomas del documento' })).not.toContainText(/English|Japanese|French/);
  await ocr.getByRole('button', { name: 'Cancelar', exact: true }).click();
  await expect(ocr).toBeHidden();
});
