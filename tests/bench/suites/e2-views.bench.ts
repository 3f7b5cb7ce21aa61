/**
 * E2: a case with 5,000 timeline events and 2,000 claims × 500 sources:
 * first paint of the Timeline and of the Evidence map (from the tab click to
 * the canvas drawn with every event / the rows in view), and the cost of a
 * frame while zooming and panning the axis and scrolling the matrix: the
 * script work per frame (input handler + drawing, from the panes' own
 * user-timing entries) at p95, target ≤ 16 ms. No peer: the targets are
 * absolute, and no other tool draws these views of these records.
 */
import type { Browser, Page } from 'playwright-core';
import { round, type Figure } from '../stats';

export const kind = 'browser';
export const ids = ['E2-timeline-paint', 'E2-timeline-frame', 'E2-map-paint', 'E2-map-frame'];

function p95(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
}

/** 500 sources, 6,000 passages, 2,000 claims (three sources each), 5,000 dated events, written straight into IndexedDB. */
async function seedBigCase(page: Page): Promise<void> {
  await page.evaluate(async () => {
    let seed = 5;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const caseId = 'bench-views-case';
    const now = Date.UTC(2024, 0, 1);
    const sources = Array.from({ length: 500 }, (_, i) => {
      const text = `Report ${i + 1}\n\nThe shipping office filed its notes on cargo and crews for route ${i + 1}.`;
      return {
        id: `src-${i}`, caseId, format: 'text', text, blocks: [{ start: 0, end: `Report ${i + 1}`.length, n: 1, kind: 'paragraph' }, { start: text.indexOf('The'), end: text.length, n: 2, kind: 'paragraph' }],
        sha256: String(i).padStart(64, '0'), fileName: `r${i}.txt`, byteLength: text.length, importedAt: now + i,
        metadata: { type: 'report', title: `Report ${i + 1}`, publisher: `Outlet ${i % 120}` }, revision: 1, order: i,
      };
    });
    const passages = Array.from({ length: 6000 }, (_, i) => {
      const source = sources[i % 500]!;
      const start = source.text.indexOf('The');
      return {
        id: `p-${i}`, caseId, sourceId: source.id, tags: [], comment: '', locator: { kind: 'paragraph', value: 2 }, anchor: 'exact', createdAt: now, updatedAt: now,
        selectors: [{ type: 'TextQuoteSelector', exact: source.text.slice(start, start + 20), prefix: source.text.slice(Math.max(0, start - 32), start), suffix: source.text.slice(start + 20, start + 52) }, { type: 'TextPositionSelector', start, end: start + 20 }],
      };
    });
    const stances = ['supports', 'supports', 'contradicts', 'context'];
    const claims = Array.from({ length: 2000 }, (_, i) => ({
      id: `c-${i}`, caseId, statement: `Claim ${i + 1}: the cargo on route ${rand(500)} was declared correctly`, claimant: '', status: 'unverified', tags: [], note: '',
      evidence: Array.from({ length: 1 + rand(3) }, () => ({ passageId: `p-${rand(6000)}`, stance: stances[rand(4)], addedAt: now })).filter((e, k, all) => all.findIndex((x) => x.passageId === e.passageId) === k),
      statusLog: [], createdAt: now + i, updatedAt: now + i,
    }));
    const pad = (n: number) => String(n).padStart(2, '0');
    const entries = Array.from({ length: 5000 }, (_, i) => {
      const y = 1990 + rand(35);
      const m = 1 + rand(12);
      const kind = rand(10);
      const date = kind < 7 ? { start: `${y}-${pad(m)}-${pad(1 + rand(28))}`, precision: 'day' } : kind < 9 ? { start: `${y}-${pad(m)}`, precision: 'month' } : { start: `${y}`, end: `${y + 1 + rand(3)}`, precision: 'year' };
      return { id: `t-${i}`, caseId, kind: 'manual', sourceId: `src-${i % 500}`, passageId: `p-${i}`, date, label: `Event ${i + 1}`, createdAt: now, updatedAt: now };
    });
    const open = indexedDB.open('casefile');
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    // Live records carry deletedAt: 0 (the app's live indexes start with it).
    const live = (rows: object[]) => rows.map((row) => ({ ...row, deletedAt: 0 }));
    const stores: Record<string, unknown[]> = {
      cases: live([{ id: caseId, name: 'Big views case', createdAt: now, updatedAt: Date.now() }]),
      sources: live(sources), passages: live(passages), claims: live(claims), timelineEntries: entries,
      meta: [{ key: 'activeCaseId', value: caseId }],
    };
    const tx = db.transaction(Object.keys(stores), 'readwrite');
    for (const [store, rows] of Object.entries(stores)) for (const row of rows) tx.objectStore(store).put(row);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
}

/**
 * Click a tab (by its label) and time until the pane's canvas reports a frame drawn with at least
 * `least` of what `ready` on its dataset counts (the timeline's events, the matrix's rows: a frame drawn
 * from part of the data does not count); gives up after a minute.
 */
async function firstPaint(page: Page, tab: string, canvas: string, ready: string, least: number): Promise<number> {
  return page.evaluate(
    async ({ tab, canvas, ready, least }) => {
      const t0 = performance.now();
      const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')];
      tabs.find((el) => el.textContent?.trim() === tab)!.click();
      return new Promise<number>((resolve, reject) => {
        const check = () => {
          const el = document.querySelector<HTMLElement>(canvas);
          if (el && Number(el.dataset[ready] ?? 0) >= least) resolve(performance.now() - t0);
          else if (performance.now() - t0 > 60_000) reject(new Error(`${canvas} was not drawn within a minute of clicking the ${tab} tab`));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
    { tab, canvas, ready, least },
  );
}

async function e2(page: Page, baseURL: string): Promise<Figure[]> {
  await page.goto(baseURL);
  await page.getByRole('navigation', { name: 'Cases' }).waitFor();
  const t0 = Date.now();
  const step = (what: string) => console.log(`    ${what} (${Math.round((Date.now() - t0) / 1000)} s)`);
  await seedBigCase(page);
  step('case written');
  const timelinePaints: number[] = [];
  const mapPaints: number[] = [];
  for (let run = 0; run < 3; run++) {
    // The case opens on its remembered front tab: bring back the first load's (the brief), or the map,
    // left in front by the last run, would be drawn before its tab is clicked and time nothing but a tab switch.
    if (run > 0) await page.getByRole('tab', { name: 'Brief' }).click();
    await page.reload();
    await page.getByRole('navigation', { name: 'Cases' }).waitFor();
    await page.getByText('Big views case').first().waitFor();
    await page.waitForTimeout(500);
    // The paint counts once a frame is drawn from all 5,000 stored events (at the first, fitted, zoom every
    // event is in the time window; the axis draws the lanes in view, as the user sees them, and scrolls the rest).
    timelinePaints.push(await firstPaint(page, 'Timeline', '.timeline-axis canvas', 'events', 5000));
    step(`load ${run + 1}: timeline drawn in ${Math.round(timelinePaints[run]!)} ms`);
    mapPaints.push(await firstPaint(page, 'Evidence map', '.matrix-canvas', 'rows', 1));
    step(`load ${run + 1}: map drawn in ${Math.round(mapPaints[run]!)} ms`);
  }
  const { drawn, events } = await page.evaluate(() => {
    const data = document.querySelector<HTMLElement>('.timeline-axis canvas')?.dataset;
    return { drawn: Number(data?.drawn ?? 0), events: Number(data?.events ?? 0) };
  });

  // Zoom in and out and pan the axis, one input per frame, as a wheel and the keyboard do.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timelineFrames = await page.evaluate(async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('.timeline-axis canvas')!;
    const rect = canvas.getBoundingClientRect();
    performance.clearMeasures('cf-draw-timeline');
    const handler: number[] = [];
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let i = 0; i < 120; i++) {
      const t0 = performance.now();
      if (i % 3 === 2) canvas.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? 'ArrowRight' : 'ArrowLeft', shiftKey: true, bubbles: true }));
      else canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: i < 60 ? -100 : 100, clientX: rect.left + rect.width * 0.6, clientY: rect.top + 40, bubbles: true }));
      handler.push(performance.now() - t0);
      await frame();
    }
    const draws = performance.getEntriesByName('cf-draw-timeline').map((e) => e.duration);
    return draws.map((d, i) => d + (handler[i] ?? 0));
  });

  step('timeline zoomed and panned');
  await page.getByRole('tab', { name: 'Evidence map' }).click();
  const mapFrames = await page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('.matrix-scroll')!;
    performance.clearMeasures('cf-draw-matrix');
    const handler: number[] = [];
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let i = 0; i < 120; i++) {
      const t0 = performance.now();
      scroller.scrollTop += i < 60 ? 900 : -500;
      scroller.scrollLeft += i % 2 ? 180 : -60;
      handler.push(performance.now() - t0);
      await frame();
      await frame();
    }
    const draws = performance.getEntriesByName('cf-draw-matrix').map((e) => e.duration);
    return draws.map((d, i) => d + (handler[i] ?? 0));
  });

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  const tPaint = median(timelinePaints);
  const mPaint = median(mapPaints);
  const tFrame = p95(timelineFrames);
  const mFrame = p95(mapFrames);
  return [
    { id: 'E2-timeline-paint', label: `Timeline of 5,000 events: tab click → axis drawn (${events} events, ${drawn} marks in the lanes in view)`, value: round(tPaint, 0), unit: 'ms', target: '≤ 300 ms', pass: tPaint <= 300 },
    { id: 'E2-timeline-frame', label: `Timeline zoom/pan: script work per frame, p95 of ${timelineFrames.length} frames`, value: round(tFrame, 2), unit: 'ms', target: '≤ 16 ms', pass: tFrame <= 16 },
    { id: 'E2-map-paint', label: 'Evidence map of 2,000 claims × 500 sources: tab click → matrix drawn', value: round(mPaint, 0), unit: 'ms', target: '≤ 300 ms', pass: mPaint <= 300 },
    { id: 'E2-map-frame', label: `Evidence map scroll: script work per frame, p95 of ${mapFrames.length} frames`, value: round(mFrame, 2), unit: 'ms', target: '≤ 16 ms', pass: mFrame <= 16 },
  ];
}

/** In a context of its own, so what another suite left in the page (a case, running workers) does not weigh on it. */
export async function run(ctx: { browser: Browser; baseURL: string }): Promise<Figure[]> {
  const context = await ctx.browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    return await e2(await context.newPage(), ctx.baseURL);
  } finally {
    await context.close();
  }
}
