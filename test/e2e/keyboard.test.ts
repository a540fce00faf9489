// A keyboard user does what a mouse user does: the skip link first, focus on the new screen's
// heading after every change of screen, forms and questions that take the focus when they
// open, close on Escape and give it back to what opened them; and on every screen, every
// control is a Tab stop and nothing answers only a mouse.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright';
import { context, useBuiltApp } from './harness';
import { mouseOnly, tabTo, unreachable } from './checks';

const app = useBuiltApp();

const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return a ? `${a.tagName.toLowerCase()}${a.hasAttribute('data-skip') ? '[data-skip]' : ''} ${(a.textContent ?? '').trim().slice(0, 40)}` : '';
  });
const headingFocused = (page: Page) => page.evaluate(() => document.activeElement === document.querySelector('main h1'));
const pressOn = async (page: Page, selector: string, key = 'Enter') => {
  expect(await tabTo(page, selector), `Tab reaches ${selector}`).toBe(true);
  await page.keyboard.press(key);
};

describe('by keyboard alone', () => {
  test('skip link, a demo book, the list, a customer, an event added and a form closed with Escape', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(app.url);
    await page.locator('button[data-book=workshop]').waitFor();

    // The first Tab shows the skip link; Enter puts the focus on the screen's heading.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a[data-skip] Skip to content');
    expect(await page.locator('[data-skip]').evaluate((a) => a.getBoundingClientRect().top >= 0)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await headingFocused(page)).toBe(true);

    // A demo book by the keyboard; Today opens with the focus on its heading.
    await pressOn(page, 'button[data-book=workshop]');
    await page.locator('[data-today-customer]').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => headingFocused(page)).toBe(true);
    expect(await page.locator('main h1').textContent()).toContain('Today');

    // The list by the navigation.
    await pressOn(page, 'nav a[href="#/customers"]');
    await page.locator('[data-list] a.line').first().waitFor();
    await expect.poll(() => headingFocused(page)).toBe(true);

    // A customer: its page's heading takes the focus.
    await pressOn(page, '[data-list] a.line');
    await page.locator('[data-responses]').waitFor();
    await expect.poll(() => headingFocused(page)).toBe(true);
    const name = await page.locator('main h1').textContent();

    // Add a record: the form takes the focus; Escape closes it and gives the focus back.
    await pressOn(page, '[data-add-record]');
    await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('main form'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#e-kind').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-add-record'))).toBe(true);

    // Again, and this time an order typed in and saved with Enter.
    const before = await page.locator('[data-event]').count();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('e-kind');
    expect(await tabTo(page, '#e-amount', 10)).toBe(true);
    // Not an amount: the error is by the field, and the focus back on it.
    await page.keyboard.type('lots');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('#e-amount-error').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('e-amount');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('4321');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-event]').count()).toBe(before + 1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-add-record'))).toBe(true);

    // The profile opens from its summary and closes on Escape, the focus back on the summary.
    await pressOn(page, '[data-profile] > summary');
    await expect.poll(() => page.locator('[data-profile]').getAttribute('open')).not.toBeNull();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-profile]').getAttribute('open')).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.matches('[data-profile] > summary'))).toBe(true);

    // Delete asks first, with the focus on Cancel; Escape keeps the customer and the focus on Delete.
    await pressOn(page, '[data-delete-customer]');
    await page.locator('[data-delete-ask]').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-cancel'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-delete-ask]').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-delete-customer'))).toBe(true);
    expect(await page.locator('main h1').textContent()).toBe(name);

    // A cell of the R×F grid opens the list filtered to it.
    await pressOn(page, 'nav a[href="#/segments"]');
    await page.locator('[data-rfm-grid] a').first().waitFor();
    await pressOn(page, '[data-rfm-grid] a');
    await page.locator('[data-segment-chip]').waitFor();
    await expect.poll(() => headingFocused(page)).toBe(true);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  test('every control of every screen is a Tab stop, and nothing answers only the mouse', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(app.url);
    await page.locator('button[data-book=workshop]').click();
    await page.locator('[data-today-customer]').first().waitFor({ timeout: 60_000 });
    const id = await page.locator('[data-today-customer]').first().getAttribute('data-today-customer');
    const found: Record<string, string[]> = {};
    for (const [hash, ready] of [
      ['today', '[data-today-customer]'],
      ['customers', '[data-list] a.line'],
      [`customers/${encodeURIComponent(id!)}`, '[data-responses]'],
      ['customers/new', 'main form'],
      ['risk', '[data-alert]'],
      ['backtest', 'main form'],
      ['model', '[data-rule-on]'],
      ['segments', '[data-rfm-grid]'],
      ['playbooks', '[data-playbook]'],
      ['data', '[data-import-files]'],
      ['duplicates', '[data-duplicates-page]'],
      ['kpi', 'main h1'],
      ['audit', '[data-run-audit]'],
      ['settings', 'main h1'],
    ] as const) {
      await page.goto(`${app.url}#/${hash}`);
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
      const missed = [...(await unreachable(page)), ...(await mouseOnly(page))];
      if (missed.length) found[hash.split('/')[0] + (hash.includes('/') ? '/…' : '')] = missed;
    }
    expect(found).toEqual({});
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
