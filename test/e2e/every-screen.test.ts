// Every screen, dialog and panel of the built app, as assistive technology, a thumb and the
// eye meet them: in zh-CN, zh-TW and English, in the light and the dark theme, on a phone
// (390×844, touch) and a laptop (1280×800). It fails on any serious or critical axe-core
// finding, and on the phone on any control smaller than 44×44 CSS pixels. Each visit names
// the screen and the state it was looked at in, so a failure says where to look.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright';
import { fileURLToPath } from 'node:url';
import { context, useBuiltApp } from './harness';
import { axeProblems, smallTargets, unexplained } from './checks';

const app = useBuiltApp();
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

const SIZES = {
  phone: { viewport: { width: 390, height: 844 }, touch: true },
  laptop: { viewport: { width: 1280, height: 800 }, touch: false },
} as const;

/** Waits until the screen has drawn what it loads (no busy marker, its heading shown). */
async function settled(page: Page, ready?: string): Promise<void> {
  await page.locator(ready ?? 'main h1').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"]'), null, { timeout: 30_000 });
  // Charts and lazily loaded parts draw in the next frames.
  await page.waitForTimeout(250);
}

/** Opens every closed disclosure in the screen (twice, for those inside the first ones). */
async function openPanels(page: Page): Promise<void> {
  for (let k = 0; k < 2; k++) {
    await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('main details:not([open])').forEach((d) => (d.open = true)));
    await page.waitForTimeout(250);
  }
}

type Findings = Record<string, string[]>;

/** Looks at the page in both themes (axe) and, on the phone, measures its controls. */
async function look(page: Page, name: string, phone: boolean, axe: Findings, targets: Findings, jargon: Findings): Promise<void> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const p of await axeProblems(page)) found.push(`${colorScheme}: ${p}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // One main heading per screen: where the focus goes on arrival, and what a screen reader announces.
  const headings = await page.locator('main h1').count();
  if (headings !== 1) found.push(`${headings} main headings (h1), not one`);
  if (found.length) axe[name] = found;
  if (phone) {
    const small = await smallTargets(page);
    // Nothing wider than the phone: a page that scrolls sideways hides its edge.
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > 390) small.push(`the page is ${wide} px wide`);
    if (small.length) targets[name] = small;
  }
  const bare = await unexplained(page);
  if (bare.length) jargon[name] = bare;
}

async function go(page: Page, hash: string, ready?: string): Promise<void> {
  await page.goto(`${app.url}#/${hash}`);
  await settled(page, ready);
}

