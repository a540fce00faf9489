// Installable and offline: after one visit the app opens and works with the server gone,
// under a strict CSP, without a single request leaving for another origin.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright';
import { closeServer, context, launch, serveDist } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('after one visit the app works with the server cut, and it never calls another origin', async () => {
  const { server, url } = await serveDist();
  const { ctx, problems } = await context(browser, 'zh-CN');
  const origin = new URL(url).origin;
  const foreign: string[] = [];
  ctx.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });
  const page = await ctx.newPage();
  const response = await page.goto(url);
  // Served as `npm start` serves it: no page of another site may frame the app.
  expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response!.headers()['x-frame-options']).toBe('DENY');

  // The manifest is linked and complete enough to install.
  const manifestHref = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await page.request.get(new URL(manifestHref!, url).href)).json();
  expect(manifest).toMatchObject({ display: 'standalone', start_url: './' });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
  expect(await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content')).toContain("connect-src 'self'");

  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
  await page.locator('button[data-book=workshop]').click();
  await page.locator('[data-today-customer]').first().waitFor({ timeout: 30_000 });

  await closeServer(server);
  await expect(fetch(url)).rejects.toThrow();
  await page.reload();
  // The book opens on Today, then the list, with the server gone.
  await page.locator('[data-today-customer]').first().waitFor({ timeout: 15_000 });
  await page.getByRole('navigation').getByRole('link', { name: '客户' }).click();
  await page.locator('a.line').first().waitFor({ timeout: 15_000 });
  expect(await page.getByText('200 个客户').count()).toBe(1);
  await page.locator('a.line').first().click();
  await page.locator('article.item').first().waitFor();

  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
  await ctx.close();
});
