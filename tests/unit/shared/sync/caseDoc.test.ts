import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ClaimRecord, ClaimStatus, PassageRecord, SourceRecord, TagRecord } from '../../../../shared/domain/types';
import { CLAIM_STATUSES } from '../../../../shared/domain/types';
import {
  CaseDocVersionError,
  changeClaimStatus,
  claimsWithConcurrentStatus,
  confirmClaimStatus,
  deleteRecord,
  mergeTag,
  observeCaseDoc,
  readCaseInfo,
  readClaimStatus,
  readMembers,
  readRecord,
  readRecords,
  readTable,
  restoreRecord,
  tagResolution,
  writeCaseInfo,
  writeMember,
  writeRecord,
  writeRecords,
  type CaseDocChanges,
  type WriteContext,
} from '../../../../shared/sync/caseDoc';
import { decodeSnapshot, encodeSnapshot, snapshotBlob, SnapshotError } from '../../../../shared/sync/snapshot';
import { tagNameKey } from '../../../../shared/sync/tagGraph';

const CASE = 'case-1';
const T0 = Date.UTC(2026, 2, 1, 9, 0);

function ctx(actor: string, now = T0, origin?: unknown): WriteContext {
  let n = 0;
  return { actor, now, origin, newId: () => `${actor}-${now}-${n++}-${Math.random().toString(36).slice(2, 8)}` };
}

