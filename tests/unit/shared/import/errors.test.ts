import { describe, expect, it } from 'vitest';
import { createTranslator, translateRef } from '../../../../shared/i18n';
import { fileSubject, importErrors, offerPages, pageList, pageListRef, PASTED_SUBJECT } from '../../../../shared/import/errors';

describe('page lists in messages', () => {
  it('names pages the way a sentence would', () => {
    expect(pageList([3])).toBe('page 3');
    expect(pageList([2, 5])).toBe('pages 2 and 5');
    expect(pageList([2, 3])).toBe('pages 2 and 3');
    expect(pageList([1, 2, 3, 4, 7, 9])).toBe('pages 1–4, 7 and 9');
    expect(pageList([1200, 1201, 1202])).toBe('pages 1,200–1,202');
  });

  it('names scanned and garbled pages apart in one offer', () => {
    const error = importErrors.needsOcr('report.pdf', [4, 5, 6], [9], 12);
    expect(error.message).toBe(
      '“report.pdf” has no text layer on pages 4–6 (they look scanned). Its text layer does not read as text on page 9 (control or unmapped characters, mojibake, or words run together). Casefile can recognise the text of those pages from the page image (OCR), on this computer.',
    );
    expect(offerPages(error.offer)).toEqual([4, 5, 6, 9]);
  });
});

describe('import errors in other languages', () => {
  const es = createTranslator('es');

  it('carry their message as a catalogue key, which the UI shows in its language', () => {
    const error = importErrors.needsOcr('informe.pdf', [4, 5, 6], [9], 12);
    expect(translateRef(es, error.detail!)).toBe(
      '«informe.pdf» no tiene capa de texto en las páginas 4–6 (parecen escaneadas). Su capa de texto no se lee como texto en la página 9 (caracteres de control o sin correspondencia, mojibake o palabras pegadas). Casefile puede reconocer el texto de esas páginas a partir de su imagen (OCR), en este ordenador.',
    );
    expect(translateRef(es, importErrors.tooLarge(fileSubject('grande.txt'), 21 * 1024 * 1024).detail!)).toBe('«grande.txt» ocupa 21,0 MB; Casefile importa fuentes de hasta 20 MB.');
    expect(translateRef(es, importErrors.empty(PASTED_SUBJECT).detail!)).toBe('El texto pegado está vacío: no hay texto que importar.');
    expect(translateRef(es, pageListRef([1, 2, 3, 4, 7, 9]))).toBe('las páginas 1–4, 7 y 9');
    expect(translateRef(es, importErrors.tooManyElements('x.html', 200_000).detail!)).toMatch(/^«x\.html» tiene más de 200\.000 elementos HTML/);
  });
});