describe.concurrent('every screen, in three languages, two themes and two sizes', () => {
  for (const [size, { viewport, touch }] of Object.entries(SIZES)) {
    for (const locale of ['zh-CN', 'zh-TW', 'en-US']) {
      test(`${size}, ${locale}`, async () => {
        const { ctx, problems } = await context(app.browser, locale, { touch });
        const page = await ctx.newPage();
        await page.setViewportSize(viewport);
        const phone = size === 'phone';
        const axe: Findings = {};
        const targets: Findings = {};
        const jargon: Findings = {};
        const seen = (name: string) => look(page, name, phone, axe, targets, jargon);

        await page.goto(app.url);
        await settled(page, 'button[data-book=workshop]');
        await seen('start');
        await page.locator('button[data-book=workshop]').click();
        await page.locator('[data-today-customer]').first().waitFor({ timeout: 60_000 });
        await settled(page);
        await seen('today');

        await go(page, 'customers', '[data-list] a.line');
        await seen('customers');
        const id = await page.locator('[data-list] [data-id]').first().getAttribute('data-id');
        await openPanels(page);
        await seen('customers: filters open');
        await page.locator('[data-select-mode]').click();
        await page.locator('[data-pick]').first().click();
        await page.locator('[data-bulk]').waitFor();
        await seen('customers: one selected, bulk bar');
        await page.locator('[data-select-mode]').click();

        await go(page, `customers/${encodeURIComponent(id!)}`, '[data-responses]');
        await seen('customer');
        await openPanels(page);
        await seen('customer: profile, responses and closed panels open');
        await page.locator('[data-add-record]').click();
        await page.locator('main form select').first().waitFor();
        await seen('customer: event form');
        await page.locator('[data-delete-customer]').click();
        await page.locator('[data-delete-ask]').waitFor();
        await page.locator('[data-erase-open]').count();
        await seen('customer: delete asked');
        await page.locator('[data-delete-ask] button').last().click();
        await page.locator('[data-erase-open]').click();
        await page.locator('[data-erase]').waitFor();
        await seen('customer: erase form');
        await page.keyboard.press('Escape');
        await page.locator('[data-event] [data-edit]').first().click();
        await page.locator('[data-event] form').waitFor();
        await seen('customer: an event being edited');
        await page.keyboard.press('Escape');
        await page.locator('[data-as-of-change]').click();
        await page.locator('.asof form').waitFor();
        await seen('customer: the analysis date being changed');
        await page.keyboard.press('Escape');

        await go(page, 'customers/new', 'main form');
        await seen('new customer');
        await openPanels(page);
        await seen('new customer: all fields');
        await page.locator('main form button.primary').click();
        await page.locator('#f-name-error').waitFor();
        await seen('new customer: refused, the error by its field');

        await go(page, 'risk', '[data-alert]');
        await seen('risk');
        await go(page, 'backtest', 'main form button[type=submit]');
        await seen('backtest');
        await page.locator('main form button[type=submit]').click();
        await settled(page, '[data-backtest-grades]');
        await seen('backtest: a run');
        await go(page, 'model', '[data-rule-on]');
        await seen('model');
        await openPanels(page);
        await seen('model: indicator settings open');
        await go(page, 'segments', '[data-rfm-grid]');
        await seen('segments');
        await openPanels(page);
        await seen('segments: rule editor and settings open');
        await go(page, 'playbooks', '[data-playbook]');
        await seen('playbooks');

        await go(page, 'data', '[data-import-files]');
        await seen('data');
        await openPanels(page);
        await seen('data: panels open');
        await page.locator('[data-import-files]').setInputFiles([fixture('orders-utf8-bom.csv')]);
        await page.locator('[data-import-preview]').waitFor({ timeout: 30_000 });
        await openPanels(page);
        await seen('data: an import previewed');

        await go(page, 'duplicates', '[data-duplicates-page]');
        await seen('duplicates');
        if (await page.locator('[data-merge-open]').count()) {
          await page.locator('[data-merge-open]').first().click();
          await page.waitForTimeout(300);
          await seen('duplicates: a merge previewed');
        }

        await go(page, 'kpi');
        await seen('kpi');
        await go(page, 'audit', '[data-run-audit]');
        await seen('audits');
        await openPanels(page);
        await seen('audits: settings open');
        await page.locator('[data-run-audit] button[type=submit]').click();
        await page.locator('[data-audit-report]').waitFor({ timeout: 60_000 });
        await settled(page, '[data-audit-report] h1');
        await seen('audit report');

        await go(page, 'settings');
        await seen('settings');
        await go(page, 'glossary', '[data-entry]');
        await seen('glossary');
        // A term explained: its popover open over the segments screen.
        await go(page, 'segments', '[data-rfm-grid]');
        await page.locator('[data-term=rfm]').first().click();
        await page.locator('[data-explains=rfm]:popover-open').waitFor();
        // Its texts come from their own chunk, in the interface language.
        await page.locator('[data-explains=rfm]:popover-open .para[aria-busy=false]').waitFor();
        expect(await page.locator('[data-explains=rfm] .para').first().textContent()).toMatch(locale === 'en-US' ? /Recency, frequency, monetary/ : /Recency/);
        await seen('segments: RFM explained');
        await page.keyboard.press('Escape');

        // Last, as it changes the book: a customer deleted, the list with its undo at hand; undone.
        await go(page, `customers/${encodeURIComponent(id!)}`, '[data-responses]');
        await page.locator('[data-delete-customer]').click();
        await page.locator('[data-delete-confirm]').click();
        await page.locator('[data-toast-undo]').waitFor();
        await settled(page, '[data-list] a.line');
        await seen('customers: a delete, its undo at hand');
        await page.locator('[data-toast-undo]').click();

        expect({ axe, targets, jargon, problems }).toEqual({ axe: {}, targets: {}, jargon: {}, problems: [] });
        await ctx.close();
      });
    }
  }
});
