/**
 * The Timeline (issue 14, acceptance 1): a team-written article with
 * absolute and relative dates shows every dated event at the right date and
 * precision; clicking one flashes its passage; dates are confirmed,
 * corrected and dismissed; "Insert chronology" puts a table into the brief
 * that exports to Markdown with its citations.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { pandoc, pandocNodes } from '../unit/shared/export/helpers';
import { briefBox, fixture, importThroughChooser, newCase, openApp, sourceRegion } from './helpers/app';
import { selectWithMouse } from './helpers/select';
import { expect, test } from './support/fixtures';

async function flashedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let text = '';
    CSS.highlights.get('cf-flash')?.forEach((range) => (text += (range as Range).toString()));
    return text;
  });
}

async function highlight(page: Page, text: string): Promise<void> {
  await selectWithMouse(page, text);
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'Highlight' }).click();
  // The new passage's card opens; close it so it does not cover the text.
  await page.getByRole('dialog', { name: 'Passage' }).getByRole('button', { name: 'Close passage' }).click();
  await expect(page.getByRole('dialog', { name: 'Passage' })).toHaveCount(0);
}

test('the chronology of an article: dates at their precision, passages revealed, decisions, and the chronology in the brief', async ({ page }) => {
  await openApp(page);
  await newCase(page);
  await importThroughChooser(page, fixture('views/ferry-inquiry.md'));
  await expect(sourceRegion(page)).toContainText('The Maritime Safety Board opened a formal inquiry');
  await highlight(page, 'The fire broke out on the evening of 2 March 2024');
  await highlight(page, 'Crew members put it out before the coastguard arrived.');

  await page.getByRole('tab', { name: 'Timeline' }).click();
  const pane = page.getByRole('region', { name: 'Timeline' });
  await expect(pane.getByRole('status')).toHaveText('8 dated events.');
  await pane.getByRole('group', { name: 'View' }).getByRole('button', { name: 'List' }).click();

  // Every dated event at its date and precision (relative ones against the publication date, 15 March 2024).
  const events = pane.locator('.timeline-event');
  await expect(events).toHaveCount(8);
  const rows = (await events.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  const expected: [string, string][] = [
    ['1998', 'year'],
    ['4–19 January 2021', 'range'],
    ['June 2023', 'month'],
    ['2 March 2024', 'day'],
    ['11 March 2024', 'day'],
    ['12 March 2024', 'day'],
    ['14 March 2024', 'day'],
    ['May 2024', 'month'],
  ];
  expected.forEach(([date, precision], i) => {
    expect(rows[i]).toContain(date);
    expect(rows[i]).toContain(`${precision} · Found`);
  });

  // Clicking an event flashes its passage in the reader.
  await events.filter({ hasText: /^12 March 2024/ }).click();
  await expect.poll(() => flashedText(page)).toBe('Last Tuesday the operator, Northline Ferries, suspended two of its older vessels for checks.');
  await expect(pane.getByRole('group', { name: 'Selected event' })).toContainText('“Last Tuesday” read against the publication date, 2024-03-15');

  // Correct one, confirm one, dismiss one.
  await events.first().click();
  const detail = pane.getByRole('group', { name: 'Selected event' });
  await detail.getByRole('button', { name: 'Correct date…' }).click();
  await detail.getByRole('textbox', { name: 'Correct date' }).fill('not a date');
  await detail.getByRole('button', { name: 'Save date' }).click();
  await expect(detail.getByRole('alert')).toContainText('is not a date Casefile can read');
  await detail.getByRole('textbox', { name: 'Correct date' }).fill('1998-05');
  await detail.getByRole('button', { name: 'Save date' }).click();
  await expect(events.first()).toContainText('May 1998');
  await expect(events.first()).toContainText('month · Corrected');
  await events.filter({ hasText: /^2 March 2024/ }).click();
  await detail.getByRole('button', { name: 'Confirm date' }).click();
  await expect(events.filter({ hasText: /^2 March 2024/ })).toContainText('Confirmed');
  await events.filter({ hasText: 'May 2024' }).click();
  await detail.getByRole('button', { name: 'Dismiss date' }).click();
  await expect(pane.getByRole('status').first()).toHaveText('7 dated events, 1 dismissed.');

  // A passage without a date is listed beside the axis and can be dated by hand.
  const undated = pane.getByRole('complementary', { name: /Undated/ });
  await expect(undated).toContainText('Crew members put it out');
  await undated.getByRole('button', { name: /Add a date for/ }).click();
  const add = pane.getByRole('form', { name: 'Add event' });
  await add.getByRole('textbox', { name: 'Date' }).fill('2 March 2024');
  await add.getByRole('textbox', { name: 'What happened' }).fill('The crew put the fire out');
  await add.getByRole('button', { name: 'Add to timeline' }).click();
  await expect(events.filter({ hasText: 'The crew put the fire out' })).toContainText('Added by hand');
  await expect(undated).toContainText('Every passage and claim has a date.');

  // The axis is keyboard-navigable: End goes to the last event, Enter reveals it.
  await pane.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Axis' }).click();
  const axis = pane.getByRole('application', { name: /Time axis, 8 events/ });
  await axis.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect.poll(() => flashedText(page)).toContain('Yesterday the board said its first findings would be published within two months.');

  // Insert chronology: a table in the brief, exported to Markdown with its citations.
  await pane.getByRole('button', { name: 'Insert chronology' }).click();
  await expect(page.getByRole('tab', { name: 'Brief' })).toHaveAttribute('aria-selected', 'true');
  const table = briefBox(page).locator('table');
  await expect(table.locator('tr')).toHaveCount(9);
  await expect(table.locator('tr').first()).toHaveText(/Date\s*Event\s*Citation/);
  await expect(table.locator('[aria-label="Citation 1"]')).toBeVisible();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Export brief' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export brief' });
  await dialog.getByRole('radio', { name: 'Markdown' }).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const markdown = readFileSync(await (await download).path(), 'utf8');
  expect(markdown).toContain('| Date | Event | Citation |');
  expect(markdown).toMatch(/\| 2 March 2024 \| The fire broke out on the evening of 2 March 2024, about forty minutes after the ferry left Port Velden\. \| \(Brauer, 2024, para\. 3\)\[\^1\] \|/);
  expect(markdown).toMatch(/\| 2 March 2024 \| The crew put the fire out \| \(Brauer, 2024, para\. 3\)\[\^2\] \|/);
  expect(markdown).toMatch(/\[\^1\]: .*“The fire broke out on the evening of 2 March 2024” \(para\. 3\)\./);
  expect(markdown).toMatch(/\| May 1998 \| The vessel was built in 1998/);
  // Pandoc reads it as one table of 8 events with a note in each cited row.
  const ast = JSON.parse(pandoc(markdown, 'json')) as { blocks: unknown[] };
  const tables = pandocNodes(ast.blocks, 'Table');
  expect(tables).toHaveLength(1);
  expect(pandocNodes(tables, 'Note')).toHaveLength(2);

  // The same chronology as CSV: ISO date first, one row per event, with its source and what the user decided.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const csvDownload = page.waitForEvent('download');
  await pane.getByRole('button', { name: 'Export chronology as CSV' }).click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toMatch(/-chronology\.csv$/);
  const lines = readFileSync(await csvFile.path(), 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('ISO date,Date,Precision,Event,Source,Status');
  expect(lines).toHaveLength(9);
  expect(lines[1]).toMatch(/^1998-05,May 1998,month,The vessel was built in 1998.*,Ferry operator faces inquiry after engine fire,corrected$/);
  expect(lines).toContain('2024-03-02,2 March 2024,day,The crew put the fire out,Ferry operator faces inquiry after engine fire,manual');
  expect(lines.some((line) => line.startsWith('2021-01-04/2021-01-19,4–19 January 2021,range,'))).toBe(true);

  // Grouped by claim: a claim made from the "Last Tuesday" passage gets a lane of its own, with the date found in its
  // evidence and the one in its own statement (both read against the publication date); the rest bear on no claim.
  await selectWithMouse(page, 'Last Tuesday the operator, Northline Ferries, suspended two of its older vessels for checks.');
  await page.getByRole('toolbar', { name: 'Selection actions' }).getByRole('button', { name: 'New claim' }).click();
  await expect(page.getByRole('region', { name: 'Claims' }).getByLabel('Statement')).toHaveValue('Last Tuesday the operator, Northline Ferries, suspended two of its older vessels for checks.');
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await pane.getByRole('combobox', { name: /^Group by/ }).selectOption('Claim');
  await pane.getByRole('group', { name: 'View' }).getByRole('button', { name: 'List' }).click();
  const claimLane = pane.getByRole('region', { name: 'Last Tuesday the operator, Northline Ferries, suspended two of its older vessels for checks.' });
  await expect(claimLane.locator('.timeline-event')).toHaveCount(2);
  await expect(claimLane.locator('.timeline-event').nth(0)).toContainText('12 March 2024');
  await expect(claimLane.locator('.timeline-event').nth(1)).toContainText('12 March 2024');
  await expect(pane.getByRole('region', { name: 'No claim' }).locator('.timeline-event')).toHaveCount(7);
});
