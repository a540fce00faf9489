// A new version of the app while a user works: the new service worker installs and waits, the
// banner says a new version is ready, "Reload" switches to it, and the book is intact.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright';
import { closeServer, context, createWorkshop, launch, openProfile } from './harness';

let browser: Browser;
let next = '';
beforeAll(async () => {
  browser = await launch();
  // The next build: the same app with its page changed, and the service worker's precache
  // revision of that page with it (as a real rebuild changes both).
  next = mkdtempSync(join(tmpdir(), 'custos-next-'));
  cpSync('dist', next, { recursive: true });
  const html = readFileSync(join(next, 'index.html'), 'utf8');
  writeFileSync(join(next, 'index.html'), html.replace('<head>', '<head>\n    <meta name="custos-build" content="next" />'));
  const sw = readFileSync(join(next, 'sw.js'), 'utf8');
  const changed = sw.replace(/(\{url:"index\.html",revision:")[0-9a-f]+"/, '$1next0000000000000000000000000000"');
  if (changed === sw) throw new Error('no precache entry for index.html in sw.js');
  writeFileSync(join(next, 'sw.js'), changed);
});
afterAll(async () => {
  await browser?.close();
  rmSync(next, { recursive: true, force: true });
});

async function serve(outDir: string, port: number): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({ configFile: false, root: process.cwd(), logLevel: 'error', build: { outDir }, preview: { port, strictPort: port !== 0, host: '127.0.0.1' } });
  return { server, url: server.resolvedUrls!.local[0] };
}

test('a new build waits, the banner shows, Reload switches to it, and the book is intact', async () => {
  let { server, url } = await serve('dist', 0);
  const port = Number(new URL(url).port);
  const { ctx, problems } = await context(browser);
  const page = await ctx.newPage();
  await page.goto(url);
  await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state);
  // A returning user: the page is in the service worker's control (only then does an update wait).
  await page.reload();
  expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
  await createWorkshop(page);
  await page.locator('a.line').first().click();
  await openProfile(page);
  await page.fill('#f-notes', 'Kept across the update');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.').waitFor();
  const customerUrl = page.url();
  expect(await page.locator('meta[name=custos-build]').count()).toBe(0);

  // The next build is deployed; the page asks for updates (as browsers do on navigation).
  await closeServer(server);
  ({ server } = await serve(next, port));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const banner = page.getByRole('status').filter({ hasText: 'A new version of Custos is ready.' });
  await banner.waitFor({ timeout: 30_000 });
  // Waiting, not yet in control: the page is still the old build until the user chooses.
  expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(true);
  expect(await page.locator('meta[name=custos-build]').count()).toBe(0);

  await banner.getByRole('button', { name: 'Reload' }).click();
  await page.waitForFunction(() => document.querySelector('meta[name=custos-build]') !== null, undefined, { timeout: 30_000 });
  expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting))).toBe(false);
  await page.goto(customerUrl);
  await openProfile(page);
  expect(await page.inputValue('#f-notes')).toBe('Kept across the update');
  expect(problems).toEqual([]);
  await ctx.close();
  await closeServer(server);
});
