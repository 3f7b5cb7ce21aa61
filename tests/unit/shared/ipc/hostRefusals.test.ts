import { describe, expect, it } from 'vitest';
import { createTranslator, translateRef } from '../../../../shared/i18n';
import { dispatch, HandlerError } from '../../../../shared/ipc/dispatch';
import { FetchFailure } from '../../../../shared/ipc/fetchFailure';
import { HOST_REFUSAL_CODES, hostRefusal, refusal, type HostRefusalCode } from '../../../../shared/ipc/hostRefusals';
import type { RefusalValues } from '../../../../shared/ipc/refusal';

const es = createTranslator('es');
const en = createTranslator('en');

/** One refusal of each code, with the variables its host gives it, and the English the host has always said. */
const EXAMPLES: Record<HostRefusalCode, [RefusalValues, string]> = {
  'not-a-backup': [{ name: 'notes.txt' }, '“notes.txt” is not the name of a Casefile backup.'],
  'not-a-backup:folder': [{ name: '../casefile-backup-20260101T000000Z.cfbackup' }, '“../casefile-backup-20260101T000000Z.cfbackup” is not in the backups folder.'],
  'too-large:backup': [{ bytes: 600 * 1024 * 1024, limit: 512 * 1024 * 1024 }, 'This backup would be 600.0 MB; backups may be at most 512.0 MB.'],
  'busy:backup': [{}, 'Too many backups were taken in the same second.'],
  'not-found:backup': [{ name: 'casefile-backup-20260101T000000Z.cfbackup' }, 'The backup “casefile-backup-20260101T000000Z.cfbackup” is no longer there.'],
  'no-window': [{}, 'Casefile has no open window to show the file dialog in.'],
  'unsafe-url': [{ url: 'file:///etc/passwd' }, 'Casefile opens only web (http, https) and email (mailto) links, so "file:///etc/passwd" was not opened.'],
  'pdf-too-long': [
    { pages: 1000 },
    'This brief would print to more than 1,000 pages, which is more than Casefile prints as a PDF. Export it as Word or HTML instead, or split it into several notes.',
  ],
  'pdf-too-large': [
    { chars: 9 * 1024 * 1024, limit: 8 * 1024 * 1024 },
    'This brief is too long to print as a PDF (9.0 MB of print text; the limit is 8.0 MB). Export it as Word or HTML instead, or split it into several notes.',
  ],
  'pdf-failed': [{ detail: 'ERR_FAILED (-2)' }, 'Casefile could not print the brief to PDF: ERR_FAILED (-2)'],
  'pdf-timeout': [{ seconds: 60 }, 'Printing the brief to PDF did not finish within 60 seconds; please try again.'],
  'read-failed': [{ name: 'brief.docx', errno: 'EACCES', detail: 'EACCES: permission denied' }, 'Casefile could not read "brief.docx": permission was denied.'],
  'save-failed': [{ name: 'brief.docx', errno: 'ENOSPC', detail: 'ENOSPC: no space left on device' }, 'Casefile could not save "brief.docx": the disk is full.'],
  'too-large:file': [{ name: 'big.pdf', bytes: 30 * 1024 * 1024, limit: 20 * 1024 * 1024 }, '"big.pdf" is 30.0 MB; Casefile opens files up to 20.0 MB.'],
  'not-a-file': [{ name: 'Documents' }, '"Documents" is not a file Casefile can open.'],
  offline: [{}, 'The local Casefile server is not reachable. Is `npm run web` still running?'],
  http: [{ status: 502 }, 'The local Casefile server answered 502.'],
  unauthorized: [{}, 'The request is missing this launch’s token. Reload the page.'],
  'too-large:request': [{ megabytes: 60 }, 'The request is larger than 60 MB.'],
  'busy:printing': [{ n: 2 }, 'Casefile is already printing 2 PDFs. Try again when one of them has finished.'],
  'pdf-timeout:export-instead': [
    { ms: 60_000 },
    'Printing the brief to PDF did not finish within 60 seconds. Export it as Word or HTML instead, or split it into several notes.',
  ],
};

/** What the renderer shows for a refusal a handler threw, after dispatch and the trip across the bridge. */
async function shown(error: HandlerError): Promise<{ code: string; message: string; english: string; spanish: string }> {
  const answer = await dispatch('cf:app:info', () => Promise.reject(error), {});
  if (answer.ok) throw new Error('the handler did not fail');
  const refused = hostRefusal(structuredClone(answer.error));
  expect(refused.message).toBe(error.message);
  expect(refused.detail, error.code).toBeDefined();
  return { code: refused.code, message: refused.message, english: translateRef(en, refused.detail!), spanish: translateRef(es, refused.detail!) };
}

