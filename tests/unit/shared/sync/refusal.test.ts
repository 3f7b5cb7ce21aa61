import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator, translateRef } from '../../../../shared/i18n';
import { readRefusalText, refusalText, SYNC_REFUSAL_REASONS, syncRefusalRef, syncRefusalTextRef } from '../../../../shared/sync/refusal';

const en = createTranslator('en');
const es = createTranslator('es');

describe('sync refusals in the UI’s language', () => {
  it.each(SYNC_REFUSAL_REASONS)('%s has its own message in English and in Spanish', (reason) => {
    const ref = syncRefusalRef({ reason, english: 'The server’s English.' });
    expect(ref.key).toBe(`syncRefusal.${reason}`);
    for (const t of [en, es]) {
      const text = translateRef(t, ref);
      expect(text).not.toBe(ref.key);
      expect(text).not.toContain('The server’s English');
    }
    expect(translateRef(es, ref)).not.toBe(translateRef(en, ref));
  });

  it('reads a WebSocket refusal back into its name, parameter and English', () => {
    expect(readRefusalText(refusalText('expired', 'This invitation expired on 2026-01-31. Ask for a new invitation.', '2026-01-31'))).toEqual({
      reason: 'expired',
      param: '2026-01-31',
      english: 'This invitation expired on 2026-01-31. Ask for a new invitation.',
    });
    expect(readRefusalText(refusalText('revoked', 'This invitation was revoked.'))).toEqual({ reason: 'revoked', english: 'This invitation was revoked.' });
    // An older server's plain sentence, or a name this app does not know, stays English.
    expect(readRefusalText('Not signed in.')).toEqual({ english: 'Not signed in.' });
    expect(readRefusalText('[from-the-future] Something new.')).toEqual({ english: '[from-the-future] Something new.' });
  });

  it('says a refusal in Spanish, with its date or size, and puts words it cannot name inside a Spanish sentence', () => {
    expect(translateRef(es, syncRefusalTextRef('[expired:2026-01-31] This invitation expired on 2026-01-31. Ask for a new invitation.'))).toBe(
      'Esta invitación caducó el 2026-01-31. Pide una invitación nueva.',
    );
    expect(translateRef(es, syncRefusalRef({ reason: 'blob-too-large', param: '64', english: 'This file is larger than the server accepts (64 MB).' }))).toBe(
      'Este archivo es más grande de lo que acepta el servidor (64 MB).',
    );
    expect(translateRef(es, syncRefusalTextRef('[revoked] This invitation was revoked.'))).toBe('Esta invitación se ha revocado. Pide una nueva a alguien del caso.');
    expect(translateRef(es, syncRefusalTextRef('The server is tired.'))).toBe('El servidor de sincronización respondió «The server is tired».');
  });

  it('the sync server names every refusal it sends over the WebSocket or in an HTTP error', () => {
    const folder = join(__dirname, '../../../../node/sync');
    const code = readdirSync(folder)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(join(folder, name), 'utf8'))
      .join('\n');
    // Every refusal of a token names itself (the type insists on a known name).
    expect([...code.matchAll(/new Refusal\('[\w-]+', '([\w-]+)'/g)].length).toBe([...code.matchAll(/new Refusal\(/g)].length);
    // What Hocuspocus sends the app is a named refusal's text, never a bare sentence.
    const sent = [...code.matchAll(/(?<!function )\b(?:deny|expel)\((?:connection, )?([^)]*)/g)].map((m) => m[1] ?? '');
    expect(sent.length).toBeGreaterThanOrEqual(4);
    for (const argument of sent) expect(argument).toMatch(/^(refusalText\(|[\w.]+\.text\b)/);
  });
});
