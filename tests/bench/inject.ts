import { build } from 'esbuild';
import type { Page } from 'playwright-core';

/**
 * Bundle a browser-side bench entry (the app's own modules) and evaluate it in
 * the page, so browser suites measure the real code on the real DOM.
 */
export async function injectBenchEntry(page: Page, entry: string): Promise<void> {
  const out = await build({
    entryPoints: [`${process.cwd()}/${entry}`],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  // Evaluated over the DevTools protocol, which the page's strict CSP does not govern.
  await page.evaluate(out.outputFiles[0]!.text);
}