function passage(id: string, overrides: Partial<PassageRecord> = {}): PassageRecord {
  return {
    id,
    caseId: CASE,
    sourceId: 's1',
    selectors: [
      { type: 'TextQuoteSelector', exact: 'handled 3.2 tonnes', prefix: 'The port ', suffix: ' last year' },
      { type: 'TextPositionSelector', start: 9, end: 27 },
    ],
    tags: [],
    comment: '',
    locator: { kind: 'paragraph', value: 2 },
    anchor: 'exact',
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function claim(id: string, overrides: Partial<ClaimRecord> = {}): ClaimRecord {
  return {
    id,
    caseId: CASE,
    statement: 'The port handled 3.2 tonnes.',
    claimant: 'Port authority',
    status: 'unverified',
    tags: [],
    note: '',
    evidence: [{ passageId: 'p1', stance: 'supports', addedAt: T0 }],
    statusLog: [],
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function tagRecord(id: string, name: string, createdAt = T0): TagRecord {
  return { id, caseId: CASE, name, color: '#4e79a7', description: '', createdAt };
}

const source: SourceRecord & { snapshot: string; mediaType: string } = {
  id: 's1',
  caseId: CASE,
  format: 'html',
  text: 'not shared',
  blocks: [],
  sha256: 'a'.repeat(64),
  snapshot: 'b'.repeat(64),
  mediaType: 'text/html',
  fileName: 'harbour.html',
  byteLength: 2048,
  importedAt: T0,
  // How the snapshot was made travels with it: a collaborator sees the same encoding and hidden text.
  importReport: { encoding: { encoding: 'windows-1252', how: 'declared', declared: 'iso-8859-1' }, hidden: { count: 1, blocks: ['planted words'] } },
  metadata: { type: 'article-newspaper', title: 'Harbour figures', author: [{ family: 'Okafor', given: 'N.' }], URL: 'https://news.example.org/harbour' },
  revision: 0,
  order: 0,
};

/** Peers that exchange updates in any order, as a network would deliver them. */
class Net {
  docs: Y.Doc[];
  private outbox: Uint8Array[][];
  private sent: Set<number>[][];

  constructor(n: number) {
    this.docs = Array.from({ length: n }, (_, i) => {
      const doc = new Y.Doc();
      doc.clientID = 1000 + i; // distinct and stable, so failures replay
      return doc;
    });
    this.outbox = this.docs.map(() => []);
    this.sent = this.docs.map(() => this.docs.map(() => new Set<number>()));
    this.docs.forEach((doc, i) => doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && this.outbox[i]!.push(u)));
  }

  /** Deliver some of `from`'s not-yet-delivered updates to `to`, in the order given by `pick`. */
  deliver(from: number, to: number, pick: number[]) {
    if (from === to) return;
    const pending = this.outbox[from]!.map((_, k) => k).filter((k) => !this.sent[from]![to]!.has(k));
    for (const p of pick) {
      if (pending.length === 0) break;
      const [k] = pending.splice(p % pending.length, 1);
      this.sent[from]![to]!.add(k!);
      Y.applyUpdate(this.docs[to]!, this.outbox[from]![k!]!, 'net');
    }
  }

  /** Everyone gets everything, in order. */
  settle() {
    for (const a of this.docs.keys()) for (const b of this.docs.keys()) this.deliver(a, b, Array(this.outbox[a]!.length).fill(0));
  }
}

function snapshotOf(doc: Y.Doc) {
  return {
    passages: readTable(doc, 'passages'),
    claims: readTable(doc, 'claims'),
    tags: readTable(doc, 'tags'),
    status: readTable(doc, 'claims').map((c) => readClaimStatus(doc, c.id)),
  };
}

describe('records round-trip', () => {
  it('writes every table and reads back what the app holds, with stamps', () => {
    const doc = new Y.Doc();
    writeCaseInfo(doc, { id: CASE, name: 'Harbour inquiry', briefNoteId: 'n1', createdAt: T0 }, ctx('ana'));
    writeMember(doc, 'ana', { name: 'Ana', color: '#e15759' }, ctx('ana'));
    writeRecord(doc, 'tags', tagRecord('t1', 'money'), ctx('ana'));
    writeRecord(doc, 'sources', source, ctx('ana'));
    writeRecord(doc, 'passages', passage('p1', { tags: ['t1'], comment: 'check the year' }), ctx('ana'));
    writeRecord(
      doc,
      'claims',
      claim('c1', { status: 'supported', statusLog: [{ at: T0 + 5, from: 'unverified', to: 'supported', reason: 'port report' }], tags: ['t1'] }),
      ctx('ben', T0 + 5),
    );
    writeRecord(doc, 'notes', { id: 'n1', title: 'Brief', order: 0, schemaVersion: 1, createdAt: T0, updatedAt: T0 }, ctx('ana'));

    expect(readCaseInfo(doc)).toMatchObject({ id: CASE, name: 'Harbour inquiry', briefNoteId: 'n1', createdBy: 'ana' });
    expect(readMembers(doc).get('ana')).toEqual({ name: 'Ana', color: '#e15759' });
    const { text: _t, blocks: _b, caseId: _c, ...sharedSource } = source;
    expect(readRecord(doc, 'sources', 's1')).toEqual({ ...sharedSource, createdAt: T0, createdBy: 'ana', updatedAt: T0, updatedBy: 'ana' });
    const { caseId: _p, ...sharedPassage } = passage('p1', { tags: ['t1'], comment: 'check the year' });
    expect(readRecord(doc, 'passages', 'p1')).toEqual({ ...sharedPassage, createdBy: 'ana', updatedBy: 'ana' });
    expect(readRecord(doc, 'claims', 'c1')).toMatchObject({
      status: 'supported',
      statusLog: [{ at: T0 + 5, from: 'unverified', to: 'supported', reason: 'port report' }],
      evidence: [{ passageId: 'p1', stance: 'supports', addedAt: T0 }],
      tags: ['t1'],
      createdBy: 'ben',
    });
    expect(readTable(doc, 'notes')).toEqual([{ id: 'n1', title: 'Brief', order: 0, schemaVersion: 1, createdAt: T0, createdBy: 'ana', updatedAt: T0, updatedBy: 'ana' }]);
  });

  it('writing back what was read emits no update (no echo loop)', () => {
    const doc = new Y.Doc();
    writeRecord(doc, 'tags', tagRecord('t1', 'money'), ctx('ana'));
    writeRecord(doc, 'tags', tagRecord('t2', 'ports'), ctx('ana'));
    writeRecord(doc, 'sources', source, ctx('ana'));
    writeRecord(doc, 'passages', passage('p1', { tags: ['t2', 't1'] }), ctx('ana'));
    writeRecord(doc, 'claims', claim('c1', { tags: ['t1'] }), ctx('ana'));
    changeClaimStatus(doc, 'c1', { to: 'disputed', reason: 'two reports differ' }, ctx('ben', T0 + 9));
    mergeTag(doc, 't2', 't1', ctx('ana'));

    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (const table of ['sources', 'passages', 'claims', 'tags'] as const) {
      for (const record of readTable(doc, table)) {
        expect(writeRecord(doc, table, { ...record, caseId: CASE } as never, ctx('cleo', T0 + 99))).toBe(false);
      }
    }
    expect(updates).toEqual([]);
  });

  it('writes many records at once, the same as one by one', () => {
    const one = new Y.Doc();
    const many = new Y.Doc();
    const tags = [tagRecord('t1', 'money'), tagRecord('t2', 'ports')];
    const passages = Array.from({ length: 50 }, (_, i) => passage(`p${i}`, { tags: i % 2 ? ['t1'] : ['t2', 't1'], comment: `note ${i}` }));
    for (const t of tags) writeRecord(one, 'tags', t, ctx('ana'));
    for (const p of passages) writeRecord(one, 'passages', p, ctx('ana'));
    expect(writeRecords(many, 'tags', tags, ctx('ana'))).toBe(2);
    expect(writeRecords(many, 'passages', passages, ctx('ana'))).toBe(50);
    expect(readTable(many, 'passages')).toEqual(readTable(one, 'passages'));
    expect(writeRecords(many, 'passages', passages, ctx('ana'))).toBe(0);
  });

  it('reads several records at once the same as one by one, in the order asked, skipping unknown IDs', () => {
    const doc = new Y.Doc();
    writeRecords(doc, 'tags', [tagRecord('t1', 'money'), tagRecord('t2', 'ports')], ctx('ana'));
    writeRecords(doc, 'passages', Array.from({ length: 5 }, (_, i) => passage(`p${i}`, { tags: i % 2 ? ['t1'] : ['t2', 't1'] })), ctx('ana'));
    deleteRecord(doc, 'tags', 't2', ctx('ben'));
    const ids = ['p3', 'nope', 'p0', 'p1'];
    const oneByOne = ids.map((id) => readRecord(doc, 'passages', id)).filter((r) => r !== undefined);
    expect(readRecords(doc, 'passages', ids)).toEqual(oneByOne);
    expect(oneByOne.map((p) => p.tags)).toEqual([['t1'], ['t1'], ['t1']]);
  });

  it('keeps the order of a passage’s tags (the first one colours the highlight)', () => {
    const doc = new Y.Doc();
    for (const [id, name] of [['t1', 'a'], ['t2', 'b'], ['t3', 'c']]) writeRecord(doc, 'tags', tagRecord(id!, name!), ctx('ana'));
    writeRecord(doc, 'passages', passage('p1', { tags: ['t3', 't1'] }), ctx('ana'));
    expect(readRecord(doc, 'passages', 'p1')?.tags).toEqual(['t3', 't1']);
    writeRecord(doc, 'passages', passage('p1', { tags: ['t1', 't2', 't3'] }), ctx('ana'));
    expect(readRecord(doc, 'passages', 'p1')?.tags).toEqual(['t1', 't2', 't3']);
  });

  it('a deleted tag disappears from passages and comes back when restored, even after the passage was written', () => {
    const doc = new Y.Doc();
    writeRecord(doc, 'tags', tagRecord('t1', 'money'), ctx('ana'));
    writeRecord(doc, 'tags', tagRecord('t2', 'ports'), ctx('ana'));
    writeRecord(doc, 'passages', passage('p1', { tags: ['t1', 't2'] }), ctx('ana'));
    deleteRecord(doc, 'tags', 't1', ctx('ben'));
    const shown = readRecord(doc, 'passages', 'p1')!;
    expect(shown.tags).toEqual(['t2']);
    writeRecord(doc, 'passages', { ...shown, comment: 'edited while the tag was in the Trash' }, ctx('ben'));
    restoreRecord(doc, 'tags', 't1', ctx('ana'));
    expect(readRecord(doc, 'passages', 'p1')?.tags).toEqual(['t1', 't2']);
  });

  it('a stale copy never brings a deleted record back; restoreRecord does', () => {
    const doc = new Y.Doc();
    writeRecord(doc, 'passages', passage('p1'), ctx('ana'));
    deleteRecord(doc, 'passages', 'p1', ctx('ben', T0 + 1));
    expect(readRecord(doc, 'passages', 'p1')).toMatchObject({ deletedAt: T0 + 1, deletedBy: 'ben' });
    writeRecord(doc, 'passages', passage('p1', { comment: 'stale edit' }), ctx('ana', T0 + 2));
    expect(readRecord(doc, 'passages', 'p1')).toMatchObject({ comment: 'stale edit', deletedAt: T0 + 1 });
    restoreRecord(doc, 'passages', 'p1', ctx('ana', T0 + 3));
    expect(readRecord(doc, 'passages', 'p1')?.deletedAt).toBeUndefined();
    expect(readRecord(doc, 'passages', 'p1')).toMatchObject({ updatedAt: T0 + 3, updatedBy: 'ana' });
  });

  it('a live record as the app stores it (deletedAt: 0) stays live', () => {
    const doc = new Y.Doc();
    writeRecord(doc, 'passages', { ...passage('p1'), deletedAt: 0 }, ctx('ana'));
    expect(readRecord(doc, 'passages', 'p1')?.deletedAt).toBeUndefined();
  });

  it('with `only`, writes just the fields this device changed', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeRecord(a, 'passages', passage('p1'), ctx('ana'));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    writeRecord(a, 'passages', passage('p1', { anchor: 'moved' }), ctx('ana', T0 + 1));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // b's app has not seen the re-anchoring yet when its user edits the comment.
    writeRecord(b, 'passages', passage('p1', { comment: 'see p. 4' }), ctx('ben', T0 + 2), ['comment']);
    expect(readRecord(b, 'passages', 'p1')).toMatchObject({ anchor: 'moved', comment: 'see p. 4', updatedBy: 'ben' });
    writeRecord(b, 'passages', passage('p1', { comment: 'see p. 5' }), ctx('ben', T0 + 3));
    expect(readRecord(b, 'passages', 'p1')?.anchor).toBe('exact');
  });

  it('keeps a passage’s place whole when two devices re-anchor it at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeRecord(a, 'passages', passage('p1'), ctx('ana'));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const moved = passage('p1', {
      selectors: [{ type: 'TextQuoteSelector', exact: 'handled 3.2 tonnes', prefix: 'In 2024 the port ', suffix: ' of cargo' }, { type: 'TextPositionSelector', start: 120, end: 138 }],
      locator: { kind: 'paragraph', value: 7 },
      anchor: 'moved',
    });
    writeRecord(a, 'passages', moved, ctx('ana', T0 + 1));
    writeRecord(b, 'passages', passage('p1', { anchor: 'orphaned' }), ctx('ben', T0 + 1));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const place = (d: Y.Doc) => {
      const { selectors, locator, anchor } = readRecord(d, 'passages', 'p1')!;
      return { selectors, locator, anchor };
    };
    expect(place(a)).toEqual(place(b));
    expect([JSON.stringify({ selectors: moved.selectors, locator: moved.locator, anchor: 'moved' }), JSON.stringify({ selectors: passage('p1').selectors, locator: passage('p1').locator, anchor: 'orphaned' })]).toContain(JSON.stringify(place(a)));
  });

  it('refuses a document from a newer format instead of misreading it', () => {
    const doc = new Y.Doc();
    doc.getMap('case').set('v', 99);
    expect(() => readCaseInfo(doc)).toThrow(CaseDocVersionError);
    expect(() => writeCaseInfo(doc, { id: CASE, name: 'x', createdAt: T0 }, ctx('ana'))).toThrow('newer version of Casefile');
  });

  it('reports which records changed, once per transaction, with its origin', () => {
    const doc = new Y.Doc();
    const seen: [CaseDocChanges, unknown][] = [];
    const stop = observeCaseDoc(doc, (changes, tr) => seen.push([changes, tr.origin]));
    doc.transact(() => {
      writeRecord(doc, 'passages', passage('p1'), ctx('ana'));
      writeRecord(doc, 'passages', passage('p2'), ctx('ana'));
      writeRecord(doc, 'tags', tagRecord('t1', 'money'), ctx('ana'));
    }, 'local');
    writeRecord(doc, 'passages', passage('p2', { comment: 'x' }), ctx('ana', T0, 'local'));
    stop();
    writeRecord(doc, 'passages', passage('p3'), ctx('ana'));
    expect(seen).toHaveLength(2);
    expect([...seen[0]![0].records.passages].sort()).toEqual(['p1', 'p2']);
    expect(seen[0]![0].tagResolution).toBe(true);
    expect(seen[0]![1]).toBe('local');
    expect([...seen[1]![0].records.passages]).toEqual(['p2']);
    expect(seen[1]![0].tagResolution).toBe(false);
  });
});

