// A user arrives with Excel exports in Chinese: the customers file (GBK) and the orders file
// (UTF-8 with BOM) chosen together, previewed, imported, then the orders undone.

import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { context, useBuiltApp } from './harness';

const app = useBuiltApp();
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

describe('import in the built app', () => {
  test('two files at once: customers first, every rejected row named; import, then undo', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Create' }).click();
    // The new book opens on its (empty) list first.
    await page.getByText('This book has no customers yet.').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
    await page.locator('[data-import-files]').setInputFiles([fixture('orders-utf8-bom.csv'), fixture('customers-gbk.csv')]);
    // The orders file has no hint in its name: it is taken as the kind chosen, after the customers.
    await page.locator('[data-import-preview]').waitFor();
    expect(await page.locator('[data-import-preview] h2').textContent()).toContain('customers-gbk.csv');
    expect(await page.locator('[data-import-counts]').textContent()).toBe('3 rows: 3 new, 0 updated, 0 unchanged, 0 rejected.');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported customers-gbk.csv: 3 new, 0 updated.').waitFor();

    // Then the orders file: say it holds orders.
    await page.locator('[data-import-preview] h2', { hasText: 'orders-utf8-bom.csv' }).waitFor();
    await page.locator('[data-import-preview] select').first().selectOption('order');
    await expect.poll(() => page.locator('[data-import-counts]').textContent()).toBe('8 rows: 5 new, 0 updated, 0 unchanged, 3 rejected.');
    const rows = await page.locator('[data-import-problems] tbody tr').allTextContents();
    expect(rows).toEqual(['7客户编号No customer with id “C009” in the book.', expect.stringMatching(/^8日期“not a date” is not a date in a form Custos reads/), '9金额Not an amount (like 1,234.50).']);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported orders-utf8-bom.csv: 5 new, 0 updated.').waitFor();
    expect(await page.locator('[data-import-history] li').count()).toBe(2);

    // The customers are in the list, with their orders.
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    await page.getByText('3 customers', { exact: true }).waitFor();
    await page.getByText('上海华东贸易有限公司').click();
    await page.getByText('机床').first().waitFor();

    // Undo the orders: the customer has none left.
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
    await page.locator('[data-import-history] li').first().getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Import undone.').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    await page.getByText('上海华东贸易有限公司').click();
    await page.getByText('No events yet').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
