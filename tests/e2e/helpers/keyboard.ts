import { expect, type Page } from '@playwright/test';

/**
 * Count every mouse and pointer event the page sees, from before the app
 * loads. A keyboard journey asserts the count is still zero at the end: the
 * test never calls Playwright's mouse, and nothing it does may need one. A
 * button activated with Enter or Space fires `click` with `detail` 0, which
 * is not counted.
 */
export async function countMouseEvents(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __mouseEvents: string[] }).__mouseEvents = seen;
    const kinds = ['mousedown', 'mouseup', 'mousemove', 'mouseover', 'pointerdown', 'pointerup', 'pointermove', 'wheel', 'contextmenu', 'dblclick', 'dragstart'];
    for (const kind of kinds) window.addEventListener(kind, () => seen.push(kind), true);
    window.addEventListener('click', (e) => e.detail > 0 && seen.push('click'), true);
  });
  return () => page.evaluate(() => (window as unknown as { __mouseEvents: string[] }).__mouseEvents);
}

/** What the focused element is called: its aria-label, or its text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
  });
}

/**
 * Press Tab (or Shift+Tab) until the focused element matches `test`, as a
 * keyboard user does; fails after `limit` presses.
 */
export async function tabUntil(page: Page, test: (name: string, tag: string) => boolean, what: string, opts: { back?: boolean; limit?: number } = {}): Promise<void> {
  for (let i = 0; i < (opts.limit ?? 80); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const tag = await page.evaluate(() => document.activeElement?.tagName.toLowerCase() ?? '');
    if (test(await focusedName(page), tag)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** The reader's selection: its text, the block its focus (the caret) is in, and the caret's offset in that block. */
export async function readerSelection(page: Page): Promise<{ text: string; block: string; at: number; collapsed: boolean }> {
  return page.evaluate(() => {
    const sel = document.getSelection();
    const node = sel?.focusNode;
    const block = node ? (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element)) : null;
    const inText = node?.nodeType === Node.TEXT_NODE;
    return { text: sel?.toString() ?? '', block: block?.closest('.source-body > *')?.textContent ?? '', at: inText ? (sel?.focusOffset ?? -1) : -1, collapsed: sel?.isCollapsed ?? true };
  });
}

/**
 * Keep everything the reader's live region says (`[data-announcer]`), from
 * before the app loads, so a test can check what a screen reader heard.
 */
export async function recordAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const heard: string[] = [];
    (window as unknown as { __announced: string[] }).__announced = heard;
    new MutationObserver(() => {
      for (const region of Array.from(document.querySelectorAll('[data-announcer]'))) {
        const text = region.textContent ?? '';
        if (text && heard.at(-1) !== text) heard.push(text);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/** Wait until the live region has said something containing `text` since the test started. */
export async function expectAnnounced(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => (window as unknown as { __announced: string[] }).__announced.join('\n'))).toContain(text);
}
