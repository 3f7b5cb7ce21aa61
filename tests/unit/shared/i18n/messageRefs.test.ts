import { describe, expect, it } from 'vitest';
import { createTranslator, translateRef, type MessageRef } from '../../../../shared/i18n';
import { z } from 'zod';
import { readBundle } from '../../../../shared/bundle/read';
import { describeIssue, describeIssueRef } from '../../../../shared/bundle/schema';
import { describeEncodingRef, encodingLabelRef } from '../../../../shared/import/encoding';
import { languageNames, ocrLanguageName } from '../../../../shared/import/ocrLanguages';
import { parseReferences } from '../../../../shared/import/references';
import { InvitationError, normaliseServerAddress, parseInvitation } from '../../../../shared/sync/invitation';

const es = createTranslator('es');

/** The message reference `run` throws with. */
function thrownRef(run: () => unknown): MessageRef {
  try {
    run();
  } catch (error) {
    const detail = (error as { detail?: MessageRef }).detail;
    if (!detail) throw new Error(`no message reference on ${String(error)}`, { cause: error });
    return detail;
  }
  throw new Error('nothing was thrown');
}

describe('message references from shared code', () => {
  it('invitation refusals name a catalogue message whose English is the error message', () => {
    let error: unknown;
    try {
      parseInvitation('hello there');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvitationError);
    expect((error as InvitationError).detail).toEqual({ key: 'invitation.notInvitation' });
    expect((error as InvitationError).message).toMatch(/^This is not a Casefile invitation\./);
    expect(translateRef(es, (error as InvitationError).detail)).toMatch(/^Esto no es una invitación de Casefile\./);
  });

  it('server address refusals carry their variables', () => {
    const ref = thrownRef(() => normaliseServerAddress('ftp://example.org'));
    expect(ref).toEqual({ key: 'invitation.scheme', values: { scheme: 'ftp' } });
    expect(translateRef(es, ref)).toContain('no por ftp://');
  });

  it('encoding names and descriptions are messages, in Spanish too', () => {
    expect(translateRef(es, encodingLabelRef('shift_jis'))).toBe('Japonés (Shift_JIS)');
    expect(translateRef(es, encodingLabelRef('x-user-defined'))).toBe('x-user-defined');
    const ref = describeEncodingRef({ encoding: 'windows-1252', how: 'detected', confidence: 80, declared: 'utf-8' });
    expect(translateRef(es, ref)).toBe('Occidental (Windows-1252, Latin-1), detectada (confianza del 80 %); el archivo declara «utf-8», que sus bytes contradicen');
    expect(translateRef(createTranslator('en'), ref)).toBe('Western (Windows-1252, Latin-1), detected (confidence 80%); the file declares “utf-8”, which its bytes contradict');
  });

  it('reference parse errors are messages, with the parser’s own reasons as messages where they are ours', () => {
    expect(translateRef(es, thrownRef(() => parseReferences('hello', 'refs.txt')))).toMatch(/^«refs\.txt» no es un archivo de referencias/);
    expect(translateRef(es, thrownRef(() => parseReferences('[]', 'empty.json')))).toBe('«empty.json» no contiene referencias.');
    const notObjects = thrownRef(() => parseReferences('[1, 2]', 'list.json'));
    expect(notObjects).toEqual({ key: 'referenceError.unreadable', values: { name: 'list.json', format: 'CSL-JSON', reason: { key: 'referenceError.notObjects' } } });
    expect(translateRef(es, notObjects)).toBe('«list.json» parece CSL-JSON, pero no se pudo leer: cada entrada debe ser un objeto. Vuelve a exportarlo desde tu gestor de referencias.');
  });

  it('citation-js and JSON parse failures name the file and the problem in Spanish, the parser’s words only as a detail', () => {
    const bibtex = thrownRef(() => parseReferences('@article{smith2020, title={The harbour', 'library.bib'));
    expect(bibtex).toEqual({ key: 'referenceError.unreadable', values: { name: 'library.bib', format: 'BibTeX', reason: { key: 'referenceError.entriesUnclear' } } });
    expect(translateRef(es, bibtex)).toBe(
      '«library.bib» parece BibTeX, pero no se pudo leer: no se pudieron distinguir sus entradas (puede que una entrada esté sin terminar o que falte una llave o unas comillas). Vuelve a exportarlo desde tu gestor de referencias.',
    );
    const json = thrownRef(() => parseReferences('{"title": "x"', 'refs.json'));
    expect(translateRef(es, json)).toBe(
      '«refs.json» parece CSL-JSON, pero no se pudo leer: no es un JSON válido (termina antes de tiempo, como si faltara un corchete, una llave o unas comillas de cierre). Vuelve a exportarlo desde tu gestor de referencias.',
    );
    const placed = thrownRef(() => parseReferences('[\n  {"id": "a", "title": "x"}\n  {"id": "b"}\n]', 'refs.json'));
    expect(placed).toEqual({
      key: 'referenceError.unreadable',
      values: { name: 'refs.json', format: 'CSL-JSON', reason: { key: 'referenceError.notJson', values: { problem: { key: 'jsonSyntax.at', values: { line: 3, column: 3 } } } } },
    });
    expect(translateRef(es, placed)).toContain('no es un JSON válido (texto inesperado en la línea 3, columna 3)');
    // Whatever the parser says, the sentence around it is a message: a reason is never bare text.
    for (const [text, name] of [['@article{', 'a.bib'], ['@book{x, title = "open', 'b.bib'], ['[{"id": 1}', 'c.json']] as const) {
      const ref = thrownRef(() => parseReferences(text, name));
      expect(typeof ref.values?.reason, `${name}: ${JSON.stringify(ref)}`).toBe('object');
    }
  });

  it('OCR language names come from Intl in the UI language, the catalogue when Intl has none', () => {
    expect(languageNames(['eng', 'fra', 'ara'])).toBe('English, French and Arabic');
    expect(languageNames(['spa', 'eng'], 'es')).toBe('español e inglés');
    expect(ocrLanguageName('chi_sim', 'es')).toBe('chino simplificado');
    // A locale without display names falls back to the catalogue's name.
    expect(ocrLanguageName('fra', 'xx-invalid-', (code) => `catalogue:${code}`)).toBe('catalogue:fra');
  });

  it('bundle refusals carry a message reference whose English is the message', async () => {
    const result = await readBundle(new TextEncoder().encode('# My notes'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.detail).toEqual({ key: 'bundleError.notZip' });
    expect(translateRef(es, result.error.detail!)).toBe('Este archivo no es un paquete de Casefile (no es un archivo zip).');
    const truncated = await readBundle(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]));
    expect(!truncated.ok && translateRef(es, truncated.error.detail!)).toMatch(/^Este paquete está incompleto/);
  });

  it('bundle sizes are written with the decimal comma in Spanish', () => {
    const ref: MessageRef = { key: 'bundleError.totalTooLarge', values: { size: 512.25, limit: 500 } };
    expect(translateRef(es, ref)).toBe('Este paquete ocuparía 512,3 MB descomprimido; el límite es 500,0 MB.');
    expect(translateRef(createTranslator('en'), ref)).toBe('This bundle would unpack to 512.3 MB; the limit is 500.0 MB.');
  });

  it('a record’s schema problem is a message, in Spanish too', () => {
    const result = z.object({ text: z.string() }).safeParse({ text: 3 }, { reportInput: true });
    const issue = result.error!.issues[0]!;
    expect(describeIssue(issue)).toBe('field “text” must be text, not a number');
    expect(translateRef(es, describeIssueRef(issue))).toBe('el campo «text» debe ser texto, no un número');
  });
});
