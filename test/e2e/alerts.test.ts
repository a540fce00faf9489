// An account manager works the early-warning inbox and uses judgement: an alert acknowledged,
// one dismissed (refused without a note, then with one), both kept across a reload; a low
// customer overridden to critical shows as critical in its badge and under the critical filter,
// marked as overridden, and no longer under low.

import { describe, expect, test } from 'vitest';
import { context, createWorkshop, useBuiltApp } from './harness';

const app = useBuiltApp();

describe('alerts and overrides in the built app', () => {
  test('acknowledge, dismiss with a note, reload; an overridden grade in the badge and the filters', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.goto(app.url);
    await createWorkshop(page);
    const openBadge = page.locator('[data-open-alerts]');
    await expect.poll(async () => Number(await openBadge.getAttribute('data-open-alerts'))).toBeGreaterThan(2);
    const open = Number(await openBadge.getAttribute('data-open-alerts'));

    await page.getByRole('navigation').getByRole('link', { name: 'Risk' }).click();
    const openItems = page.locator('li[data-alert][data-status=open]');
    await openItems.first().waitFor();
    const firstName = await openItems.first().locator('strong').textContent();
    await openItems.first().getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('li[data-alert][data-status=acknowledged]', { hasText: firstName! }).waitFor();
    await expect.poll(async () => Number(await openBadge.getAttribute('data-open-alerts'))).toBe(open - 1);

    // Dismissing needs a reason.
    const second = openItems.first();
    const secondName = (await second.locator('strong').textContent())!;
    await second.getByRole('button', { name: 'Dismiss' }).click();
    await second.getByRole('alert').filter({ hasText: 'Say why in a note before dismissing.' }).waitFor();
    await second.getByPlaceholder('Note').fill('Paid by bank transfer on Monday');
    await second.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(async () => Number(await openBadge.getAttribute('data-open-alerts'))).toBe(open - 2);

    await page.reload();
    await page.locator('li[data-alert]').first().waitFor();
    expect(await page.locator('li[data-alert][data-status=acknowledged]', { hasText: firstName! }).count()).toBeGreaterThan(0);
    await page.locator('[data-alert-status]').selectOption('dismissed');
    const dismissed = page.locator('li[data-alert][data-status=dismissed]', { hasText: secondName });
    await dismissed.waitFor();
    expect(await dismissed.textContent()).toContain('Paid by bank transfer on Monday');

    // A low customer judged critical.
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    // The filters sit folded under their summary until one is set.
    await page.locator('details', { has: page.locator('[data-filter=grade]') }).locator('summary').click();
    await page.locator('[data-filter=grade]').selectOption('low');
    const low = page.locator('a.line').first();
    await low.waitFor();
    const id = (await low.getAttribute('data-id'))!;
    const lowCount = Number((await page.getByText(/^\d+ customers$/).first().textContent())!.split(' ')[0]);
    await low.click();
    await page.getByText('Why this score').waitFor();
    await page.locator('form.override select').selectOption('critical');
    await page.getByLabel('Reason').fill('Main buyer left; the new one is unknown to us');
    await page.getByRole('button', { name: 'Override the grade' }).click();
    await page.locator('[data-override]').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    const details = page.locator('details', { has: page.locator('[data-filter=grade]') });
    if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await details.locator('summary').click();
    await page.locator('[data-filter=grade]').selectOption('critical');
    const row = page.locator(`a.line[data-id="${id}"]`);
    await row.waitFor();
    expect(await row.locator('.grade').getAttribute('data-grade')).toBe('critical');
    expect(await row.locator('.grade').textContent()).toContain('Critical');
    expect(await row.locator('.grade [aria-label="Expert judgement"]').count()).toBe(1);
    await page.locator('[data-filter=grade]').selectOption('low');
    await page.locator('a.line').first().waitFor();
    expect(await page.locator(`a.line[data-id="${id}"]`).count()).toBe(0);
    await expect.poll(() => page.getByText(`${lowCount - 1} customers`, { exact: true }).count()).toBe(1);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