describe('snapshots', () => {
  it('encode to the same bytes every time and decode with checks', async () => {
    const snap = { text: 'Line one\n\nLine two', blocks: [{ start: 0, end: 8, n: 1, kind: 'paragraph' as const }, { start: 10, end: 18, n: 2, kind: 'paragraph' as const }] };
    const a = await snapshotBlob(snap);
    const b = await snapshotBlob({ ...snap, blocks: snap.blocks.map((x) => ({ kind: x.kind, n: x.n, end: x.end, start: x.start })) });
    expect(a.sha256).toBe(b.sha256);
    expect(decodeSnapshot(a.bytes)).toEqual(snap);
    expect(() => decodeSnapshot(encodeSnapshot({ text: 'short', blocks: [{ start: 0, end: 50, n: 1, kind: 'paragraph' }] }))).toThrow(SnapshotError);
    expect(() => decodeSnapshot(new Uint8Array([0xff, 0xfe]))).toThrow('damaged');
  });

  it('carry the OCR record of recognised text, canonically, and refuse one that does not fit the text', async () => {
    const text = 'Berth 7 closed 14 March';
    const ocr = {
      engine: 'tesseract.js',
      version: '7.0.0',
      languages: ['eng'],
      model: '4.0.0_best_int',
      pages: [1],
      blocks: [{ index: 0, confidence: 88.5 }],
      uncertain: [{ start: 15, end: 17, confidence: 41 }],
    };
    const snap = { text, blocks: [{ start: 0, end: text.length, n: 1, kind: 'page' as const }], ocr };
    const a = await snapshotBlob(snap);
    expect(decodeSnapshot(a.bytes)).toEqual(snap);
    // The same record with its keys in another order is the same blob.
    const shuffled = { ...snap, ocr: { uncertain: ocr.uncertain, blocks: ocr.blocks, pages: ocr.pages, model: ocr.model, languages: ocr.languages, version: ocr.version, engine: ocr.engine } };
    expect((await snapshotBlob(shuffled)).sha256).toBe(a.sha256);
    // Without its OCR record it is another snapshot.
    expect((await snapshotBlob({ text: snap.text, blocks: snap.blocks })).sha256).not.toBe(a.sha256);
    expect(() => decodeSnapshot(encodeSnapshot({ ...snap, ocr: { ...ocr, uncertain: [{ start: 20, end: 40, confidence: 30 }] } }))).toThrow(/not a range inside the source text/);
    expect(() => decodeSnapshot(encodeSnapshot({ ...snap, ocr: { ...ocr, blocks: [{ index: 3, confidence: 90 }] } }))).toThrow(/names a block the source does not have/);
  });
});

