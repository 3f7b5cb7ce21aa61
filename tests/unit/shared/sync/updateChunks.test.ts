import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { frameUpdates, splitUpdate, unframeUpdates } from '../../../../shared/sync/updateChunks';

type Op =
  | { kind: 'text'; doc: number; at: number; text: string }
  | { kind: 'cut'; doc: number; at: number; length: number }
  | { kind: 'map'; doc: number; key: string; value: number | string }
  | { kind: 'nested'; doc: number; key: string; item: string }
  | { kind: 'drop'; doc: number; key: string }
  | { kind: 'sync'; from: number; to: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), doc: fc.nat(2), at: fc.nat(200), text: fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom('grapheme-ascii', 'binary') as never }) }),
  fc.record({ kind: fc.constant('cut' as const), doc: fc.nat(2), at: fc.nat(200), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('map' as const), doc: fc.nat(2), key: fc.constantFrom('a', 'b', 'c', 'd'), value: fc.oneof(fc.integer(), fc.string()) }),
  fc.record({ kind: fc.constant('nested' as const), doc: fc.nat(2), key: fc.constantFrom('p', 'q', 'r'), item: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('drop' as const), doc: fc.nat(2), key: fc.constantFrom('a', 'p', 'q') }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }),
);

/** Three members editing text, a map and maps nested in it, exchanging updates now and then; then everyone syncs. */
function play(ops: Op[], gc: boolean): Y.Doc {
  const docs = [0, 1, 2].map((n) => {
    const doc = new Y.Doc({ gc });
    doc.clientID = 1000 + n;
    return doc;
  });
  for (const o of ops) {
    if (o.kind === 'sync') {
      Y.applyUpdate(docs[o.to]!, Y.encodeStateAsUpdate(docs[o.from]!, Y.encodeStateVector(docs[o.to]!)));
      continue;
    }
    const doc = docs[o.doc]!;
    const text = doc.getText('brief');
    const map = doc.getMap('records');
    if (o.kind === 'text') text.insert(Math.min(o.at, text.length), o.text);
    else if (o.kind === 'cut') {
      const at = Math.min(o.at, text.length);
      text.delete(at, Math.min(o.length, text.length - at));
    } else if (o.kind === 'map') map.set(o.key, o.value);
    else if (o.kind === 'drop') map.delete(o.key);
    else {
      let nested = map.get(o.key);
      if (!(nested instanceof Y.Map)) map.set(o.key, (nested = new Y.Map()));
      (nested as Y.Map<unknown>).set(o.item || 'empty', o.item.length);
    }
  }
  const all = new Y.Doc({ gc });
  for (const doc of docs) Y.applyUpdate(all, Y.encodeStateAsUpdate(doc));
  return all;
}

function applyAll(pieces: Uint8Array[], gc = true): Y.Doc {
  const doc = new Y.Doc({ gc });
  for (const piece of pieces) {
    Y.applyUpdate(doc, piece);
    // Every piece integrates completely: nothing waits for a later one.
    expect(doc.store.pendingStructs).toBeNull();
  }
  expect(doc.store.pendingDs).toBeNull();
  return doc;
}

