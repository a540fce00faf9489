// The built app end to end: a trainer creates the workshop demo, opens a customer, edits
// it, reloads, and finds the edit; a phone user adds a customer and an event by hand.

import { describe, expect, test } from 'vitest';
import { context, createWorkshop, openProfile, useBuiltApp } from './harness';

const app = useBuiltApp();

describe('the built app', () => {
  test('workshop demo → 200 customers → open one → edit → reload → the edit is kept', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.goto(app.url);
    await createWorkshop(page);

    const first = page.locator('a.line').first();
    const id = await first.getAttribute('data-id');
    await first.click();
    // The grade, its reasons and the next steps come first; the profile form opens on demand.
    await page.locator('[data-profile]').waitFor();
    expect(await page.locator('#f-notes').isVisible()).toBe(false);
    expect(await page.locator('article.item').count()).toBeGreaterThan(0);
    await openProfile(page);

    await page.fill('#f-notes', 'Called about renewal — 续约');
    await page.fill('#f-owner', 'Dana Scully');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();

    await page.reload();
    await openProfile(page);
    expect(page.url()).toContain(encodeURIComponent(id!));
    expect(await page.inputValue('#f-notes')).toBe('Called about renewal — 续约');
    expect(await page.inputValue('#f-owner')).toBe('Dana Scully');
    expect(problems).toEqual([]);
    await ctx.close();
  });

  test('an empty book: add a customer by hand, refuse a bad e-mail, add and delete an order', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.goto(app.url);
    await page.fill('#book-name', 'Corner shop');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('This book has no customers yet.').waitFor();
    await page.getByRole('link', { name: 'Add a customer' }).click();

    // The name first; the id is optional (given here), the contact behind More.
    await page.fill('#f-name', 'Acme Bakery');
    await page.fill('#f-id', 'K-1');
    await page.locator('[data-more] > summary').click();
    await page.fill('#f-email', 'not-an-address');
    await page.getByRole('button', { name: 'Add customer', exact: true }).click();
    await page.getByText('Not a valid e-mail address.').waitFor();
    // The engine's refusal is next to the field, which has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-email');

    await page.fill('#f-email', 'hello@acme.test');
    await page.getByRole('button', { name: 'Add customer', exact: true }).click();
    await page.getByRole('heading', { name: 'Acme Bakery' }).waitFor();

    // "Add a record" sits at the top of the page, reachable without scrolling.
    await page.locator('[data-add-record]').click();
    await page.fill('#e-date', '2026-03-04');
    await page.fill('#e-amount', '1,234.50');
    await page.getByRole('button', { name: 'Save event' }).click();
    await page.getByText('$1,234.50').waitFor();

    await page.goto(`${app.url}#/customers`);
    await page.getByText('1 customer', { exact: true }).waitFor();

    await page.goto(`${app.url}#/customers/K-1`);
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('No events yet.').waitFor();
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
