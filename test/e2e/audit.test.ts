// The audit in the built app, as a trainer runs it: the retail demo's first state audited (its
// planted problems in their sections, at their severities), printed to an A4 PDF whose pages
// carry the book, the title and page numbers, each section from a new page; then its second
// state, six months later, audited and compared — the problems listed as resolved; a finding's
// customers opened in the list. And the new screens at phone size in Chinese: no serious or
// critical axe-core finding, every control at least 44×44.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright';
import { pdfPages } from './pdf';
import { context, useBuiltApp } from './harness';
import { axeProblems, smallTargets } from './checks';

const app = useBuiltApp();

async function retailDemo(page: Page, tap: boolean): Promise<void> {
  await page.goto(app.url);
  const button = page.locator('button[data-book=retail]');
  await (tap ? button.tap() : button.click());
  await page.locator('[data-today-customer]').first().waitFor({ timeout: 60_000 });
  await page.goto(`${app.url}#/audit`);
  await page.locator('[data-demo-states]').waitFor();
}

/** Shows the demo's state `k` (0 or 1) and runs an audit titled `title`; waits for its report. */
async function auditState(page: Page, k: number, title: string): Promise<void> {
  const state = page.locator('[data-demo-state]').nth(k);
  await state.click();
  await expect.poll(() => state.getAttribute('aria-pressed'), { timeout: 30_000 }).toBe('true');
  await page.locator('[data-run-audit] input').first().fill(title);
  await page.locator('[data-run-audit] button[type=submit]').click();
  await page.locator('[data-audit-report] h1').filter({ hasText: title }).waitFor({ timeout: 30_000 });
}

