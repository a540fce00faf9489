// The respond-and-follow-up screens at phone size, as assistive technology and a thumb meet
// them: axe-core finds no serious or critical problem on Today, a customer's page, the
// playbooks, the alerts inbox and the model's alert rules, in English and Chinese; every
// control on Today, the customer page and the playbooks is at least 44×44 CSS pixels.
import { describe, expect, test } from 'vitest';
import { context, useBuiltApp } from './harness';
import { axeProblems, smallTargets } from './checks';

const app = useBuiltApp();

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