describe('splitUpdate', () => {
  it('pieces applied in order give the same document, each integrating completely', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 120 }), fc.boolean(), fc.integer({ min: 1, max: 400 }), (ops, gc, budget) => {
        const source = play(ops, gc);
        const update = Y.encodeStateAsUpdate(source);
        const pieces = splitUpdate(update, budget);
        const copy = applyAll(pieces, gc);
        expect(copy.getText('brief').toString()).toBe(source.getText('brief').toString());
        expect(copy.getMap('records').toJSON()).toEqual(source.getMap('records').toJSON());
        expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(source));
        // Same deletions too: the copy's update equals the source's, byte for byte.
        expect(Y.encodeStateAsUpdate(copy)).toEqual(update);
      }),
      { numRuns: 150 },
    );
  });

  it('cuts a big case-like document into pieces of about the budget', () => {
    const doc = new Y.Doc();
    const passages = doc.getMap('passages');
    for (let i = 0; i < 3000; i++) {
      const record = new Y.Map<unknown>();
      passages.set(`p${i}`, record);
      record.set('comment', `a comment on passage ${i} `.repeat(3));
      record.set('place', { start: i * 10, end: i * 10 + 8 });
    }
    for (let i = 0; i < 300; i++) passages.delete(`p${i * 7}`);
    const update = Y.encodeStateAsUpdate(doc);
    const budget = 16 * 1024;
    const pieces = splitUpdate(update, budget);
    expect(pieces.length).toBeGreaterThan(update.byteLength / budget - 1);
    // The structs of one piece stay near the budget (one struct past it at most), the deletions come last.
    for (const piece of pieces.slice(0, -1)) expect(piece.byteLength).toBeLessThan(budget + 1024);
    expect(Y.decodeUpdate(pieces.at(-1)!).structs).toHaveLength(0);
    const copy = applyAll(pieces);
    expect(copy.getMap('passages').toJSON()).toEqual(passages.toJSON());
  });

  it("a member's items that sit inside another member's text come after the text they refer to", () => {
    // The second member has the higher client ID: Yjs encodes it first, before the text its insertions refer to.
    const [, second] = twoMembers('brief', 'a sentence the first member wrote. '.repeat(20));
    for (let i = 0; i < 60; i++) second.getText('brief').insert(i * 9, `[${i}]`);
    const pieces = splitUpdate(Y.encodeStateAsUpdate(second), 40);
    expect(pieces.length).toBeGreaterThan(10);
    expect(applyAll(pieces).getText('brief').toString()).toBe(second.getText('brief').toString());
  });

  it('copies every kind of content as it is: formatted text, embeds, bytes, nested and XML types, subdocuments, numbers of every size', () => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = 7;
    const text = doc.getText('brief');
    for (let i = 0; i < 40; i++) {
      text.insert(text.length, `第${i}段 — 𝒜ccent é ${'🙂'.repeat(i % 3)} `, i % 2 ? { bold: true } : {});
      text.insertEmbed(text.length, { figure: `f${i}` });
      text.format(0, 3, { italic: i % 3 === 0 ? true : null });
    }
    const map = doc.getMap('records');
    for (let i = 0; i < 60; i++) {
      map.set(`n${i}`, [i, -i * 1e6, 2 ** 53 - i, 0.5 + i, null, true, false, { nested: [`s${i}`, { deep: i }] }, new Uint8Array([i, 255, 0])]);
      map.set(`b${i}`, BigInt(i) * 10n ** 15n);
      map.set(`u${i}`, new Uint8Array(20).fill(i));
      const inner = new Y.Array<unknown>();
      map.set(`a${i}`, inner);
      inner.insert(0, [i, `x${i}`]);
      if (i % 5 === 0) map.set(`d${i}`, new Y.Doc({ guid: `sub-${i}` }));
    }
    const xml = doc.getXmlFragment('xml');
    for (let i = 0; i < 30; i++) {
      const element = new Y.XmlElement(`p${i % 3}`);
      element.setAttribute('data-n', String(i));
      element.insert(0, [new Y.XmlText(`line ${i}`)]);
      xml.insert(xml.length, [element, new Y.XmlHook(`hook${i}`) as unknown as Y.XmlElement]);
    }
    text.delete(5, 30);
    map.delete('n3');
    const update = Y.encodeStateAsUpdate(doc);
    const pieces = splitUpdate(update, 256);
    expect(pieces.length).toBeGreaterThan(10);
    const copy = applyAll(pieces, false);
    expect(copy.getText('brief').toDelta()).toEqual(text.toDelta());
    expect(copy.getXmlFragment('xml').toString()).toBe(xml.toString());
    expect(Y.encodeStateAsUpdate(copy)).toEqual(update);
  });

  it('sends an update it cannot read whole, for Yjs to judge', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'y'.repeat(2000));
    const update = Y.encodeStateAsUpdate(doc);
    const cut = update.slice(0, update.byteLength - 700);
    expect(splitUpdate(cut, 64)).toEqual([cut]);
  });

  it('a small update comes back whole', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'short');
    const update = Y.encodeStateAsUpdate(doc);
    expect(splitUpdate(update)).toEqual([update]);
  });

  it('an update made against a state the receiver holds (a diff) applies in pieces on top of it', () => {
    const [a, b] = twoMembers('t', 'x'.repeat(500));
    const held = Y.encodeStateAsUpdate(b);
    for (let i = 0; i < 200; i++) b.getText('t').insert(i * 3, `b${i}`);
    b.getText('t').delete(600, 40);
    const diff = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    const receiver = new Y.Doc();
    Y.applyUpdate(receiver, held);
    for (const piece of splitUpdate(diff, 64)) {
      Y.applyUpdate(receiver, piece);
      expect(receiver.store.pendingStructs).toBeNull();
    }
    expect(receiver.getText('t').toString()).toBe(b.getText('t').toString());
  });
});

describe('frames', () => {
  it('round-trips several updates and refuses a body cut short', () => {
    const updates = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(7)];
    expect(unframeUpdates(frameUpdates(updates))).toEqual(updates);
    const body = frameUpdates(updates);
    expect(() => unframeUpdates(body.slice(0, body.byteLength - 10))).toThrow(/cut short/u);
  });
});

/** Two members: the first (client 1) wrote `text` into the text `name`; the second (client 2) holds the first's state. */
function twoMembers(name: string, text: string): [Y.Doc, Y.Doc] {
  const first = new Y.Doc();
  first.clientID = 1;
  first.getText(name).insert(0, text);
  const second = new Y.Doc();
  second.clientID = 2;
  Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
  return [first, second];
}
