// Two real pages on one book (one persistent profile, as two tabs of one browser): saves of two
// customers of one shard made at once in both tabs are both kept; while one tab has unsaved
// input in a customer's form, the other tab's save of that customer neither rebuilds the form
// nor is overwritten unseen — the save is refused with both versions shown, and the user's
// choice is what is stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright';
import { hashString } from '../../src/domain/random';
import { createWorkshop, launchProfile, openProfile, useBuiltApp } from './harness';

const app = useBuiltApp();
const demoId = (k: number) => `C${String(k).padStart(6, '0')}`;

/** Two workshop customers stored in the same shard (64 shards). */
function sameShard(): [string, string] {
  for (let k = 2; k <= 200; k++) if (hashString(demoId(k)) % 64 === hashString(demoId(1)) % 64) return [demoId(1), demoId(k)];
  throw new Error('no two customers share a shard');
}

async function openCustomer(page: Page, id: string): Promise<void> {
  if (!page.url().startsWith(app.url)) {
    await page.goto(app.url);
    // The book opens first, on Today (the start of the app may set the route).
    await page.locator('[data-today-customer]').first().waitFor();
  }
  await page.evaluate((hash) => (location.hash = hash), `#/customers/${encodeURIComponent(id)}`);
  await openProfile(page, id);
}

/** Types a value and saves; done when the form stands on the saved version. */
async function saveField(page: Page, field: string, value: string): Promise<void> {
  const before = await page.locator('form[data-version]').getAttribute('data-version');
  await page.fill(`#f-${field}`, value);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator(`form[data-version]:not([data-version="${before}"])`).waitFor();
  expect(await page.inputValue(`#f-${field}`)).toBe(value);
}

describe('two tabs on one book', () => {
  test('concurrent saves in two tabs are all kept; a form with unsaved input is never rebuilt or silently overwritten', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'custos-tabs-'));
    const ctx = await launchProfile(profile);
    const problems: string[] = [];
    ctx.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
    try {
      const a = ctx.pages()[0] ?? (await ctx.newPage());
      await a.goto(app.url);
      await createWorkshop(a);
      await expect.poll(() => a.evaluate(() => location.hash), { timeout: 10_000 }).toBe('#/customers');
      const b = await ctx.newPage();
      const [x, y] = sameShard();
      await openCustomer(a, x);
      await openCustomer(b, y);

      // Saves of two customers of one shard, at once and at shifted moments.
      for (let k = 0; k < 6; k++) {
        const shift = [0, 5, 20, 60, 120, 250][k];
        await Promise.all([saveField(a, 'owner', `Owner A${k}`), new Promise((r) => setTimeout(r, shift)).then(() => saveField(b, 'owner', `Owner B${k}`))]);
      }
      const c = await ctx.newPage();
      await openCustomer(c, x);
      expect(await c.inputValue('#f-owner')).toBe('Owner A5');
      await openCustomer(c, y);
      expect(await c.inputValue('#f-owner')).toBe('Owner B5');
      await c.close();

      // The same customer: B types notes, A saves the owner meanwhile.
      await openCustomer(b, x);
      await b.fill('#f-notes', 'typed in tab B, not saved yet');
      await saveField(a, 'owner', 'Owner from A');
      // B hears of A's change; its typing stays, and it is offered the new version.
      await b.locator('[data-newer-version]').waitFor({ timeout: 10_000 });
      expect(await b.inputValue('#f-notes')).toBe('typed in tab B, not saved yet');
      // B saves: refused, with both versions shown; nothing of A's is overwritten unseen.
      await b.getByRole('button', { name: 'Save', exact: true }).click();
      const conflict = b.locator('[data-save-conflict]');
      await conflict.waitFor();
      expect(await conflict.locator('[data-conflict-field=owner] td').allInnerTexts()).toEqual(['Owner A5', 'Owner from A']);
      expect(await conflict.locator('[data-conflict-field=notes] td').first().innerText()).toBe('typed in tab B, not saved yet');
      // B takes the stored version: the form shows A's owner, and B's typing is dropped by B's choice.
      await b.locator('[data-take-theirs]').click();
      await expect.poll(() => b.inputValue('#f-owner')).toBe('Owner from A');
      // B edits again from the stored version and saves: accepted, and A's owner kept.
      await saveField(b, 'notes', 'B, after seeing A');
      await a.reload();
      await openProfile(a, x);
      await expect.poll(() => a.inputValue('#f-notes')).toBe('B, after seeing A');
      expect(await a.inputValue('#f-owner')).toBe('Owner from A');
      expect(problems).toEqual([]);
    } finally {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
