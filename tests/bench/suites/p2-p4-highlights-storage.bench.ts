/**
 * P2: paint 10,000 highlights over a 2 MB source (CSS Custom Highlight API),
 *     against wrapping the same ranges in <mark> elements, in the same page.
 * P4: persist 10,000 passages in bulk (chunked, one transaction) and cold-load
 *     them, against one put per transaction. P4-log: the cost of the change
 *     log, stamps and tombstone indexes, as the same write through version 1's
 *     schema with none of them, paired run by run.
 */
import type { Page } from 'playwright-core';
import { injectBenchEntry } from '../inject';
import { median, round, RUNS, type Figure } from '../stats';
import { syntheticArticle } from '../synthetic';
import { newCase } from './f1-foundation.bench';

export const kind = 'browser';
export const ids = ['P2', 'P2-dom', 'P4-write', 'P4-load', 'P4-log', 'P4-floor'];

const COUNT = 10_000;

export async function run(ctx: { page: Page; baseURL: string }): Promise<Figure[]> {
  const { page, baseURL } = ctx;
  const { text } = syntheticArticle();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(baseURL);
  await page.getByRole('navigation', { name: 'Cases' }).waitFor();
  await newCase(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import source' }).click();
  await (await chooser).setFiles({ name: 'synthetic.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForFunction(() => (document.querySelector('.source-body')?.children.length ?? 0) > 1000, undefined, { timeout: 60_000 });
  await injectBenchEntry(page, 'tests/bench/browser/entry.ts');

  const painting = await page.evaluate(
    async ({ count, runs }) => {
      type Bench = {
        paintHighlights(body: HTMLElement, blocks: { start: number; end: number; n: number; kind: string }[], items: { start: number; end: number; slot: number | null }[]): number;
        clearHighlights(): void;
      };
      const bench = (window as unknown as { __casefileBench: Bench }).__casefileBench;
      const body = document.querySelector<HTMLElement>('.source-body')!;
      const blocks = Array.from(body.children).map((el, i) => {
        const start = Number((el as HTMLElement).dataset.start);
        return { start, end: start + (el.textContent?.length ?? 0), n: i + 1, kind: 'paragraph' };
      });
      // Deterministic spans: one inside each of `count` blocks (so <mark> wrapping is valid too).
      let seed = 11;
      const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
      const items = [];
      for (let i = 0; i < count; i++) {
        const b = blocks[1 + (i % (blocks.length - 1))]!;
        const len = b.end - b.start;
        const s = b.start + rand(Math.max(1, len - 40));
        items.push({ start: s, end: Math.min(b.end, s + 12 + rand(28)), slot: i % 10 });
      }
      const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const nodes = () => document.getElementsByTagName('*').length;

      const ours: number[] = [];
      let painted = 0;
      let added = 0;
      for (let r = 0; r < runs; r++) {
        bench.clearHighlights();
        await frames();
        const before = nodes();
        const t0 = performance.now();
        painted = bench.paintHighlights(body, blocks, items);
        await frames();
        ours.push(performance.now() - t0);
        added = nodes() - before;
      }
      bench.clearHighlights();
      await frames();
      (window as unknown as { __p2: unknown }).__p2 = { blocks, items };
      return { ours, painted, added };
    },
    { count: COUNT, runs: RUNS },
  );

  // The painting runs leave tens of thousands of Range objects that only garbage collection unregisters from the
  // document; until then every text-node split below would update each of them, and the peer would be measuring
  // our leftovers (it took 443 s that way). Collect them first, as a page that never painted would not have them.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();

  const peer = await page.evaluate(
    async () => {
      const { blocks, items } = (window as unknown as { __p2: { blocks: { start: number; end: number }[]; items: { start: number; end: number }[] } }).__p2;
      const body = document.querySelector<HTMLElement>('.source-body')!;
      const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

      // Peer: the same spans wrapped in <mark>, as DOM highlighters did before the Highlight API
      // (mark.js, Hypothesis): one passage at a time, its boundaries found in the DOM as the earlier
      // wraps left it, the boundary text nodes split and every text node in between wrapped (so
      // overlapping passages nest). It works on text nodes and offsets, not Range objects: a live
      // Range stays registered with the document until it is garbage-collected, and every split and
      // insert then updates all of them, which would measure the browser's range bookkeeping rather
      // than a highlighter. Once: it mutates the DOM.
      const point = (offset: number, isEnd: boolean): [Text, number] | null => {
        let lo = 0;
        let hi = blocks.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (blocks[mid]!.end < offset || (!isEnd && blocks[mid]!.end === offset)) lo = mid + 1;
          else hi = mid;
        }
        const walker = document.createTreeWalker(body.children[lo]!, NodeFilter.SHOW_TEXT);
        let left = offset - blocks[lo]!.start;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = (node as Text).length;
          if (left < length || (isEnd && left === length)) return [node as Text, left];
          left -= length;
        }
        return null;
      };
      const wrap = (start: number, end: number): void => {
        const a = point(start, false);
        const b = point(end, true);
        if (!a || !b) return;
        const startOffset = a[1];
        let [first] = a;
        let [last, endOffset] = b;
        if (startOffset > 0) {
          const rest = first.splitText(startOffset);
          if (last === first) {
            last = rest;
            endOffset -= startOffset;
          }
          first = rest;
        }
        if (endOffset < last.length) last.splitText(endOffset);
        const walker = document.createTreeWalker(first.parentElement!.closest('[data-start]')!, NodeFilter.SHOW_TEXT);
        walker.currentNode = first;
        const inside: Text[] = [];
        for (let node: Node | null = first; node; node = walker.nextNode()) {
          inside.push(node as Text);
          if (node === last) break;
        }
        for (const node of inside) {
          const mark = document.createElement('mark');
          node.parentNode!.insertBefore(mark, node);
          mark.appendChild(node);
        }
      };
      const t1 = performance.now();
      for (const it of items) wrap(it.start, it.end);
      await frames();
      const wrapped = performance.now() - t1;
      return { wrap: wrapped, marks: body.querySelectorAll('mark').length };
    },
  );
  const paint = { ...painting, ...peer };

  const storage = await page.evaluate(
    async ({ count, runs }) => {
      type DbClass = new (name: string) => {
        open(): Promise<unknown>;
        close(): void;
        delete(): Promise<void>;
        passages: { bulkAdd(items: unknown[]): Promise<unknown>; put(item: unknown): Promise<unknown>; where(k: string): { equals(v: unknown): { toArray(): Promise<unknown[]> } } };
        transaction(mode: string, table: unknown, fn: () => Promise<void>): Promise<void>;
        backendDB(): IDBDatabase;
      };
      const { CasefileDB, VersionOneDB } = (window as unknown as { __casefileBench: { CasefileDB: DbClass; VersionOneDB: DbClass } }).__casefileBench;
      const make = (caseId: string) =>
        Array.from({ length: count }, (_, i) => ({
          id: crypto.randomUUID(),
          caseId,
          sourceId: 'bench-source',
          selectors: [
            { type: 'TextQuoteSelector', exact: `passage number ${i} about a seizure`, prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) },
            { type: 'TextPositionSelector', start: i * 100, end: i * 100 + 40 },
          ],
          tags: i % 3 ? [] : ['t1'],
          comment: '',
          locator: { kind: 'paragraph', value: i },
          anchor: 'exact',
          createdAt: Date.now(),
          updatedAt: Date.now(),
        }));
      const writes: number[] = [];
      const loads: number[] = [];
      const v1: number[] = [];
      const floor: number[] = [];
      // The floor: the same records as the app stores them (with the stamps the change log adds), put straight into
      // IndexedDB in one transaction on the app's own object store and indexes, with no Dexie and no change log.
      const raw = (idb: IDBDatabase, records: Record<string, unknown>[]) =>
        new Promise<number>((resolve, reject) => {
          const stamped = records.map((r) => ({ ...r, deletedAt: 0, createdBy: 'f0f0f0f0-0000-4000-8000-000000000000' }));
          const t0 = performance.now();
          const tx = idb.transaction('passages', 'readwrite', { durability: 'strict' });
          const store = tx.objectStore('passages');
          for (const record of stamped) store.add(record);
          tx.oncomplete = () => resolve(performance.now() - t0);
          tx.onerror = () => reject(tx.error);
        });
      const bulk = async (db: InstanceType<DbClass>, records: unknown[]) => {
        const t0 = performance.now();
        await db.transaction('rw', db.passages, async () => {
          for (let i = 0; i < records.length; i += 1000) await db.passages.bulkAdd(records.slice(i, i + 1000));
        });
        return performance.now() - t0;
      };
      for (let r = 0; r < runs; r++) {
        // Peer for P4-log, right before ours in each run so both see the same machine.
        const old = new VersionOneDB(`casefile-bench-v1-${r}`);
        await old.open();
        v1.push(await bulk(old, make('bench-case')));
        await old.delete();
        const bare = new CasefileDB(`casefile-bench-floor-${r}`);
        await bare.open();
        floor.push(await raw(bare.backendDB(), make('bench-case')));
        await bare.delete();
        const name = `casefile-bench-${r}`;
        const db = new CasefileDB(name);
        await db.open();
        writes.push(await bulk(db, make('bench-case')));
        db.close();
        const cold = new CasefileDB(name);
        const t1 = performance.now();
        await cold.open();
        // The app's read of a case's live passages (renderer/db/live.ts): one index range that leaves tombstones out.
        const loaded = await cold.passages.where('[caseId+deletedAt]').equals(['bench-case', 0]).toArray();
        loads.push(performance.now() - t1);
        if (loaded.length !== count) throw new Error(`loaded ${loaded.length} of ${count}`);
        await cold.delete();
      }
      // Peer: one put per transaction (what a naive per-record save does). Once: it is slow.
      const db = new CasefileDB('casefile-bench-peer');
      await db.open();
      const records = make('peer');
      const t2 = performance.now();
      for (const record of records) await db.passages.put(record);
      const single = performance.now() - t2;
      await db.delete();
      return { writes, loads, single, v1, floor };
    },
    { count: COUNT, runs: RUNS },
  );

  const ours = median(paint.ours);
  const write = median(storage.writes);
  const floorRatio = median(storage.writes.map((w, i) => w / storage.floor[i]!));
  return [
    {
      id: 'P2',
      label: `Paint ${paint.painted.toLocaleString('en')} highlights over a 2 MB source (until 2 frames)`,
      value: round(ours, 1),
      unit: 'ms',
      peer: `wrap the same spans in <mark>, one passage at a time, text nodes split (${paint.marks.toLocaleString('en')} elements)`,
      peerValue: round(paint.wrap, 0),
      ratio: round(paint.wrap / ours, 1),
      target: '≤ 100 ms, ≥ 20×',
      pass: ours <= 100 && paint.wrap / ours >= 20,
    },
    { id: 'P2-dom', label: 'DOM elements added by painting', value: paint.added, unit: 'nodes', target: '0', pass: paint.added === 0 },
    {
      id: 'P4-write',
      label: `Persist ${COUNT.toLocaleString('en')} passages (bulk, chunks of 1,000, one transaction)`,
      value: round(write, 0),
      unit: 'ms',
      peer: 'one put per transaction',
      peerValue: round(storage.single, 0),
      ratio: round(storage.single / write, 1),
      target: '≤ 500 ms',
      pass: write <= 500,
    },
    {
      id: 'P4-log',
      label: 'P4-write against the same write through schema version 1 (no change log, stamps or tombstone indexes), paired per run',
      value: round(median(storage.writes.map((w, i) => w / storage.v1[i]!)), 2),
      unit: '×',
      peer: `schema version 1, no middleware (median ${Math.round(median(storage.v1))} ms)`,
    },
    {
      id: 'P4-floor',
      label: 'P4-write against IndexedDB alone: the same stamped records put in one transaction on the same store and indexes (no Dexie, no change log), paired per run',
      value: round(floorRatio, 2),
      unit: '×',
      peer: `IndexedDB alone (median ${Math.round(median(storage.floor))} ms)`,
      // What is ours in a write (Dexie's bulk path, the change log, the stamps) adds at most a quarter to what IndexedDB itself takes.
      target: '≤ 1.25×',
      pass: floorRatio <= 1.25,
    },
    {
      id: 'P4-load',
      label: `Cold-load ${COUNT.toLocaleString('en')} passages (open + indexed query)`,
      value: round(median(storage.loads), 0),
      unit: 'ms',
      target: '≤ 150 ms',
      pass: median(storage.loads) <= 150,
    },
  ];
}
