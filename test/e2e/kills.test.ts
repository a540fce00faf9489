// A restore or a create cut off at any moment (its page closed, the whole browser, or its processes killed) leaves no
// database that the book list does not show, and the book list shows only books that open: on
// the next start, what was half written is removed. Each cut is made at another moment.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import { createWorkshop, launchProfile, useBuiltApp } from './harness';

const app = useBuiltApp();
const launch = (profile: string) => launchProfile(profile, { width: 1280, height: 800 });

/** The workspace databases and the book list's entries, read straight from IndexedDB in a page. */
function storedState(page: Page): Promise<{ dbs: string[]; entries: { dbName: string; pending?: string; name: string }[] }> {
  return page.evaluate(async () => {
    const dbs = (await indexedDB.databases()).map((d) => d.name!).filter((n) => n.startsWith('custos-ws-'));
    const entries = await new Promise<{ dbName: string; pending?: string; name: string }[]>((resolve, reject) => {
      const req = indexedDB.open('custos-registry');
      req.onsuccess = () => {
        const tx = req.result.transaction('workspaces', 'readonly');
        const all = tx.objectStore('workspaces').getAll();
        all.onsuccess = () => (resolve(all.result), req.result.close());
        all.onerror = () => reject(all.error);
      };
      req.onerror = () => reject(req.error);
    });
    return { dbs, entries };
  });
}

/** After a start of the app: every database is a listed book, no entry is pending, and each listed book opens. */
async function expectClean(ctx: BrowserContext): Promise<number> {
  let state: Awaited<ReturnType<typeof storedState>> | null = null;
  // A cut tab's locks are released once its worker is gone: a start after that cleans up.
  for (let attempt = 0; attempt < 10; attempt++) {
    const page = await ctx.newPage();
    await page.goto(`${app.url}#/settings`);
    await page.getByRole('heading', { name: 'Books' }).waitFor();
    // The clean-up runs soon after the start, out of the way of the first open.
    await page.waitForTimeout(1200);
    state = await storedState(page);
    await page.close();
    const listed = new Set(state.entries.map((e) => e.dbName));
    if (state.entries.every((e) => !e.pending) && state.dbs.every((d) => listed.has(d))) break;
    state = null;
    await new Promise((r) => setTimeout(r, 300));
  }
  expect(state).not.toBeNull();
  expect(new Set(state!.dbs)).toEqual(new Set(state!.entries.map((e) => e.dbName)));
  return state!.entries.length;
}

describe('cut off while writing a new book', () => {
  test('restores and creates cut at random moments leave only books that open', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'custos-kills-'));
    let ctx = await launch(profile);
    const outcomes: string[] = [];
    try {
      const first = ctx.pages()[0] ?? (await ctx.newPage());
      await first.goto(app.url);
      await createWorkshop(first);
      await first.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
      const [download] = await Promise.all([first.waitForEvent('download'), first.locator('[data-backup-go]').click()]);
      const backup = join(profile, '..', `custos-kills-${Date.now()}.custos`);
      await download.saveAs(backup);
      await first.close();
      let books = await expectClean(ctx);

      // The page closed, the whole browser closed, or its processes killed (SIGKILL: nothing gets to finish).
      const cuts: [number, 'page' | 'browser' | 'killed'][] = [[0, 'page'], [40, 'page'], [120, 'page'], [250, 'page'], [500, 'page'], [900, 'browser'], [1600, 'browser'], [150, 'killed'], [700, 'killed']];
      for (const [delay, how] of cuts) {
        const page = await ctx.newPage();
        await page.goto(`${app.url}#/data`);
        await page.locator('[data-restore-file]').setInputFiles(backup);
        await page.locator('[data-restore-header]').waitFor();
        await page.locator('[data-restore-go]').click();
        await page.waitForTimeout(delay);
        if (how === 'page') await page.close();
        else {
          if (how === 'browser') await ctx.close();
          else {
            // Every process of this profile's browser, killed at once.
            expect(spawnSync('pkill', ['-KILL', '-f', `user-data-dir=${profile}`]).status).toBe(0);
            await ctx.close().catch(() => undefined);
          }
          ctx = await launch(profile);
        }
        const now = await expectClean(ctx);
        outcomes.push(`restore cut at ${delay} ms (${how}): ${now > books ? 'restored' : 'nothing left'}`);
        books = now;
      }
      // A demo book's creation cut off the same way.
      for (const delay of [50, 400]) {
        const page = await ctx.newPage();
        await page.goto(`${app.url}#/settings`);
        await page.getByRole('link', { name: /New book/ }).click();
        await page.getByRole('button', { name: /Workshop/ }).click();
        await page.waitForTimeout(delay);
        await page.close();
        const now = await expectClean(ctx);
        outcomes.push(`create cut at ${delay} ms: ${now > books ? 'created' : 'nothing left'}`);
        books = now;
      }
      console.log(outcomes.join('\n'));
      rmSync(backup, { force: true });
    } finally {
      await ctx.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 240_000);
});
