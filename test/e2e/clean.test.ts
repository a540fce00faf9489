// Keeping the book clean in the built app, on a phone, in zh-CN, zh-TW and English: tick
// customers of the list and give them a new owner (undone again), select all of a filter;
// delete a customer from its page, see it go from the list, and undo it; merge a suspected
// duplicate pair; erase one, its id typed to confirm; a second tab sees every change. Axe, 44 px targets, no sideways scrolling.

import { describe, expect, test } from 'vitest';
import { context, useBuiltApp } from './harness';
import { axeProblems, smallTargets } from './checks';

const app = useBuiltApp();
const LOCALES = [['zh-CN', 'demo'], ['zh-TW', 'demo'], ['en-US', 'demo']] as const;
const count = async (page: import('playwright').Page) => Number(await page.locator('[data-selected]').getAttribute('data-selected'));

describe('keeping the book clean on a phone', () => {
  for (const [locale] of LOCALES) {
    test(`${locale}: bulk owner with undo, delete and undo from the page, merge of a pair, an erasure, seen by a second tab`, async () => {
      const { ctx, problems } = await context(app.browser, locale, { touch: true });
      const page = await ctx.newPage();
      await page.goto(app.url);
      await page.locator('button[data-book=workshop]').click();
      await page.waitForFunction(() => location.hash.startsWith('#/today'), null, { timeout: 60_000 });
      const other = await ctx.newPage();
      await other.goto(`${app.url}#/customers`);
      await other.locator('a.line').first().waitFor();
      const totalOf = async (p: import('playwright').Page) => Number((await p.locator('.count').textContent())!.replace(/\D/g, ''));
      const total = await totalOf(other);
      // The tab the user works in is the one in front (a tab behind gets no animation frames, which clicks wait for).
      await page.bringToFront();

      // Two customers ticked, a new owner for both; the undo gives their owners back.
      await page.goto(`${app.url}#/customers`);
      await page.locator('a.line').first().waitFor();
      await page.locator('[data-select-mode]').click();
      const picks = page.locator('[data-pick]');
      const ids = [await picks.nth(0).getAttribute('data-pick'), await picks.nth(1).getAttribute('data-pick')];
      await picks.nth(0).click();
      await picks.nth(1).click();
      expect(await count(page)).toBe(2);
      await page.locator('[data-bulk-value]').fill('Zhou Min');
      await page.locator('[data-bulk-apply]').click();
      await page.locator('[data-bulk-undo]').waitFor();
      expect({ axe: await axeProblems(page), targets: await smallTargets(page), wider: await page.evaluate(() => document.documentElement.scrollWidth > innerWidth) }).toEqual({ axe: [], targets: [], wider: false });
      await page.locator('[data-select-mode]').click();
      await page.locator('#list-search').fill('');
      await expect.poll(() => page.locator(`a.line[data-id="${ids[0]}"] .meta`).count()).toBe(1);
      // The other tab sees the new owner in its filter menu.
      await expect.poll(async () => other.locator('[data-filter=owner] option', { hasText: 'Zhou Min' }).count(), { timeout: 10_000 }).toBe(1);
      await page.locator('[data-select-mode]').click();
      await page.locator('[data-bulk-action]').waitFor();
      // Selecting all counts every row of the list.
      await page.locator('[data-select-all]').check();
      expect(await count(page)).toBe(total);
      await page.locator('[data-select-all]').uncheck();
      await page.locator('[data-select-mode]').click();
      await page.goto(`${app.url}#/data`);
      await page.locator('[data-change-history] li').first().waitFor();
      await page.locator('[data-change-history] li button').first().click();
      await page.locator('[data-change-history] .confirm').click();
      await expect.poll(() => page.locator('[data-change-history] li .muted').first().textContent()).toMatch(/\d/);

      // A customer deleted from its page: the list shows without it, with the undo at hand; the other tab's count follows.
      await page.goto(`${app.url}#/customers/${encodeURIComponent(ids[0]!)}`);
      await page.locator('[data-delete-customer]').click();
      expect(await page.locator('[data-delete-ask]').textContent()).toMatch(/\d/);
      await page.locator('[data-delete-confirm]').click();
      await page.locator('[data-toast-undo]').waitFor();
      await page.waitForFunction(() => location.hash === '#/customers');
      await expect.poll(() => totalOf(other), { timeout: 10_000 }).toBe(total - 1);
      await page.locator('[data-toast-undo]').click();
      await expect.poll(() => totalOf(other), { timeout: 10_000 }).toBe(total);
      await page.goto(`${app.url}#/customers/${encodeURIComponent(ids[0]!)}`);
      await page.locator('[data-danger]').waitFor();

      // A suspected pair merged: one fewer customer, and the pair is gone from the list of pairs.
      await page.goto(`${app.url}#/duplicates`);
      await page.locator('[data-pair]').first().waitFor();
      const pairs = await page.locator('[data-pair]').count();
      await page.locator('[data-merge-open]').first().click();
      await page.locator('[data-merge-go]').waitFor();
      expect({ axe: await axeProblems(page), targets: await smallTargets(page), wider: await page.evaluate(() => document.documentElement.scrollWidth > innerWidth) }).toEqual({ axe: [], targets: [], wider: false });
      await page.locator('[data-merge-go]').click();
      await page.locator('[data-merged]').waitFor();
      await expect.poll(() => page.locator('[data-pair]').count()).toBe(pairs - 1);
      await expect.poll(() => totalOf(other), { timeout: 10_000 }).toBe(total - 1);

      // An erasure: the id typed to confirm; the customer is gone, the erasure logged in Data by its date.
      await page.goto(`${app.url}#/customers/${encodeURIComponent(ids[1]!)}`);
      await page.locator('[data-erase-open]').click();
      expect(await page.locator('[data-erase-go]').isDisabled()).toBe(true);
      await page.locator('#erase-id').fill(ids[1]!);
      await page.locator('[data-erase-go]').click();
      await page.locator('[data-toast]').waitFor();
      await page.waitForFunction(() => location.hash === '#/customers');
      await expect.poll(() => totalOf(other), { timeout: 10_000 }).toBe(total - 2);
      await page.goto(`${app.url}#/data`);
      await page.locator('[data-erasures] li').waitFor();
      expect(problems).toEqual([]);
      await ctx.close();
    });
  }
});
