import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';

/**
 * Clickjacking: a page on another loopback port (any local web app, or a page a
 * dev server serves) tries to show Casefile in a frame, where it could overlay
 * buttons or read what is on screen. The app's server forbids framing on every
 * response, so the frame stays an error page and none of the user's cases show.
 */
let other: Server;
let otherOrigin = '';

test.beforeAll(async () => {
  const appUrl = String(test.info().project.use.baseURL);
  other = createServer((req, res) => {
    const target = req.url === '/api' ? `${appUrl}api/invoke/cf:app:info` : appUrl;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>Another local page</title><h1>Win a prize</h1>
<iframe id="victim" src="${target}" width="900" height="600" onload="document.body.dataset.loaded = 'yes'"></iframe>`);
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => other.close(resolve));
});

for (const [what, path] of [
  ['the app', '/'],
  ['an API answer', '/api'],
] as const) {
  test(`a page on another loopback port cannot frame ${what}`, async ({ page }) => {
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/frame|X-Frame-Options|frame-ancestors/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(`${otherOrigin}${path}`);
    await expect(page.getByRole('heading', { name: 'Win a prize' })).toBeVisible();
    await expect(page.locator('body')).toHaveAttribute('data-loaded', 'yes');
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    // Give a framed app time to boot, if it were allowed to.
    await page.waitForTimeout(1_000);
    expect(frame!.url()).not.toContain(new URL(String(test.info().project.use.baseURL)).host);
    await expect(page.frameLocator('#victim').getByRole('navigation', { name: 'Cases' })).toHaveCount(0);
    await expect(page.frameLocator('#victim').locator('text=Casefile')).toHaveCount(0);
    expect(blocked.join('\n')).toMatch(/frame-ancestors|X-Frame-Options/);
  });
}
