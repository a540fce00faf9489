// Printing a customer's page and the list, as the audit's report prints: A4 with the book, the
// subject and the date atop each page and the page number below; text, not form boxes.
import { describe, expect, test } from 'vitest';
import { context, createWorkshop, useBuiltApp } from './harness';
import { pdfPages } from './pdf';

const app = useBuiltApp();
// A PDF's text splits words at ligatures ("Maple fi eld"): compared without white space.
const flat = (text: string) => text.replace(/\s+/g, '');

describe('printed pages', () => {
  test('a customer: profile, reasons, history and timeline, no form; the list: every filtered row with its figures', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(app.url);
    await createWorkshop(page);
    // window.print() is the browser's dialog; the test prints through the debugging protocol instead.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });

    await page.locator('a.line').first().click();
    await page.locator('[data-responses]').waitFor();
    await page.locator('[data-indicator]').first().waitFor();
    const name = (await page.locator('main h1').textContent())!;
    const profile = await page.locator('[data-profile-print] dd').allTextContents();
    const indicator = (await page.locator('[data-indicator] td').first().evaluate((td) => [...(td.querySelector('.term')?.childNodes ?? [])].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('')))!.trim();
    expect(indicator.length).toBeGreaterThan(3);
    const firstEvent = (await page.locator('[data-event] strong').first().textContent())!;
    await page.locator('[data-print]').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    const pages = await pdfPages(new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
    const all = pages.join(' ');
    expect(pages.every((p, k) => p.includes(name) && p.includes(`${k + 1} / ${pages.length}`))).toBe(true);
    expect(pages[0]).toContain('Demo — Workshop');
    // The profile as text, the reasons, the timeline.
    expect(profile.length).toBeGreaterThan(4);
    for (const value of profile.slice(0, 6)) expect(flat(all)).toContain(flat(value));
    for (const heading of ['Owner', 'Credit limit', 'Why this score', 'Score history', 'Timeline']) expect(flat(all), heading).toContain(flat(heading));
    expect(flat(all)).toContain(flat(indicator));
    expect(flat(all)).toContain(flat(firstEvent));
    // No form and no button: the labels and words only forms and buttons carry are absent.
    for (const word of ['Save event', 'Add a record', 'Customer id', 'Delete this customer', 'Print', 'What is']) expect(all, word).not.toContain(word);

    // The list, filtered to one grade: every row of it, with its figures, in a table (more rows than the screen had fetched).
    await page.goto(`${app.url}#/customers?grade=low`);
    await page.locator('a.line').first().waitFor();
    const total = Number((await page.locator('.count').textContent())!.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(100);
    expect(await page.locator('a.line').count()).toBeLessThan(total);
    await page.locator('[data-print-list]').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
    expect(await page.locator('[data-print-row]').count()).toBe(total);
    const names = await page.locator('[data-print-row] td:first-child').evaluateAll((tds) => tds.map((td) => td.firstChild!.textContent!.trim()));
    const listPages = await pdfPages(new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true })));
    const list = listPages.join(' ');
    for (const n of names) expect(flat(list)).toContain(flat(n));
    expect(list).toContain(`Customers: ${total} customers`);
    expect(list).toContain('Grade: Low');
    expect(listPages.every((p, k) => p.includes(`${k + 1} / ${listPages.length}`))).toBe(true);
    for (const word of ['Search name or id', 'Export list', 'Print list', 'Select']) expect(list, word).not.toContain(word);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
