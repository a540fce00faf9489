// A phone user's ten-second question, on a 390×844 touch screen: who is slipping away, who
// pays late, and what do I do about it. The workshop demo opens on Today: the most urgent
// customer shows its name, grade, money at stake and reason without a tap; one tap starts the
// recommended playbook; its steps are on the customer page, closed there, and kept after a
// reload. "I am …" filters Today to the user's customers. The list keeps the user's order.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright';
import { context, openList, useBuiltApp } from './harness';


const app = useBuiltApp();

/** Whether an element lies wholly inside the first screen (above the bottom navigation). */
async function onFirstScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const nav = await page.getByRole('navigation').boundingBox();
  return !!box && !!nav && box.y >= 0 && box.y + box.height <= nav.y && box.x >= 0 && box.x + box.width <= 390;
}

describe('Today on a phone', () => {
  test('workshop demo → Today shows the most urgent customer → one tap starts its playbook → steps closed on its page, kept after a reload', async () => {
    const { ctx, problems } = await context(app.browser, 'en-US', { touch: true });
    const page = await ctx.newPage();
    await page.goto(app.url);
    let taps = 0;
    const tap = async (selector: string) => {
      taps++;
      await page.locator(selector).first().tap();
    };
    await tap('button[data-book=workshop]');
    const card = page.locator('[data-today-customer]').first();
    await card.waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/#\/today$/);
    // Without a tap: who, how bad, what is at stake and why.
    const id = (await card.getAttribute('data-today-customer'))!;
    expect(await card.locator('.who strong').innerText()).not.toBe('');
    expect(await card.locator('.grade').innerText()).toMatch(/High|Critical/);
    expect(await card.locator('[data-stake]').innerText()).toMatch(/\d/);
    expect((await card.locator('[data-reason]').innerText()).length).toBeGreaterThan(10);
    for (const part of ['.who', '[data-stake]', '[data-reason]']) expect(await onFirstScreen(page, `[data-today-customer="${id}"] ${part}`), part).toBe(true);
    // The most urgent first: no customer below it has a worse grade.
    const grades = await page.locator('[data-today-customer] .grade').allInnerTexts();
    const rank = (g: string) => (g.startsWith('Critical') ? 2 : g.startsWith('High') ? 1 : 0);
    expect(grades.map(rank)).toEqual([...grades.map(rank)].sort((a, b) => b - a));

    // One tap starts the recommended next step; the card says so.
    const startButton = card.locator('[data-start-playbook]');
    if ((await startButton.count()) === 0) throw new Error('the first customer offers no next step');
    await startButton.tap();
    taps++;
    await card.locator('[data-started]').waitFor();
    const steps = Number((await card.locator('[data-started]').innerText()).match(/\d+/)![0]);
    expect(steps).toBeGreaterThan(0);
    expect(taps).toBe(2);

    // Its page: grade and next steps first, the steps listed; the first closed with an outcome.
    await card.locator('.who').tap();
    await page.locator(`[data-customer-page="${id}"] [data-responses]`).waitFor();
    expect(await page.locator('[data-action][data-status=open]').count()).toBe(steps);
    expect(await onFirstScreen(page, '[data-add-record]')).toBe(true);
    const firstAction = page.locator('[data-action][data-status=open]').first();
    const actionId = (await firstAction.getAttribute('data-action'))!;
    await firstAction.locator('input').fill('Spoke to the buyer');
    await firstAction.locator('[data-done]').tap();
    await expect.poll(() => page.locator('[data-action][data-status=open]').count()).toBe(steps - 1);
    await page.reload();
    await page.locator('[data-responses]').waitFor();
    expect(await page.locator('[data-action][data-status=open]').count()).toBe(steps - 1);
    await page.locator('[data-responses] details summary', { hasText: 'Done and skipped' }).tap();
    expect(await page.locator(`[data-action="${actionId}"]`).innerText()).toContain('Spoke to the buyer');

    // Back on Today the customer's open steps are listed among the actions.
    await page.getByRole('navigation').getByRole('link', { name: 'Today' }).tap();
    await page.locator(`[data-today-customer="${id}"]`).waitFor();
    expect(await page.locator(`[data-today-customer="${id}"]`).innerText()).toContain(`${steps - 1} open`);

    // "I am …" with the customer's owner, then one switch: Today and the list show only that owner's customers.
    await page.locator(`[data-today-customer="${id}"] .who`).tap();
    await page.locator('[data-profile] summary').tap();
    const owner = await page.inputValue('#f-owner');
    expect(owner).not.toBe('');
    await page.getByRole('navigation').getByRole('link', { name: 'Today' }).tap();
    await page.locator('[data-today-customer]').first().waitFor();
    const everyone = await page.locator('[data-today-customer]').count();
    await page.locator('[data-me]').fill(owner);
    await page.locator('[data-me]').press('Enter');
    await page.locator('[data-me]').blur();
    await page.locator('[data-mine]').tap();
    await page.getByText(`Only ${owner}’s`).waitFor();
    await page.locator(`[data-today-customer="${id}"]`).waitFor();
    await expect.poll(() => page.locator('[data-today-customer]').count()).toBeLessThan(everyone);
    await openList(page);
    await expect.poll(async () => (await page.locator('[data-filter=owner]').count()) > 0).toBe(true);
    const total = Number((await page.locator('.toolbar .count').innerText()).match(/[\d,]+/)![0].replace(/,/g, ''));
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(200);
    await page.locator('[data-mine]').tap();
    await page.getByText('200 customers').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });

  test('the list opens riskiest first, keeps the user’s order and filters when they come back, and a drill-down starts afresh', async () => {
    const { ctx, problems } = await context(app.browser, 'en-US', { touch: true });
    const page = await ctx.newPage();
    await page.goto(app.url);
    await page.locator('button[data-book=workshop]').tap();
    await page.locator('[data-today-customer]').first().waitFor({ timeout: 30_000 });
    await openList(page);
    await page.getByText('200 customers').waitFor();
    expect(await page.inputValue('#list-sort')).toBe('score');
    const scores = async () => (await page.locator('a.line .grade').allInnerTexts()).slice(0, 5);
    expect((await scores())[0]).toMatch(/Critical|High/);
    await page.locator('#list-sort').selectOption('name');
    await page.locator('.toolbar details summary').tap();
    await page.locator('[data-filter=tier]').selectOption('key');
    await expect.poll(() => page.locator('.toolbar .count').innerText()).not.toBe('200 customers');
    const kept = await page.locator('.toolbar .count').innerText();
    const first = await page.locator('a.line').first().getAttribute('data-id');
    await page.getByRole('navigation').getByRole('link', { name: 'Today' }).tap();
    await page.locator('[data-today-customer]').first().waitFor();
    await openList(page);
    await expect.poll(() => page.locator('.toolbar .count').innerText()).toBe(kept);
    expect([await page.inputValue('#list-sort'), await page.inputValue('[data-filter=tier]')]).toEqual(['name', 'key']);
    expect(await page.locator('a.line').first().getAttribute('data-id')).toBe(first);
    // From the risk overview's grade: exactly that grade's customers, in the user's order.
    await page.getByRole('navigation').getByRole('link', { name: 'Risk' }).tap();
    const high = page.locator('[data-grade-row=high]');
    const count = Number((await high.locator('td.num').first().textContent())!.split(' ')[0].replace(/,/g, ''));
    await high.getByRole('link').tap();
    await expect.poll(() => page.locator('.toolbar .count').innerText()).toBe(count === 1 ? '1 customer' : `${count} customers`);
    expect([await page.inputValue('#list-sort'), await page.inputValue('[data-filter=tier]')]).toEqual(['name', '']);
    // Receivables by their oldest open money: the customers over 90 days overdue, each with money overdue.
    const over90 = page.locator('[data-filter=aging] option[value=over90]');
    expect(await over90.innerText()).toMatch(/^Over 90 days overdue \(\d+\)$/);
    const n = Number((await over90.innerText()).match(/\((\d+)\)/)![1]);
    await page.locator('[data-filter=grade]').selectOption('');
    await page.locator('[data-filter=aging]').selectOption('over90');
    await expect.poll(() => page.locator('.toolbar .count').innerText()).toBe(n === 1 ? '1 customer' : `${n} customers`);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
