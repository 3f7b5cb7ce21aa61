/**
 * P3: the brief editor with a generated 50-page brief (2,500 paragraphs, 500
 * citations of real passages), in Chromium against the browser build:
 *   - keystroke latency (keydown → Lexical update reconciled → layout) at the
 *     end and in the middle, p95, against the same keystrokes in a 1-page brief;
 *   - load from stored JSON to interactive (switching to the note until every
 *     citation is numbered);
 *   - the JS heap after 2,000 typed characters.
 */
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { brief, citation, heading, paragraph, text, TEXT_FORMAT, type SerializedElementJSON, type SerializedNodeJSON } from '../../../shared/brief/build';
import { median, round, RUNS, type Figure } from '../stats';
import { syntheticArticle } from '../synthetic';
import { heapMB, newCase } from './f1-foundation.bench';

export const kind = 'browser';
export const ids = ['P3-key-end', 'P3-key-mid', 'P3-key-floor', 'P3-ratio', 'P3-load', 'P3-heap'];

const BIG = { paragraphs: 2500, citations: 500 };
const SMALL = { paragraphs: 50, citations: 10 };
const KEYS = 120;

/** A generated brief: headings every 25 paragraphs, a citation every `paragraphs / citations` paragraphs. */
function generatedBrief(size: { paragraphs: number; citations: number }, passageIds: string[]) {
  const blocks: SerializedElementJSON[] = [];
  const every = Math.max(1, Math.floor(size.paragraphs / size.citations));
  let cited = 0;
  for (let i = 0; i < size.paragraphs; i++) {
    if (i % 25 === 0) blocks.push(heading('h2', text(`Section ${i / 25 + 1}`)));
    const words = `Paragraph ${i + 1} weighs what the agency reported against what the court records show, and notes where the figures part ways with the press release.`;
    const children: SerializedNodeJSON[] = [text(words.slice(0, 60)), text('the figures', TEXT_FORMAT.italic), text(words.slice(60))];
    if (i % every === 0 && cited < size.citations) children.push(citation(passageIds[cited++ % passageIds.length]!));
    blocks.push(paragraph(...children));
  }
  return brief(...blocks);
}

export function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
}

