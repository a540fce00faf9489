// Real files on a phone (issue 15), in the built app, in zh-CN, zh-TW and English: a shop's
// line items (the preview says how the file is laid out, two-digit years, lines grouped into
// orders; a row rule added on the screen skips the cancellations, counted), the same file
// chosen again after a cancel, and a telecom's customers-only export whose columns are kept as
// the customers' own fields, shown on the customer page. Axe, 44 px targets and no sideways
// scrolling on the preview.

import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { context, useBuiltApp } from './harness';
import { axeProblems, smallTargets } from './checks';

const app = useBuiltApp();
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
const LOCALES = [['zh-CN', '创建'], ['zh-TW', '建立'], ['en-US', 'Create']] as const;

describe('real files on a phone', () => {
  for (const [locale, create] of LOCALES) {
    test(`${locale}: line items with a rule, a re-chosen file, custom fields`, async () => {
      const { ctx, problems } = await context(app.browser, locale, { touch: true });
      const page = await ctx.newPage();
      await page.goto(app.url);
      await page.locator('[data-book-currency]').selectOption('GBP');
      await page.getByRole('button', { name: create }).click();
      await page.waitForFunction(() => location.hash.startsWith('#/today'));
      await page.goto(`${app.url}#/data`);

      // The line items as orders, their customers created from the file.
      await page.locator('[data-import-kind]').selectOption('order');
      await page.locator('[data-import-files]').setInputFiles(fixture('online-retail.csv'));
      await page.locator('[data-import-preview]').waitFor();
      await page.locator('input[name=unknown]').nth(1).check();
      await page.locator('[data-import-grouped]').waitFor();
      expect(await page.locator('[data-import-currency]').inputValue()).toBe('GBP');
      expect(await page.locator('[data-import-found]').textContent()).toMatch(/,|逗号|逗號|Comma/);
      await page.locator('[data-import-two-digit]').waitFor();
      expect(await page.locator('[data-import-returns]').textContent()).toMatch(/2/);

      // A rule on the screen: InvoiceNo starting with C; its count shown.
      await page.locator('[data-import-rules] summary').click();
      await page.locator('[data-rule-column]').selectOption('0');
      await page.locator('[data-rule-op]').selectOption('starts');
      await page.locator('[data-rule-value]').fill('C');
      await page.locator('[data-rule-add]').click();
      await expect.poll(() => page.locator('[data-rule-count="0"]').textContent()).toMatch(/2/);
      await expect.poll(() => page.locator('[data-import-returns]').count()).toBe(0);
      expect(await page.locator('[data-import-grouped]').textContent()).toMatch(/10[^0-9]+6/);

      const wider = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect({ axe: await axeProblems(page), targets: await smallTargets(page), wider }).toEqual({ axe: [], targets: [], wider: false });
      await page.screenshot({ path: `/tmp/real-files-${locale}.png`, fullPage: true });

      // Cancel, then the same file again: it is previewed again (the picker was cleared).
      await page.locator('[data-import-preview] .actions button').last().click();
      await expect.poll(() => page.locator('[data-import-preview]').count()).toBe(0);
      await page.locator('[data-import-files]').setInputFiles(fixture('online-retail.csv'));
      await page.locator('[data-import-preview]').waitFor();
      await page.locator('input[name=unknown]').nth(1).check();
      // The rule is not remembered before an import: it is the layout's once committed.
      await page.locator('[data-import-grouped]').waitFor();
      await page.locator('[data-import-preview] button.primary').click();
      await page.locator('[data-import-history] li').first().waitFor();

      // A telecom's customers: the contract column kept as a custom field, shown on the customer's page.
      await page.locator('[data-import-kind]').selectOption('customer');
      await page.locator('[data-import-files]').setInputFiles(fixture('telco-customers.csv'));
      await page.locator('[data-import-preview]').waitFor();
      await page.locator('[data-suggested="5"]').waitFor();
      await page.locator('[data-map-column="6"]').selectOption('custom');
      await page.locator('[data-custom-type="6"]').waitFor();
      await page.locator('[data-map-column="8"]').selectOption('custom');
      await expect.poll(() => page.locator('[data-blanks="8"]').textContent()).toMatch(/2/);
      expect(await page.locator('[data-custom-type="8"]').inputValue()).toBe('number');
      expect({ axe: await axeProblems(page), targets: await smallTargets(page) }).toEqual({ axe: [], targets: [] });
      await page.locator('[data-import-preview] button.primary').click();
      await expect.poll(() => page.locator('[data-import-history] li').count()).toBe(2);
      await page.goto(`${app.url}#/customers/7590-VHVEG`);
      await page.locator('[data-custom-field="contract"]', { hasText: 'Month-to-month' }).waitFor();
      await page.locator('[data-custom-field="totalcharges"]', { hasText: '29.85' }).waitFor();
      await page.screenshot({ path: `/tmp/custom-fields-${locale}.png`, fullPage: true });
      expect(problems).toEqual([]);
      await ctx.close();
    });
  }
});
