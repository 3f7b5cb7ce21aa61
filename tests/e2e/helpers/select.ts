import type { Page } from '@playwright/test';

/**
 * Select `text` inside the reader with a real mouse drag, from just inside its
 * first character to just inside its last, as a person would.
 */
export async function selectWithMouse(page: Page, text: string): Promise<void> {
  await page.waitForFunction((needle) => document.querySelector('.source-body')?.textContent?.includes(needle), text);
  // A drag that lands while the reader is still laying out the text it just received selects
  // something else (or nothing). A person would see that and drag again; so does this, once, and
  // says so in the test's output, so a reader that keeps moving under the mouse still fails.
  const first = await dragOver(page, text);
  if (first === null) return;
  console.warn(`selectWithMouse: the first drag over “${text}” ${first}; dragging again.`);
  const second = await dragOver(page, text);
  if (second !== null) throw new Error(`Could not select “${text}” in the reader with the mouse: ${second}.`);
}

/** One drag over `text`; null when the document's selection is then exactly that text, else what went wrong. */
async function dragOver(page: Page, text: string): Promise<string | null> {
  const box = await page.evaluate((needle) => {
    const body = document.querySelector('.source-body');
    if (!body) throw new Error('no reader body');
    for (const el of Array.from(body.children)) {
      const node = el.firstChild;
      const at = node?.textContent?.indexOf(needle) ?? -1;
      if (!node || at < 0) continue;
      const first = document.createRange();
      first.setStart(node, at);
      first.setEnd(node, at + 1);
      const last = document.createRange();
      last.setStart(node, at + needle.length - 1);
      last.setEnd(node, at + needle.length);
      el.scrollIntoView({ block: 'center' });
      const a2 = first.getClientRects()[0]!;
      const b2 = last.getClientRects()[0]!;
      // Right-to-left text starts at a character's right edge and ends at its left edge.
      if (getComputedStyle(el).direction === 'rtl') return { x1: a2.right - 1, y1: a2.top + a2.height / 2, x2: b2.left + 1, y2: b2.top + b2.height / 2 };
      return { x1: a2.left + 1, y1: a2.top + a2.height / 2, x2: b2.right - 1, y2: b2.top + b2.height / 2 };
    }
    throw new Error(`text not found in the reader: ${needle}`);
  }, text);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 4 });
  await page.mouse.move(box.x2, box.y2, { steps: 4 });
  await page.mouse.up();
  return page
    .waitForFunction((needle) => (getSelection()?.toString() ?? '').replace(/\s+/g, ' ').trim() === needle.replace(/\s+/g, ' ').trim(), text, { timeout: 2_000 })
    .then(() => null)
    .catch(() =>
      page.evaluate(
        ({ x, y }) => {
          const at = document.elementFromPoint(x, y);
          const where = at ? `${at.tagName.toLowerCase()}${at.className ? `.${String(at.className).split(' ')[0]}` : ''}` : 'nothing';
          return `selected “${getSelection()?.toString() ?? ''}” (the drag began over ${where}; focus on ${document.activeElement?.tagName.toLowerCase() ?? 'nothing'})`;
        },
        { x: box.x1, y: box.y1 },
      ),
    );
}

/** The text of every range registered in CSS.highlights under our passage highlight names. */
export async function highlightedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    CSS.highlights.forEach((highlight, name) => {
      if (!name.startsWith('cf-hl-')) return;
      highlight.forEach((range) => texts.push((range as Range).toString()));
    });
    return texts.sort();
  });
}

/** A structural fingerprint of the reader DOM (element count and tag sequence). */
export async function readerDomShape(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.querySelector('.source-body');
    return Array.from(body?.querySelectorAll('*') ?? [])
      .map((el) => `${el.tagName}:${el.childNodes.length}`)
      .join(',');
  });
}

/** Click in the middle of `text` inside the reader (for hit-testing highlights). */
export async function clickText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((needle) => document.querySelector('.source-body')?.textContent?.includes(needle), text);
  const point = await page.evaluate((needle) => {
    for (const el of Array.from(document.querySelector('.source-body')!.children)) {
      const node = el.firstChild;
      const at = node?.textContent?.indexOf(needle) ?? -1;
      if (!node || at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    throw new Error(`text not found in the reader: ${needle}`);
  }, text);
  await page.mouse.click(point.x, point.y);
}
