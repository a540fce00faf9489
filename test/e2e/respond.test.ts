// The respond-and-follow-up screens as a user drives them (built app, phone size): an alert
// answered from the inbox with its playbook, its steps closed on the customer's page and the
// alert resolved when offered; a periodic review recorded; the review cadence, the alert rules
// and the playbooks edited, shared as files and refused with the reason when a file is wrong.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { context, createWorkshop, useBuiltApp } from './harness';

const app = useBuiltApp();

describe('respond and follow up in the built app', () => {
  test('alert → playbook → steps closed → alert resolved; a review recorded; cadence, rules and playbooks edited and shared', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.goto(app.url);
    await createWorkshop(page);

    // The inbox, most money first: the first alert offers its playbook; started, its steps show on the alert.
    await page.getByRole('navigation').getByRole('link', { name: 'Risk' }).click();
    await page.locator('[data-alert-sort]').selectOption('money');
    const alert = page.locator('[data-alert][data-status=open]', { has: page.locator('[data-start-playbook]') }).first();
    const alertId = (await alert.getAttribute('data-alert-id'))!;
    expect((await page.locator(`[data-alert-id="${alertId}"] [data-fired]`).innerText()).length).toBeGreaterThan(10);
    const mine = page.locator(`[data-alert-id="${alertId}"]`);
    // By its id: the inbox may still be re-sorting under the locator.
    await mine.locator('[data-start-playbook]').click();
    await mine.locator('[data-alert-actions] li').first().waitFor();
    const steps = await mine.locator('[data-alert-actions] li').count();
    const customer = page.locator(`[data-alert-customer]`, { has: mine }).locator('a').first();
    await customer.click();
    await page.locator('[data-responses]').waitFor();

    // Each step closed; closing the last offers to resolve the alert.
    const answering = `[data-action][data-status=open][data-alert-of="${alertId}"]`;
    expect(await page.locator(answering).count()).toBe(steps);
    for (let k = 0; k < steps; k++) {
      const open = page.locator(answering).first();
      await open.locator('input').fill(`step ${k + 1} done`);
      await open.locator('[data-done]').click();
      await expect.poll(() => page.locator(answering).count()).toBe(steps - k - 1);
    }
    await page.locator('[data-resolve-alert]').click();
    await page.locator('[data-resolve-alert]').waitFor({ state: 'detached' });

    // A periodic review: recorded with who and a note, shown with the next one due later.
    await page.locator('[data-responses] summary', { hasText: 'Record a review' }).click();
    await page.fill('#rv-who', 'Dana');
    await page.fill('#rv-note', 'Quarterly review: collection round finished');
    await page.locator('[data-review-form]').getByRole('button', { name: 'Record', exact: true }).click();
    await page.getByText('Review recorded.').waitFor();
    await expect.poll(() => page.locator('[data-review-state]').getAttribute('data-review-state')).toBe('later');
    expect(await page.locator('[data-review-state]').innerText()).toContain('Quarterly review');

    await page.getByRole('navigation').getByRole('link', { name: 'Risk' }).click();
    await page.locator('[data-alert-sort]').selectOption('newest');
    await expect.poll(() => page.locator(`[data-alert-id="${alertId}"]`).count()).toBe(0);

    // The alert rules: a tier switched off, a threshold moved, a rule off; published and carried by the model file.
    await page.getByRole('link', { name: 'Edit the risk model' }).click();
    await page.locator('[data-threshold="no-contact.general"]').fill('180');
    await page.locator('[data-threshold="score-high.potential"]').fill('');
    await page.locator('[data-rule-on=csat-drop]').uncheck();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published as revision 2.').waitFor();
    const [modelFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the model file' }).click()]);
    const model = JSON.parse(readFileSync((await modelFile.path())!, 'utf8'));
    const rule = (id: string) => model.alerts.find((r: { id: string }) => r.id === id);
    expect([rule('no-contact').threshold, rule('score-high').threshold.potential, rule('csat-drop').enabled]).toEqual([{ key: 90, general: 180, potential: null }, null, false]);
    await page.reload();
    await page.locator('[data-threshold="no-contact.general"]').waitFor();
    expect(await page.inputValue('[data-threshold="no-contact.general"]')).toBe('180');

    // Playbooks: exported, a broken file refused with the reason, an edited file taken.
    await page.goto(`${app.url}#/playbooks`);
    await page.locator('[data-playbook]').first().waitFor();
    const [pbFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as JSON' }).click()]);
    const doc = JSON.parse(readFileSync((await pbFile.path())!, 'utf8'));
    expect(doc.format).toBe('custos-playbooks');
    await page.locator('[data-import-playbooks]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "format": "custos-playbooks", ') });
    await expect.poll(() => page.locator('[data-playbooks-problem]').innerText()).toBe('The file is not JSON.');
    const bad = structuredClone(doc);
    bad.playbooks[1].steps[0].offsetDays = -3;
    await page.locator('[data-import-playbooks]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await expect.poll(() => page.locator('[data-playbooks-problem]').innerText()).toMatch(/^Playbook 2: a step’s days after the start must be a whole number/);
    doc.playbooks[0].name = { en: 'Collect, our way', 'zh-CN': '我们的催收', 'zh-TW': '我們的催收' };
    await page.locator('[data-import-playbooks]').setInputFiles({ name: 'ours.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await page.getByText('Playbooks imported.').waitFor();
    await page.locator('[data-playbook]', { hasText: 'Collect, our way' }).waitFor();

    // Edited in the app: the first step two days after the start instead of one.
    const first = page.locator('[data-playbook=credit-collect]');
    await first.getByRole('button', { name: 'Edit' }).click();
    await first.locator('[data-offset]').first().fill('2');
    await first.locator('[data-save-playbooks]').click();
    await page.getByText('Playbooks saved.').waitFor();
    expect(await first.locator('ol li').first().innerText()).toMatch(/^\+2 d/);

    // The review cadence: key accounts every two months.
    await page.locator('[data-cadence] [data-tier=key]').fill('2');
    await page.locator('[data-cadence]').getByRole('button').click();
    await page.getByText('Cadence saved.').waitFor();
    await page.reload();
    await page.locator('[data-cadence] [data-tier=key]').waitFor();
    expect(await page.inputValue('[data-cadence] [data-tier=key]')).toBe('2');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
