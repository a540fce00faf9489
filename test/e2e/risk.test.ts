// A trainer in front of a room: the workshop demo's risk overview, a grade drilled down to
// the list, a customer's reasons, an override kept across a reload, and a model change
// previewed live and then published.

import { describe, expect, test } from 'vitest';
import { context, createWorkshop, useBuiltApp } from './harness';

const app = useBuiltApp();

describe('risk in the built app', () => {
  test('overview → medium customers → reasons → override → reload → override kept; model preview and publish', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.goto(app.url);
    await createWorkshop(page);

    // Every row carries a grade in words, not only a colour.
    const badge = page.locator('a.line .grade').first();
    expect(await badge.textContent()).toMatch(/Low|Medium|High|Critical|Insufficient data/);

    await page.getByRole('navigation').getByRole('link', { name: 'Risk' }).click();
    await page.getByText('Customers by grade').waitFor();
    const mediumRow = page.locator('[data-grade-row=medium]');
    const mediumCount = Number((await mediumRow.locator('td.num').first().textContent())!.split(' ')[0].replace(/,/g, ''));
    await mediumRow.getByRole('link').click();
    await expect.poll(async () => page.getByText(`${mediumCount} customers`, { exact: true }).count()).toBe(1);

    await page.locator('a.line').first().click();
    await page.getByText('Why this score').waitFor();
    expect(await page.locator('tr[data-indicator]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-customer-segments]').textContent()).toMatch(/RFM \d-\d-\d/);
    await page.getByLabel('Reason').fill('Owner told us they are moving to a competitor');
    await page.getByRole('button', { name: 'Override the grade' }).click();
    await page.locator('[data-override]').waitFor();
    await page.reload();
    await page.getByText('Why this score').waitFor();
    expect(await page.locator('[data-override]').textContent()).toContain('moving to a competitor');

    await page.getByRole('navigation').getByRole('link', { name: 'Risk' }).click();
    await page.getByRole('link', { name: 'Edit the risk model' }).click();
    await page.locator('[data-moved]').waitFor();
    expect(await page.locator('[data-moved]').getAttribute('data-moved')).toBe('0');
    await page.locator('[data-dimension=credit] input').fill('100');
    await expect.poll(async () => Number(await page.locator('[data-moved]').getAttribute('data-moved'))).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published as revision 2.').waitFor();

    // Segments: the R×F grid counts every customer who ordered; the value × risk chart draws.
    await page.getByRole('navigation').getByRole('link', { name: 'Segments' }).click();
    await page.locator('[data-rfm-grid]').waitFor();
    const cells = await page.locator('[data-rfm-grid] td a [data-count]').allTextContents();
    expect(cells.reduce((n, c) => n + Number(c.replace(/,/g, '')), 0)).toBeGreaterThan(150);
    await expect.poll(() => page.locator('canvas').count()).toBe(2);

    // Tapping a cell opens the list of exactly its customers, named by the segment.
    const cell = page.locator('[data-rfm-grid] td a').first();
    const count = Number((await cell.locator('[data-count]').textContent())!.replace(/,/g, ''));
    await cell.click();
    await page.locator('[data-segment-chip]').waitFor();
    await expect.poll(() => page.getByText(count === 1 ? '1 customer' : `${count} customers`, { exact: true }).count()).toBe(1);
    // Saved as a rule segment, it is offered in the list and tallied on the segments screen.
    await page.getByRole('button', { name: 'Save as segment' }).click();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Workshop cell');
    await page.getByRole('button', { name: 'Save rule segment' }).click();
    await page.getByText('Saved segment “Workshop cell”.').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Segments' }).click();
    await page.locator('tr[data-group]', { hasText: 'Workshop cell' }).waitFor();
    expect(await page.locator('tr[data-group]', { hasText: 'Workshop cell' }).locator('td.num').first().textContent()).toBe(String(count));

    // A rule made on the segments screen (class A of the ABC), then the ABC cut moved: the
    // class and the rule resting on it both shrink.
    const tally = (label: string) => page.locator('tr[data-group]', { hasText: label }).locator('td.num').first().textContent().then(Number);
    const classA = await tally('ABC class A');
    await page.getByText('New rule segment').click();
    await page.locator('#rule-new-name').fill('Top accounts');
    await page.locator('#rule-segment').selectOption('abc:A');
    await page.getByRole('button', { name: 'Save rule segment' }).click();
    await page.locator('tr[data-group]', { hasText: 'Top accounts' }).waitFor();
    expect(await tally('Top accounts')).toBe(classA);
    await page.getByText('Segment settings').click();
    await page.locator('#abc-a').fill('50');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => tally('ABC class A')).toBeLessThan(classA);
    expect(await tally('Top accounts')).toBe(await tally('ABC class A'));
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