/** Open a note through the notes menu and time it until its citations are all numbered and painted. */
async function openNote(page: Page, title: string, citations: number): Promise<number> {
  const select = page.getByRole('combobox', { name: 'Open note' });
  const value = await select.locator('option', { hasText: title }).getAttribute('value');
  return page.evaluate(
    async ({ value, citations }) => {
      const el = document.querySelector<HTMLSelectElement>('select[aria-label="Open note"]')!;
      const t0 = performance.now();
      // React's onChange for a <select> listens to the native change event.
      el.value = value!;
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return new Promise<number>((resolve, reject) => {
        const deadline = t0 + 60_000;
        const check = () => {
          const cites = document.querySelectorAll('.brief-editable [data-cf-citation]');
          const last = cites[cites.length - 1];
          if (cites.length === citations && last && /^Citation \d+$/.test(last.getAttribute('aria-label') ?? '') && last.textContent !== '·') {
            resolve(performance.now() - t0);
          } else if (performance.now() > deadline) reject(new Error(`note did not load: ${cites.length} citations`));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
    { value, citations },
  );
}

/** Record keydown → reconciled update → layout, for every keystroke, through the editor's own update listener. */
export async function recordKeystrokes(page: Page, where: 'end' | 'middle'): Promise<number[]> {
  await page.evaluate((where) => {
    type Ed = {
      registerUpdateListener(fn: (p: { dirtyLeaves: Set<string> }) => void): () => void;
      update(fn: () => void, opts?: { discrete?: boolean }): void;
      focus(): void;
    };
    const root = document.querySelector('.brief-editable') as HTMLElement & { __lexicalEditor: Ed };
    const editor = root.__lexicalEditor;
    const w = window as unknown as { __p3: { samples: number[]; layoutSamples: number[]; stop(): void } };
    w.__p3?.stop();
    const samples: number[] = [];
    const layoutSamples: number[] = [];
    let t0 = -1;
    const onKey = () => {
      t0 = performance.now();
    };
    document.addEventListener('keydown', onKey, true);
    const off = editor.registerUpdateListener(({ dirtyLeaves }) => {
      if (t0 < 0 || dirtyLeaves.size === 0) return;
      const beforeLayout = performance.now();
      root.getBoundingClientRect(); // include style and layout of the change
      void root.offsetHeight;
      samples.push(performance.now() - t0);
      layoutSamples.push(performance.now() - beforeLayout);
      t0 = -1;
    });
    w.__p3 = {
      samples,
      layoutSamples,
      stop() {
        off();
        document.removeEventListener('keydown', onKey, true);
      },
    };
    // Caret at the end of the last paragraph, or of the middle one.
    const paragraphs = root.querySelectorAll(':scope > p');
    const target = where === 'end' ? paragraphs[paragraphs.length - 1]! : paragraphs[Math.floor(paragraphs.length / 2)]!;
    target.scrollIntoView({ block: 'center' });
    const range = document.createRange();
    const lastText = [...target.querySelectorAll('span[data-lexical-text]')].pop()!;
    range.setStart(lastText.firstChild!, lastText.textContent!.length);
    range.collapse(true);
    root.focus();
    const sel = document.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  }, where);
  await page.waitForTimeout(200);
  await page.keyboard.type(' the port authority disputed the figure '.repeat(Math.ceil(KEYS / 40)).slice(0, KEYS), { delay: 25 });
  await page.waitForTimeout(300);
  const { samples, layoutSamples } = await page.evaluate(() => {
    const w = window as unknown as { __p3: { samples: number[]; layoutSamples: number[]; stop(): void } };
    w.__p3.stop();
    return { samples: [...w.__p3.samples], layoutSamples: [...w.__p3.layoutSamples] };
  });
  if (process.env.CASEFILE_BENCH_PROFILE) console.log(`  ${where}: total p50 ${median(samples).toFixed(1)} ms, style+layout p50 ${median(layoutSamples).toFixed(1)} ms`);
  return samples;
}

/**
 * The browser's floor: the same 2,500-paragraph DOM as a plain contenteditable
 * (no Lexical), typed into the same way; keydown → input → layout.
 */
async function recordPlainKeystrokes(page: Page): Promise<number[]> {
  await page.evaluate(() => {
    const source = document.querySelector('.brief-editable')!;
    const host = document.createElement('div');
    host.id = 'p3-plain';
    host.contentEditable = 'true';
    host.className = 'brief-editable';
    host.setAttribute('aria-label', 'Plain peer');
    host.style.cssText = 'position:fixed;inset:0;overflow:auto;background:#fff;z-index:100';
    host.innerHTML = source.innerHTML;
    document.body.append(host);
    const samples: number[] = [];
    let t0 = -1;
    host.addEventListener('keydown', () => (t0 = performance.now()), true);
    host.addEventListener('input', () => {
      if (t0 < 0) return;
      host.getBoundingClientRect();
      samples.push(performance.now() - t0);
      t0 = -1;
    });
    (window as unknown as { __p3plain: number[] }).__p3plain = samples;
    const paragraphs = host.querySelectorAll(':scope > p');
    const target = paragraphs[paragraphs.length - 1]!;
    target.scrollIntoView({ block: 'center' });
    const lastText = [...target.querySelectorAll('span')].pop()!;
    host.focus();
    const range = document.createRange();
    range.setStart(lastText.firstChild!, lastText.textContent!.length);
    range.collapse(true);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  });
  await page.waitForTimeout(200);
  await page.keyboard.type(' the port authority disputed the figure '.repeat(Math.ceil(KEYS / 40)).slice(0, KEYS), { delay: 25 });
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    document.getElementById('p3-plain')!.remove();
    return [...(window as unknown as { __p3plain: number[] }).__p3plain];
  });
}

export async function run(ctx: { page: Page; baseURL: string }): Promise<Figure[]> {
  const { page, baseURL } = ctx;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(baseURL);
  await page.getByRole('navigation', { name: 'Cases' }).waitFor();
  await newCase(page);
  const { text: sourceText } = syntheticArticle(300 * 1024);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import source' }).click();
  await (await chooser).setFiles({ name: 'p3-source.txt', mimeType: 'text/plain', buffer: Buffer.from(sourceText) });
  await page.waitForFunction(() => (document.querySelector('.source-body')?.children.length ?? 0) > 100, undefined, { timeout: 60_000 });

  // 500 real passages on the source, and two notes that cite them, written straight to the app's database.
  const passageIds = Array.from({ length: BIG.citations }, (_, i) => `p3-passage-${i}`);
  const big = generatedBrief(BIG, passageIds);
  const small = generatedBrief(SMALL, passageIds);
  await page.evaluate(
    async ({ passageIds, big, small }) => {
      const req = indexedDB.open('casefile');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const all = <T,>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result as T[]);
          r.onerror = () => reject(r.error);
        });
      const cases = await all<{ id: string; name: string; updatedAt: number }>('cases');
      const theCase = cases.sort((a, b) => b.updatedAt - a.updatedAt)[0]!;
      const source = (await all<{ id: string; caseId: string; text: string; deletedAt?: number }>('sources')).find((s) => s.caseId === theCase.id && !s.deletedAt)!;
      const now = Date.now();
      const tx = db.transaction(['passages', 'notes'], 'readwrite');
      passageIds.forEach((id, i) => {
        const start = Math.floor((source.text.length - 200) * (i / passageIds.length));
        const end = start + 80;
        tx.objectStore('passages').put({
          id,
          caseId: theCase.id,
          sourceId: source.id,
          selectors: [
            { type: 'TextQuoteSelector', exact: source.text.slice(start, end), prefix: source.text.slice(Math.max(0, start - 32), start), suffix: source.text.slice(end, end + 32) },
            { type: 'TextPositionSelector', start, end },
          ],
          tags: [],
          comment: '',
          locator: { kind: 'paragraph', value: i + 1 },
          anchor: 'exact',
          createdAt: now,
          updatedAt: now,
          deletedAt: 0,
        });
      });
      const note = (id: string, title: string, content: unknown, order: number) => ({ id, caseId: theCase.id, title, content, schemaVersion: 1, plainText: 'generated', createdAt: now, updatedAt: now, order, deletedAt: 0 });
      tx.objectStore('notes').put(note('p3-small', 'One page', small, 10));
      tx.objectStore('notes').put(note('p3-big', 'Fifty pages', big, 11));
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { passageIds, big, small },
  );
  await page.reload();
  await page.getByRole('combobox', { name: 'Open note' }).waitFor();

  const loads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await openNote(page, 'One page', SMALL.citations);
    loads.push(await openNote(page, 'Fifty pages', BIG.citations));
  }
  const heapBefore = await heapMB(page);
  // CASEFILE_BENCH_PROFILE=1 writes a CPU profile of the end-of-brief keystrokes to .cache/bench/p3-keys.cpuprofile.
  const profiling = process.env.CASEFILE_BENCH_PROFILE ? (ctx as unknown as { browser: Browser }).browser : null;
  if (profiling && process.env.CASEFILE_BENCH_PROFILE === 'trace') await profiling.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
  const bigEnd = await recordKeystrokes(page, 'end');
  if (profiling && process.env.CASEFILE_BENCH_PROFILE === 'trace') {
    const trace = JSON.parse((await profiling.stopTracing()).toString()) as { traceEvents: { name: string; dur?: number; ph: string }[] };
    const sums = new Map<string, number>();
    for (const e of trace.traceEvents) if (e.ph === 'X' && e.dur) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur / 1000);
    console.log([...sums].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `  ${v.toFixed(0)} ms ${k}`).join('\n'));
    writeFileSync(`${process.cwd()}/.cache/bench/p3-keys.trace.json`, JSON.stringify(trace));
  }
  const bigMid = await recordKeystrokes(page, 'middle');
  const plainEnd = await recordPlainKeystrokes(page);
  // 2,000 characters in all, then the heap.
  await page.keyboard.type('x'.repeat(2000 - 2 * KEYS), { delay: 0 });
  await page.waitForTimeout(1500);
  const heapAfter = await heapMB(page);

  await openNote(page, 'One page', SMALL.citations);
  const smallEnd = await recordKeystrokes(page, 'end');

  const plain95 = p95(plainEnd);
  const end95 = p95(bigEnd);
  const mid95 = p95(bigMid);
  const small95 = p95(smallEnd);
  const load = median(loads);
  return [
    {
      id: 'P3-key-end',
      label: `Keystroke at the end of a 50-page brief (${BIG.paragraphs} paragraphs, ${BIG.citations} citations), p95`,
      value: round(end95, 1),
      unit: 'ms',
      peer: 'same keystrokes in a 1-page brief',
      peerValue: round(small95, 1),
      ratio: round(end95 / small95, 2),
      target: '≤ 16 ms',
      pass: end95 <= 16,
      notes: `${bigEnd.length} keystrokes; keydown → Lexical update reconciled → layout (paint excluded); median ${round(median(bigEnd), 1)} ms`,
    },
    {
      id: 'P3-key-mid',
      label: 'Keystroke in the middle of the 50-page brief, p95',
      value: round(mid95, 1),
      unit: 'ms',
      peer: 'same keystrokes in a 1-page brief',
      peerValue: round(small95, 1),
      ratio: round(mid95 / small95, 2),
      target: '≤ 16 ms',
      pass: mid95 <= 16,
      notes: `${bigMid.length} keystrokes; median ${round(median(bigMid), 1)} ms`,
    },
    {
      id: 'P3-key-floor',
      label: 'Keystroke at the end of the same 2,500 paragraphs as a plain contenteditable (no Lexical), p95',
      value: round(plain95, 1),
      unit: 'ms',
      notes: `the browser's own cost of typing into an editing host this size; Lexical adds ${round(end95 - plain95, 1)} ms at p95`,
    },
    {
      id: 'P3-ratio',
      label: '50-page vs 1-page keystroke p95 (worst of end and middle)',
      value: round(Math.max(end95, mid95) / small95, 2),
      unit: '×',
      target: '≤ 1.5×',
      pass: Math.max(end95, mid95) / small95 <= 1.5,
    },
    {
      id: 'P3-load',
      label: 'Open the 50-page brief from stored JSON until every citation is numbered',
      value: round(load, 0),
      unit: 'ms',
      target: '≤ 300 ms',
      pass: load <= 300,
      notes: `median of ${RUNS}; includes the autosave flush of the note being left`,
    },
    {
      id: 'P3-heap',
      label: 'JS heap after 2,000 typed characters in the 50-page brief (after GC)',
      value: round(heapAfter, 1),
      unit: 'MB',
      peer: 'heap with the brief open, before typing',
      peerValue: round(heapBefore, 1),
      ratio: round(heapAfter / heapBefore, 2),
      notes: 'undo history capped at 300 steps',
    },
  ];
}
