// A book made from old Excel exports: the app offers to analyse it as of its newest record,
// the choice is shown above the figures and kept across a reload, and "back to today" undoes it.

import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { context, useBuiltApp } from './harness';

const app = useBuiltApp();
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

describe('the analysis date in the built app', () => {
  test('offered for an old book, taken, kept across a reload, and given back to today', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('This book has no customers yet.').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
    await page.locator('[data-import-files]').setInputFiles([fixture('orders-utf8-bom.csv'), fixture('customers-gbk.csv')]);
    await page.locator('[data-import-preview]').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported customers-gbk.csv: 3 new, 0 updated.').waitFor();
    await page.locator('[data-import-preview] h2', { hasText: 'orders-utf8-bom.csv' }).waitFor();
    await page.locator('[data-import-preview] select').first().selectOption('order');
    await expect.poll(() => page.locator('[data-import-counts]').textContent()).toMatch(/5 new/);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported orders-utf8-bom.csv: 5 new, 0 updated.').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    const offer = page.locator('[data-as-of-offer]');
    await offer.waitFor();
    const newest = (await offer.getAttribute('data-as-of-offer'))!;
    expect(newest).toMatch(/^2024-/);
    await offer.getByRole('button').click();
    const bar = page.locator('[data-as-of]');
    await expect.poll(() => bar.getAttribute('data-chosen')).toBe(newest);
    expect(await bar.textContent()).toContain('the analysis date you chose');
    expect(await offer.count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.locator('[data-as-of]').getAttribute('data-as-of')).toBe(newest);
    await page.locator('[data-as-of-today]').click();
    await expect.poll(() => page.locator('[data-as-of]').getAttribute('data-chosen')).toBe('');
    await page.locator('[data-as-of-offer]').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