describe('host refusals', () => {
  it.each(HOST_REFUSAL_CODES)('%s: the English is what the host always said, and the renderer shows it in Spanish', async (code) => {
    const [values, english] = EXAMPLES[code];
    const error = refusal(code, values);
    expect(error).toBeInstanceOf(HandlerError);
    expect(error.message).toBe(english);
    const seen = await shown(error);
    expect(seen.code).toBe(code);
    expect(seen.english).toBe(english);
    expect(seen.spanish).not.toBe(english);
    // No key left untranslated, no variable left empty, no English sentence inside.
    expect(seen.spanish).not.toMatch(/hostError|\{\{|\b(The|This|Casefile could|Casefile has|Casefile opens|is not|was|were|permission|disk|please|seconds)\b/);
  });

  it('says sizes with the locale’s decimal comma, and a file system’s own words as a detail', () => {
    const spanish = (code: HostRefusalCode, values: RefusalValues) => translateRef(es, hostRefusal({ code, message: '', values }).detail!);
    expect(spanish('too-large:file', { name: 'a.pdf', bytes: 1536, limit: 1024 * 1024 + 1024 * 102 })).toBe('«a.pdf» ocupa 1,5 KB; Casefile abre archivos de hasta 1,1 MB.');
    expect(spanish('too-large:file', { name: 'a.pdf', bytes: 12, limit: 20 * 1024 * 1024 })).toBe('«a.pdf» ocupa 12 bytes; Casefile abre archivos de hasta 20,0 MB.');
    expect(spanish('read-failed', { name: 'a.pdf', errno: 'EWEIRD', detail: 'EWEIRD: odd' })).toBe('Casefile no pudo leer «a.pdf»: el sistema respondió «EWEIRD: odd».');
    expect(refusal('read-failed', { name: 'a.pdf', errno: 'EWEIRD', detail: 'EWEIRD: odd' }).message).toBe('Casefile could not read "a.pdf": EWEIRD: odd.');
    expect(refusal('save-failed', { name: 'a.pdf', errno: '', detail: '' }).message).toBe('Casefile could not save "a.pdf": an unknown problem occurred.');
    expect(spanish('pdf-too-long', { pages: 1000 })).toContain('más de 1000 páginas');
    expect(refusal('pdf-too-large', { chars: 12.4 * 1024 * 1024, limit: 8 * 1024 * 1024 }).message).toContain('(12 MB of print text; the limit is 8.0 MB)');
    expect(spanish('pdf-too-large', { chars: 12.4 * 1024 * 1024, limit: 8 * 1024 * 1024 })).toContain('(12 MB de texto de impresión; el límite es 8,0 MB)');
    expect(refusal('pdf-timeout:export-instead', { ms: 50 }).message).toBe('Printing the brief to PDF did not finish within 50 ms. Export it as Word or HTML instead, or split it into several notes.');
    expect(spanish('pdf-timeout:export-instead', { ms: 50 })).toBe('La impresión del informe como PDF no terminó en 50 ms. Expórtalo como Word o HTML, o divídelo en varias notas.');
  });

  it('translates the fetcher’s refusals through the same function', async () => {
    const seen = await shown(new FetchFailure('too-large', { bytes: 2048 }));
    expect(seen.code).toBe('fetch-failed:too-large');
    expect(seen.spanish).toBe('La página ocupa más de 2 KB.');
  });

  it('keeps the host’s English for a code it does not know, and drops variables that are not text or numbers', () => {
    for (const error of [
      { code: 'too-large', message: 'An older host’s words.' },
      { code: 'busy:quantum', message: 'A newer host’s reason.', values: { x: 1 } },
      { code: 'internal', message: 'Casefile could not complete cf:backup:read: boom' },
      { code: 'toString', message: 'Not a code of ours.' },
      // A known code stated only in words (an older host): its words, not a message with empty variables.
      { code: 'pdf-failed', message: 'Casefile could not print the brief to PDF: the renderer crashed.' },
      { code: 'fetch-failed:status', message: 'The server answered 404 Not Found.' },
    ]) {
      const refused = hostRefusal(error);
      expect(refused.message).toBe(error.message);
      expect(refused.code).toBe(error.code);
      expect(refused.detail).toBeUndefined();
    }
    const odd = hostRefusal({ code: 'not-a-file', message: 'x', values: { name: 'a', extra: { key: 'app.title' } as unknown as string } });
    expect(odd.detail).toEqual({ key: 'hostError.notAFile', values: { name: 'a' } });
  });
});
