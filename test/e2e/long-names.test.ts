// A name of 200 characters without a space (a pasted id, a joined string) wraps wherever it is
// shown: the phone page never grows sideways.
import { describe, expect, test } from 'vitest';
import { context, createWorkshop, openProfile, useBuiltApp } from './harness';

const app = useBuiltApp();

describe('long names', () => {
  test('a 200-character unbroken name keeps a phone page 390 px wide, on the customer page and in the list', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.goto(app.url);
    await createWorkshop(page);
    const first = page.locator('a.line').first();
    await first.click();
    await openProfile(page);
    const name = 'Ｘ'.repeat(20) + 'N'.repeat(180);
    const before = await page.locator('form[data-version]').getAttribute('data-version');
    await page.fill('#f-name', name);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator(`form[data-version]:not([data-version="${before}"])`).waitFor();
    await expect.poll(() => page.locator('h1').innerText()).toBe(name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    await page.locator('a.line').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
