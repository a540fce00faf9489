// Serves the built app (dist/, made by `npm test` before the suites run) and drives it in
// real Chromium through Playwright.

import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { HEADERS } from '../../vite.config';

export async function serveDist(port = 0): Promise<{ server: PreviewServer; url: string }> {
  // With the headers `npm start` sends (the README's hosting advice): the app is tested as it is served.
  const server = await preview({ configFile: false, root: process.cwd(), logLevel: 'error', preview: { port, strictPort: port !== 0, host: '127.0.0.1', headers: HEADERS } });
  const url = server.resolvedUrls!.local[0];
  return { server, url };
}

export async function closeServer(server: PreviewServer): Promise<void> {
  const closed = new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  // Keep-alive connections from the browser would otherwise hold the server open.
  (server.httpServer as { closeAllConnections?: () => void }).closeAllConnections?.();
  await closed;
}

/** A browser on a profile on disk (IndexedDB stored as a user's is; an incognito context keeps it in memory), in English. */
export function launchProfile(profile: string, viewport = { width: 390, height: 844 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: chromiumArgs, headless: true, locale: 'en-US', viewport });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/** A fresh context in English with page errors and CSP violations collected. */
export async function context(browser: Browser, locale = 'en-US', options: { touch?: boolean } = {}): Promise<{ ctx: BrowserContext; problems: string[] }> {
  const touch = options.touch ? { hasTouch: true, isMobile: true, deviceScaleFactor: 3 } : {};
  const ctx = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, serviceWorkers: 'allow', ...touch });
  const problems: string[] = [];
  ctx.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  ctx.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { ctx, problems };
}

/** The built app served and a browser launched for a test file's lifetime (its own hooks). */
export function useBuiltApp(): { readonly url: string; readonly browser: Browser } {
  let browser: Browser;
  let server: PreviewServer;
  let url: string;
  beforeAll(async () => {
    ({ server, url } = await serveDist());
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    if (server) await closeServer(server);
  });
  return {
    get url() {
      return url;
    },
    get browser() {
      return browser;
    },
  };
}

/**
 * Creates the workshop demo book from the start screen, waits for Today (where a new book
 * lands) to show who needs attention, then goes to the list by the navigation and waits
 * until its 200 customers are listed.
 */
export async function createWorkshop(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.locator('[data-today-customer]').first().waitFor({ timeout: 30_000 });
  await openList(page);
  await expect.poll(() => page.getByText('200 customers').count(), { timeout: 30_000 }).toBe(1);
}

/** The customer list by the navigation, waited for until the book's count shows. */
export async function openList(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
  await page.locator('[data-list]').waitFor({ timeout: 30_000 });
}

/** Opens the customer page's profile form (closed until asked for) and waits for its fields. */
export async function openProfile(page: Page, id?: string): Promise<void> {
  const profile = page.locator(id === undefined ? '[data-profile]' : `[data-customer-page="${id}"] [data-profile]`);
  await profile.waitFor({ timeout: 30_000 });
  if ((await profile.getAttribute('open')) === null) await profile.locator('summary').click();
  await page.locator('#f-notes').waitFor();
}
