import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { caseMenu, openApp } from './helpers/app';

const CLI = fileURLToPath(new URL('../../scripts/casefile-cli.mjs', import.meta.url));

test('a case exported as JSON is read by the casefile CLI', async ({ page }, testInfo) => {
  await openApp(page);
  const download = page.waitForEvent('download');
  await caseMenu(page, 'Export case');
  const dialog = page.getByRole('dialog', { name: 'Export case' });
  await dialog.getByRole('radio', { name: /^JSON/ }).check();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await (await download).path();
  const data = JSON.parse(readFileSync(file, 'utf8'));
  expect(data.format).toBe('casefile-case');
  expect(data.passages).toHaveLength(5);
  expect(data.claims).toHaveLength(2);

  const out = testInfo.outputPath('brief.md');
  const run = spawnSync(process.execPath, [CLI, 'export', file, '--format', 'md', '-o', out], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const markdown = readFileSync(out, 'utf8');
  expect(markdown).toContain('title: "Sample case: the EncroChat takedown"');
  expect(markdown).toContain('## What the EncroChat operation achieved');
});
