// A trainer asks "how good is this model here?": from the overview to the backtest screen,
// the grades' outcomes and the lifetime model's tracking drawn; the reason on a customer's
// page; the analysis date shown above the figures.

import { describe, expect, test } from 'vitest';
import { context, createWorkshop, useBuiltApp } from './harness';

const app = useBuiltApp();

describe('the backtest and the reasons in the built app', () => {
  test('overview → backtest → grades, AUC and two charts; a customer page opens on its reason', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.goto(app.url);
    await createWorkshop(page);
    expect(await page.locator('[data-as-of]').textContent()).toMatch(/Figures as of today/);

    await page.getByRole('navigation').getByRole('link', { name: 'Risk' }).click();
    await page.locator('[data-backtest-link]').click();
    await page.getByRole('button', { name: 'Test the model' }).click();
    await page.locator('[data-backtest-grades]').waitFor();
    expect(await page.locator('[data-grade-row]').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-auc]').textContent()).toMatch(/0\.\d+ for stopping/);
    await page.locator('[data-chart=tracking] canvas').waitFor();
    await page.locator('[data-chart=conditional] canvas').waitFor();
    expect(await page.locator('[data-tracking-total]').textContent()).toMatch(/repeat purchases; the model expected \d/);

    // The highest-risk customer's page says why, on top.
    await page.goto(`${app.url}#/customers?grade=critical`);
    await page.locator('a.line').first().click();
    const reason = page.locator('p.reason');
    await reason.waitFor();
    expect(await reason.textContent()).toMatch(/Graded Critical because .* are both critical/);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
