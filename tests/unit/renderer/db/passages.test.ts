import { afterEach, describe, expect, it } from 'vitest';
import { reanchorAll } from '../../../../shared/anchoring';
import { normaliseText } from '../../../../shared/import/text';
import type { ImportedSourceDraft } from '../../../../shared/import/draft';
import type { CasefileDB } from '../../../../renderer/db/db';
import {
  addSource,
  createCase,
  createPassage,
  deletePassage,
  locatorAt,
  replaceSourceText,
  restoreFromTrash,
} from '../../../../renderer/db/repositories';
import { createClaimForPassage } from '../../../../renderer/db/repositories/claims';
import { content, freshDb } from './helpers';

let db: CasefileDB;
afterEach(() => db?.close());

function draft(raw: string, sha = 'aa'.repeat(32)): ImportedSourceDraft {
  const { text, blocks } = normaliseText(raw);
  return { format: 'text', text, blocks, sha256: sha, fileName: 'report.txt', byteLength: raw.length, mediaType: 'text/plain', metadata: { type: 'document', title: 'Report' }, bytes: new TextEncoder().encode(raw), titleFromFirstLine: false };
}

const ORIGINAL = 'Harbour report\n\nOfficers seized 3.2 tonnes of cocaine on Tuesday.\n\nFourteen people were detained.\n\nThe port will double its scanners.';
const REVISED = 'Harbour report\n\nUpdated on Wednesday.\n\nOfficers seized 3.2 tonnes of cocaine on Tuesday.\n\nThe port will double its scanners.';

describe('passages', () => {
  it('stores both selectors and the paragraph locator, and reuses an identical span', async () => {
    db = await freshDb();
    const c = await createCase('Port');
    const source = await addSource(c.id, draft(ORIGINAL));
    const start = source.text.indexOf('Fourteen');
    const p = await createPassage(source, start, start + 'Fourteen people were detained.'.length);
    expect(p.selectors[0]).toMatchObject({ type: 'TextQuoteSelector', exact: 'Fourteen people were detained.' });
    expect(p.selectors[0].prefix.length).toBeLessThanOrEqual(32);
    expect(p.selectors[1]).toEqual({ type: 'TextPositionSelector', start, end: start + 30 });
    expect(p.locator).toEqual({ kind: 'paragraph', value: 3 });
    const again = await createPassage(source, start, start + 30);
    expect(again.id).toBe(p.id);
    expect(await db.passages.count()).toBe(1);
  });

  it('refuses empty or whitespace-only spans', async () => {
    db = await freshDb();
    const c = await createCase('Port');
    const source = await addSource(c.id, draft(ORIGINAL));
    await expect(createPassage(source, 14, 16)).rejects.toThrow('An empty selection cannot be a passage.');
    await expect(createPassage(source, 5, 5)).rejects.toThrow('not inside the source text');
    expect(await db.passages.count()).toBe(0);
  });

  it('deleting a passage drops it from claims; undo puts both back', async () => {
    db = await freshDb();
    const c = await createCase('Port');
    const source = await addSource(c.id, draft(ORIGINAL));
    const p = await createPassage(source, 16, 40);
    const claim = await createClaimForPassage(c.id, p.id, { statement: 'Officers seized 3.2 tonnes' });
    const snapshot = await deletePassage(p.id);
    expect((await db.claims.get(claim.id))?.evidence).toEqual([]);
    await restoreFromTrash(snapshot);
    expect((await db.claims.get(claim.id))?.evidence.map((e) => e.passageId)).toEqual([p.id]);
    expect(content(await db.passages.get(p.id))).toEqual(content(p));
  });

  it('a source update re-anchors in one go: moved passages land exactly, removed ones become orphans', async () => {
    db = await freshDb();
    const c = await createCase('Port');
    const source = await addSource(c.id, draft(ORIGINAL));
    const quote = (q: string) => {
      const s = source.text.indexOf(q);
      return createPassage(source, s, s + q.length);
    };
    const kept = await quote('3.2 tonnes of cocaine');
    const gone = await quote('Fourteen people were detained.');
    const result = await replaceSourceText(source.id, draft(REVISED, 'bb'.repeat(32)), reanchorAll, locatorAt);
    expect(result).toMatchObject({ orphaned: 1 });
    const updated = (await db.sources.get(source.id))!;
    expect(updated.revision).toBe(2);
    const k = (await db.passages.get(kept.id))!;
    expect(updated.text.slice(k.selectors[1].start, k.selectors[1].end)).toBe('3.2 tonnes of cocaine');
    expect(k.locator).toEqual({ kind: 'paragraph', value: 3 });
    const g = (await db.passages.get(gone.id))!;
    expect(g.anchor).toBe('orphaned');
    expect(g.selectors[0].exact).toBe('Fourteen people were detained.');
    expect((await db.sourceBlobs.get(source.id))?.bytes).toEqual(new TextEncoder().encode(REVISED));
  });

  it('a passage in the Trash moves with a source update, so restoring it lands on the new text; the counts leave it out', async () => {
    db = await freshDb();
    const c = await createCase('Port');
    const source = await addSource(c.id, draft(ORIGINAL));
    const at = source.text.indexOf('double its scanners');
    const trashed = await createPassage(source, at, at + 'double its scanners'.length);
    const ref = await deletePassage(trashed.id);
    const result = await replaceSourceText(source.id, draft(REVISED, 'bb'.repeat(32)), reanchorAll, locatorAt);
    expect(result).toMatchObject({ placed: 0, moved: 0, fuzzy: 0, orphaned: 0 });
    await restoreFromTrash(ref);
    const back = (await db.passages.get(trashed.id))!;
    const updated = (await db.sources.get(source.id))!;
    expect(updated.text.slice(back.selectors[1].start, back.selectors[1].end)).toBe('double its scanners');
    expect(back.deletedAt).toBe(0);
  });
});
