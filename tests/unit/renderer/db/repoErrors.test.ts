import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCase, deleteNote, renameCase, RepoError } from '../../../../renderer/db/repositories';
import { createTag } from '../../../../renderer/db/repositories/tags';
import { TagError } from '../../../../shared/claims/tags';
import type { CasefileDB } from '../../../../renderer/db/db';
import { CATALOGUES, createTranslator, translateRef } from '../../../../shared/i18n';
import { freshDb } from './helpers';

const read = (folder: string) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') }));
const sources = read(join(__dirname, '../../../../renderer/db/repositories'));
/** Where claim and tag refusals are made: the repositories and the rules they call in shared/claims. */
const claimAndTagSources = [...sources, ...read(join(__dirname, '../../../../shared/claims'))];

let db: CasefileDB | undefined;
afterEach(() => db?.close());

describe('repository refusals in the UI’s language', () => {
  it('every RepoError the repositories throw is a catalogue message, not English text', () => {
    const thrown = sources.flatMap(({ name, text }) => [...text.matchAll(/new RepoError\(([^)]{0,40})/g)].map((m) => ({ name, argument: m[1] ?? '' })));
    expect(thrown.length).toBeGreaterThan(30);
    const untranslated = thrown.filter(({ argument }) => !argument.startsWith('repoRef('));
    expect(untranslated, 'RepoErrors made from a plain string: give them a repoError.* message').toEqual([]);
  });

  it('every ClaimError and TagError is a catalogue message, and its key is in both catalogues', () => {
    const thrown = claimAndTagSources.flatMap(({ name, text }) => [...text.matchAll(/new (ClaimError|TagError)\(([^)]{0,40})/g)].map((m) => ({ name, kind: m[1], argument: m[2] ?? '' })));
    expect(thrown.length).toBeGreaterThan(15);
    expect(thrown.filter(({ kind, argument }) => !argument.startsWith(kind === 'ClaimError' ? 'claimRef(' : 'tagRef('))).toEqual([]);
    for (const [helper, area] of [['claimRef', 'claimError'], ['tagRef', 'tagError']] as const) {
      const keys = new Set(claimAndTagSources.flatMap(({ text }) => [...text.matchAll(new RegExp(`${helper}\\('([\\w.]+)'`, 'g'))].map((m) => m[1] ?? '')));
      expect(keys.size).toBeGreaterThan(4);
      for (const locale of ['en', 'es'] as const) {
        const messages = CATALOGUES[locale][area] as Record<string, string>;
        for (const key of keys) expect(messages[key], `${locale}: ${area}.${key}`).toEqual(expect.any(String));
      }
    }
  });

  it('a tag refused by the codebook reads in Spanish', async () => {
    db = await freshDb();
    const record = await createCase('Port Velden');
    await createTag(record.id, 'puerto');
    const error = await createTag(record.id, 'Puerto').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TagError);
    expect((error as TagError).message).toBe('A tag named “Puerto” already exists.');
    expect(translateRef(createTranslator('es'), (error as TagError).detail)).toBe('Ya existe una etiqueta llamada «Puerto».');
  });

  it('every repoError key a repository names is in the English and the Spanish catalogue', () => {
    const keys = new Set(sources.flatMap(({ text }) => [...text.matchAll(/repoRef\('([\w.]+)'/g)].map((m) => m[1] ?? '')));
    expect(keys.size).toBeGreaterThan(30);
    for (const locale of ['en', 'es'] as const) {
      const area = CATALOGUES[locale].repoError as Record<string, string>;
      for (const key of keys) expect(area[key], `${locale}: repoError.${key}`).toEqual(expect.any(String));
    }
  });

  it('a refused write carries the message as detail, its English as message, and reads in Spanish', async () => {
    db = await freshDb();
    const error = await renameCase('no-such-case', 'Harbour').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RepoError);
    expect((error as RepoError).detail).toEqual({ key: 'repoError.caseGone' });
    expect((error as RepoError).message).toBe('That case no longer exists.');
    expect(translateRef(createTranslator('es'), (error as RepoError).detail!)).toBe('Ese caso ya no existe.');

    const record = await createCase('Port Velden');
    const lastNote = await deleteNote(record.briefNoteId!).catch((e: unknown) => e);
    expect(translateRef(createTranslator('es'), (lastNote as RepoError).detail!)).toBe('Un caso conserva al menos una nota, así que no puedes eliminar su única nota.');
  });

  it('a refusal naming a record keeps its name as a variable, in the quotes of each language', async () => {
    db = await freshDb();
    const error = await createCase(' '.repeat(3)).catch((e: unknown) => e);
    expect((error as RepoError).detail).toEqual({ key: 'repoError.caseName' });
    const ref = { key: 'repoError.ownerInTrash', values: { name: 'Harbour' } };
    expect(translateRef(createTranslator('en'), ref)).toBe('The case “Harbour” is in the Trash itself. Restore the case first.');
    expect(translateRef(createTranslator('es'), ref)).toBe('El caso «Harbour» está en la papelera. Restaura primero el caso.');
  });
});