describe('the audit in the app', () => {
  test('the demo’s first state audited and printed; the second compared with it', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await retailDemo(page, false);
    await auditState(page, 0, 'Spring audit');
    const sev = (key: string) => page.locator(`[data-finding="${key}"]`).getAttribute('data-severity');
    expect(await sev('satisfaction.csat')).toBe('critical');
    expect(await sev('service.respond')).toBe('critical');
    expect(await sev('credit.over90')).toBe('major');
    expect(await sev('portfolio.churn')).toBe('major');
    expect(await sev('data.duplicates')).toBe('major');
    // In their sections.
    expect(await page.locator('[data-section=credit] [data-finding="credit.dso"]').count()).toBe(1);
    expect(await page.locator('[data-section=service] [data-finding="service.resolve"]').count()).toBe(1);
    expect(await page.locator('[data-comparison]').textContent()).toContain('This is the first audit of this scope');

    // Printed to A4: the book, the title and the page number on each page; each section from a new page.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = await pdfPages(new Uint8Array(pdf));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.length).toBeLessThanOrEqual(14);
    expect(pages.every((p, k) => p.includes('Spring audit') && p.includes(`${k + 1} / ${pages.length}`))).toBe(true);
    expect(pages[0]).toContain('Audit: retail chain');
    for (const heading of ['Customer data', 'Satisfaction', 'Service process', 'Credit', 'Portfolio and strategy']) {
      expect(pages.findIndex((p) => p.includes(heading)), heading).toBeGreaterThan(0);
    }
    const all = pages.join(' ');
    expect(all).toContain('First responses late');
    // No button or navigation is printed.
    expect(all).not.toContain('Export Markdown');
    expect(all).not.toContain('Run an audit');

    // The customers behind a finding, in the list.
    await page.locator('[data-finding="credit.limit"] [data-finding-customers]').click();
    await page.locator('[data-segment-chip]').waitFor();
    expect(await page.locator('[data-segment-chip]').textContent()).toContain('Credit limits exceeded');
    await expect.poll(() => page.getByText('6 customers').count(), { timeout: 30_000 }).toBe(1);

    // Six months later.
    await page.goto(`${app.url}#/audit`);
    await page.locator('[data-demo-states]').waitFor();
    await auditState(page, 1, 'Autumn audit');
    const resolved = page.locator('[data-compare=resolved]');
    for (const title of ['Low satisfaction', 'First responses late', 'Slow collection', 'Customers lost']) expect(await resolved.textContent()).toContain(title);
    expect(await page.locator('[data-compare=persisting]').textContent()).toContain('Suspected duplicates');
    expect(await page.locator('[data-headline=csat]').getAttribute('data-verdict')).toBe('1');
    expect(await page.locator('[data-movement]').count()).toBe(1);
    // The list of audits, newest first.
    await page.goto(`${app.url}#/audit`);
    await expect.poll(() => page.locator('[data-audit]').count()).toBe(2);
    expect(await page.locator('[data-audit] strong').allTextContents()).toEqual(['Autumn audit', 'Spring audit']);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  for (const [locale, heading] of [['zh-CN', '满意度'], ['zh-TW', '滿意度'], ['en-US', 'Satisfaction']] as const) {
    test(`${locale} at phone size: the audits screen, its settings and a report compared with the previous pass axe and the 44 px rule`, async () => {
      const { ctx, problems } = await context(app.browser, locale, { touch: true });
      const page = await ctx.newPage();
      await retailDemo(page, true);
      const found: Record<string, string[]> = {}, targets: Record<string, string[]> = {};
      await page.locator('[data-audit-settings]').locator('xpath=ancestor::details').locator('summary').tap();
      await page.locator('[data-threshold=dsoMajor]').waitFor();
      found.audits = await axeProblems(page);
      targets.audits = await smallTargets(page);
      const wider = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await wider()).toBeLessThanOrEqual(0);
      await auditState(page, 0, 'A');
      await page.goto(`${app.url}#/audit`);
      await page.locator('[data-demo-states]').waitFor();
      await auditState(page, 1, 'B');
      await page.locator('[data-compare=resolved]').waitFor();
      found.report = await axeProblems(page);
      targets.report = await smallTargets(page);
      // Nothing wider than the phone: wide tables scroll in their own box.
      expect(await wider()).toBeLessThanOrEqual(0);
      expect(await page.locator('[data-section=satisfaction] h2').textContent()).toBe(heading);
      expect(found).toEqual({ audits: [], report: [] });
      expect(targets).toEqual({ audits: [], report: [] });
      expect(problems).toEqual([]);
      await ctx.close();
    });
  }

  test('the key figures: twelve month-ends that show the chain’s bad half-year, a definition one tap away, filters that narrow every figure', async () => {
    const { ctx, problems } = await context(app.browser, 'zh-CN', { touch: true });
    const page = await ctx.newPage();
    await retailDemo(page, true);
    await page.locator('[data-to-kpi]').tap();
    await page.locator('[data-kpi=csat] canvas').waitFor({ timeout: 30_000 });
    const value = async (key: string) => Number(await page.locator(`[data-kpi=${key}]`).getAttribute('data-value'));
    // Now, six months after the chain's responses: satisfied again, churn low, collected.
    expect(await value('csat')).toBeGreaterThan(4);
    expect(await value('churn')).toBeLessThan(0.1);
    // The bad half-year in the trends: satisfaction down to under 3, churn above a fifth.
    const series = async (key: string) => (JSON.parse((await page.locator(`[data-kpi=${key}]`).getAttribute('data-series'))!) as (number | null)[]).filter((v): v is number => v !== null);
    expect(Math.min(...(await series('csat')))).toBeLessThan(3);
    expect(Math.max(...(await series('churn')))).toBeGreaterThan(0.2);
    expect(await page.locator('[data-kpi-definition]').count()).toBe(0);
    await page.locator('[data-kpi=hhi] button.head').tap();
    expect(await page.locator('[data-kpi=hhi] [data-kpi-definition]').textContent()).toContain('赫芬达尔');
    expect({ axe: await axeProblems(page), targets: await smallTargets(page), wider: await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth) }).toEqual({ axe: [], targets: [], wider: false });
    // Key customers only: every figure follows.
    const all = await page.locator('[data-kpis] > p.muted').nth(1).textContent();
    await page.locator('[data-kpi-filter=tier]').selectOption('key');
    await expect.poll(() => page.locator('[data-kpis] > p.muted').nth(1).textContent()).not.toBe(all);
    expect(await value('active')).toBeLessThan(60);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  test('receivables: a bucket opens its customers, who show their days past due, DSO and days to pay', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await retailDemo(page, false);
    await auditState(page, 0, 'Receivables');
    // The report's 31–60 days bucket: the customers owing money that old, today.
    await page.locator('[data-section=credit] [data-aging-bucket=d60]').click();
    await page.locator('[data-list]').waitFor();
    await expect.poll(() => page.locator('a.line').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const line = page.locator('a.line').first();
    expect(await line.locator('.overdue').textContent()).toMatch(/ · \d+ days$/);
    await line.click();
    await page.locator('[data-receivables] [data-dso]').waitFor({ timeout: 30_000 });
    expect(Number(await page.locator('[data-receivables] [data-dso]').getAttribute('data-dso'))).toBeGreaterThan(0);
    expect(await page.locator('[data-receivables] canvas').count()).toBe(1);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
