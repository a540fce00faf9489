// The respond-and-follow-up screens at phone size, as assistive technology and a thumb meet
// them: axe-core finds no serious or critical problem on Today, a customer's page, the
// playbooks, the alerts inbox and the model's alert rules, in English and Chinese; every
// control on Today, the customer page and the playbooks is at least 44×44 CSS pixels.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright';
import { context, useBuiltApp } from './harness';

const app = useBuiltApp();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axeProblems(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the app's CSP (script-src 'self') stays as served.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  return found;
}

/** Controls smaller than 44×44 (links inside running text excepted, as WCAG 2.5.8 allows). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main button, main a, main select, main input:not([type=hidden]), main summary, main label:has(> input[type=checkbox])')) {
      if (el.closest('p, li > span, td') && el.tagName === 'A' && !el.classList.contains('button')) continue;
      if (el.matches('input[type=checkbox]') || el.matches('.visually-hidden') || el.closest('label:has(> input[type=file])')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 44 || r.height < 44) out.push(`${el.tagName.toLowerCase()}${el.dataset && Object.keys(el.dataset).length ? `[data-${Object.keys(el.dataset)[0]}]` : ''} “${(el.textContent ?? '').trim().slice(0, 30)}” ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

describe('accessible at phone size', () => {
  for (const locale of ['en-US', 'zh-CN']) {
    test(`${locale}: Today, a customer, the playbooks, the alerts and the alert rules`, async () => {
      const { ctx, problems } = await context(app.browser, locale, { touch: true });
      const page = await ctx.newPage();
      await page.goto(app.url);
      await page.locator('button[data-book=workshop]').tap();
      const card = page.locator('[data-today-customer]').first();
      await card.waitFor({ timeout: 30_000 });
      const found: Record<string, string[]> = {};
      const targets: Record<string, string[]> = {};
      found.today = await axeProblems(page);
      targets.today = await smallTargets(page);

      await card.locator('.who').tap();
      await page.locator('[data-responses]').waitFor();
      found.customer = await axeProblems(page);
      targets.customer = await smallTargets(page);

      await page.goto(`${app.url}#/playbooks`);
      await page.locator('[data-playbook]').first().waitFor();
      found.playbooks = await axeProblems(page);
      targets.playbooks = await smallTargets(page);

      await page.goto(`${app.url}#/risk`);
      await page.locator('[data-alert]').first().waitFor();
      found.risk = await axeProblems(page);

      await page.goto(`${app.url}#/model`);
      await page.locator('[data-rule-on]').first().waitFor();
      found.model = await axeProblems(page);

      expect(found).toEqual({ today: [], customer: [], playbooks: [], risk: [], model: [] });
      expect(targets).toEqual({ today: [], customer: [], playbooks: [] });
      expect(problems).toEqual([]);
      await ctx.close();
    });
  }
});