describe('convergence', () => {
  const schedule = fc.array(fc.tuple(fc.nat(2), fc.nat(2), fc.array(fc.nat(20), { maxLength: 6 })), { maxLength: 12 });

  it('concurrent status changes are all kept, converge, and show as concurrent until confirmed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.constantFrom(...CLAIM_STATUSES), fc.integer({ min: 0, max: 5 })), { maxLength: 4 }), { minLength: 3, maxLength: 3 }),
        schedule,
        (changesPerPeer, deliveries) => {
          const net = new Net(3);
          writeRecord(net.docs[0]!, 'claims', claim('c1'), ctx('p0'));
          net.settle();
          let made = 0;
          const lastTo: (ClaimStatus | undefined)[] = [];
          changesPerPeer.forEach((changes, i) => {
            for (const [to, dt] of changes) {
              if (changeClaimStatus(net.docs[i]!, 'c1', { to }, ctx(`p${i}`, T0 + dt))) {
                made++;
                lastTo[i] = to;
              }
            }
          });
          for (const [from, to, pick] of deliveries) net.deliver(from, to, pick);
          net.settle();
          const infos = net.docs.map((d) => readClaimStatus(d, 'c1')!);
          for (const info of infos) expect(info).toEqual(infos[0]);
          const info = infos[0]!;
          expect(info.entries).toHaveLength(made);
          const distinct = new Set(lastTo.filter(Boolean));
          expect(info.concurrent !== null).toBe(distinct.size > 1);
          for (const d of net.docs) expect(claimsWithConcurrentStatus(d)).toEqual(info.concurrent ? ['c1'] : []);
          if (info.concurrent) {
            const latest = [...info.concurrent].sort((a, b) => a.at - b.at || (a.by < b.by ? -1 : a.by > b.by ? 1 : 0) || (a.id < b.id ? -1 : 1)).at(-1)!;
            expect(info.status).toBe(latest.to);
            expect(confirmClaimStatus(net.docs[1]!, 'c1', ctx('p1', T0 + 10))).toBe(true);
            net.settle();
            for (const d of net.docs) {
              expect(claimsWithConcurrentStatus(d)).toEqual([]);
              expect(readClaimStatus(d, 'c1')!.concurrent).toBeNull();
              expect(readClaimStatus(d, 'c1')!.status).toBe(info.status);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('concurrent deletes, restores and edits of one passage converge and never lose it', () => {
    const op = fc.tuple(fc.nat(2), fc.constantFrom('delete', 'restore', 'edit'), fc.integer({ min: 0, max: 9 }));
    const step = fc.oneof(fc.record({ op }), fc.record({ sync: fc.tuple(fc.nat(2), fc.nat(2), fc.array(fc.nat(20), { maxLength: 4 })) }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const net = new Net(3);
        writeRecord(net.docs[0]!, 'passages', passage('p1'), ctx('p0'));
        net.settle();
        for (const s of steps) {
          if ('op' in s) {
            const [i, kind, dt] = s.op;
            const doc = net.docs[i]!;
            const c = ctx(`p${i}`, T0 + dt);
            if (kind === 'delete') deleteRecord(doc, 'passages', 'p1', c);
            else if (kind === 'restore') restoreRecord(doc, 'passages', 'p1', c);
            else writeRecord(doc, 'passages', { ...readRecord(doc, 'passages', 'p1')!, comment: `edit by p${i} at ${dt}` }, c);
          } else net.deliver(...s.sync);
        }
        net.settle();
        const states = net.docs.map((d) => readRecord(d, 'passages', 'p1'));
        for (const st of states) {
          expect(st).toBeDefined();
          expect(st).toEqual(states[0]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('concurrent tag renames, merges and new tags converge, and no passage loses a tag', () => {
    const names = ['fraud', 'Fraud', 'money', 'ports', 'ports/cargo', 'bribes'];
    const op = fc.oneof(
      fc.record({ rename: fc.tuple(fc.nat(2), fc.nat(5), fc.constantFrom(...names)) }),
      fc.record({ merge: fc.tuple(fc.nat(2), fc.nat(5), fc.nat(5)) }),
      fc.record({ create: fc.tuple(fc.nat(2), fc.constantFrom(...names)) }),
      fc.record({ tag: fc.tuple(fc.nat(2), fc.nat(2), fc.nat(7)) }),
      fc.record({ sync: fc.tuple(fc.nat(2), fc.nat(2), fc.array(fc.nat(20), { maxLength: 4 })) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const net = new Net(3);
        const base = net.docs[0]!;
        ['t0', 't1', 't2', 't3'].forEach((id, k) => writeRecord(base, 'tags', tagRecord(id, names[k + 2] ?? `tag${k}`, T0 + k), ctx('p0')));
        writeRecord(base, 'passages', passage('p0', { tags: ['t0'] }), ctx('p0'));
        writeRecord(base, 'passages', passage('p1', { tags: ['t1', 't2'] }), ctx('p0'));
        writeRecord(base, 'passages', passage('p2', { tags: [] }), ctx('p0'));
        net.settle();
        // Every tag ID ever given to a passage, on any device.
        const given = new Map<string, Set<string>>([['p0', new Set(['t0'])], ['p1', new Set(['t1', 't2'])], ['p2', new Set()]]);
        let fresh = 0;
        for (const o of ops) {
          if ('rename' in o) {
            const [i, k, name] = o.rename;
            const doc = net.docs[i]!;
            const ids = [...readTable(doc, 'tags').map((t) => t.id)].sort();
            const t = readRecord(doc, 'tags', ids[k % ids.length]!)!;
            writeRecord(doc, 'tags', { ...t, name }, ctx(`p${i}`, T0 + 100 + k));
          } else if ('merge' in o) {
            const [i, a, b] = o.merge;
            const doc = net.docs[i]!;
            const ids = [...readTable(doc, 'tags').map((t) => t.id)].sort();
            mergeTag(doc, ids[a % ids.length]!, ids[b % ids.length]!, ctx(`p${i}`));
          } else if ('create' in o) {
            const [i, name] = o.create;
            writeRecord(net.docs[i]!, 'tags', tagRecord(`new${fresh++}`, name, T0 + 50 + fresh), ctx(`p${i}`));
          } else if ('tag' in o) {
            const [i, p, k] = o.tag;
            const doc = net.docs[i]!;
            const live = [...tagResolution(doc).live].sort();
            const id = live[k % live.length]!;
            const rec = readRecord(doc, 'passages', `p${p}`)!;
            // Tagging a passage with a tag it already shows changes nothing (the UI offers no such action).
            if (rec.tags.includes(id)) continue;
            expect(writeRecord(doc, 'passages', { ...rec, tags: [...rec.tags, id] }, ctx(`p${i}`))).toBe(true);
            given.get(`p${p}`)!.add(id);
          } else net.deliver(...o.sync);
        }
        net.settle();
        const states = net.docs.map(snapshotOf);
        for (const s of states) expect(s).toEqual(states[0]);
        const doc = net.docs[0]!;
        const { canonical, live } = tagResolution(doc);
        for (const [p, ids] of given) {
          const shown = readRecord(doc, 'passages', p)!.tags;
          for (const id of ids) for (const c of canonical.get(id)!) expect(shown).toContain(c);
        }
        const liveNames = [...live].map((id) => tagNameKey(readRecord(doc, 'tags', id)!.name));
        expect(new Set(liveNames).size).toBe(liveNames.length);
      }),
      { numRuns: 200 },
    );
  });
});
