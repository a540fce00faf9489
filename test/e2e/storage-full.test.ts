// A full disk in the built app, in real Chromium: the origin is given a quota before it stores
// anything (DevTools' Storage.overrideQuotaForOrigin), a workshop book is made, then another
// database fills the rest. An edit and an import are refused with the translated message, what
// the user typed stays on the screen, nothing half-written is stored (a reload shows the book as
// it was), and both go through once room is freed.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createWorkshop, launchProfile, openProfile, useBuiltApp } from './harness';

const app = useBuiltApp();
const FULL = 'The device is out of storage space: nothing was saved. Free some space and try again.';

/** Fills the origin's storage with 256 kB records of random bytes in a database of its own until IndexedDB refuses. */
const fill = () =>
  new Promise<number>((resolve, reject) => {
    const req = indexedDB.open('filler', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('blobs');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      let written = 0;
      const next = (size: number) => {
        const tx = db.transaction('blobs', 'readwrite');
        // Random bytes: IndexedDB compresses what it stores, and a constant fill would take no room.
        const bytes = new Uint8Array(size);
        for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65536)));
        tx.objectStore('blobs').put(bytes, written);
        tx.oncomplete = () => ((written += 1), written > 2000 ? (db.close(), resolve(-written)) : next(size));
        tx.onabort = () => (size > 1024 ? next(size >> 1) : (db.close(), resolve(written)));
      };
      next(256 * 1024);
    };
  });
const free = () =>
  new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase('filler');
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });

describe('a full disk', () => {
  test('an edit, an import and a restore are refused with the message, nothing half-written is kept (no database left behind), and the edit and import go through with room again', async () => {
    // A profile on disk: an incognito context keeps IndexedDB in memory and counts no usage.
    const profile = mkdtempSync(join(tmpdir(), 'custos-full-'));
    const ctx = await launchProfile(profile);
    const problems: string[] = [];
    ctx.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const cdp = await ctx.newCDPSession(page);
    // Set before the origin stores anything: Chromium applies an override only then.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(app.url).origin, quotaSize: 40 * 1024 * 1024 });
    await page.goto(app.url);
    await createWorkshop(page);
    const first = page.locator('a.line').first();
    const id = (await first.getAttribute('data-id'))!;
    await first.click();
    await openProfile(page);
    const customerUrl = page.url();
    const notesBefore = await page.inputValue('#f-notes');

    // A plain backup while there is room, to restore when there is none.
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
    const [backup] = await Promise.all([page.waitForEvent('download'), page.locator('[data-backup-go]').click()]);
    const saved = (await backup.path())!;
    await page.goto(customerUrl);
    await openProfile(page);

    const filled = await page.evaluate(fill);
    expect(filled).toBeGreaterThan(10);
    await page.fill('#f-notes', 'Promised to pay on Friday — 周五付款');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(FULL).waitFor();
    // What the user typed is still there to save again.
    expect(await page.inputValue('#f-notes')).toBe('Promised to pay on Friday — 周五付款');

    // An import of orders for this customer, refused whole.
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
    const rows = Array.from({ length: 20_000 }, (_, i) => `${id},2025-0${1 + (i % 9)}-1${i % 10},${(i % 997) + 1}.25`);
    await page.locator('[data-import-files]').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(['customer id,order date,amount', ...rows].join('\r\n')) });
    await page.locator('[data-import-preview]').waitFor();
    await page.locator('[data-import-preview] select').first().selectOption('order');
    await expect.poll(() => page.locator('[data-import-counts]').textContent()).toBe('20,000 rows: 20,000 new, 0 updated, 0 unchanged, 0 rejected.');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(FULL).waitFor();
    expect(await page.locator('[data-import-history] li').count()).toBe(0);

    // A restore that does not fit: told, and no database left behind.
    const databases = async () => (await page.evaluate(() => indexedDB.databases())).map((d) => d.name).sort();
    const before = await databases();
    await page.locator('[data-restore-file]').setInputFiles(saved);
    await expect.poll(() => page.locator('[data-restore-header]').textContent()).toContain('200 customers');
    await page.locator('[data-restore-go]').click();
    await page.locator('[data-data-message]', { hasText: FULL }).waitFor();
    expect(await databases()).toEqual(before);

    // Reloaded while the disk is still full: the book as it was, the note and the orders absent.
    await page.goto(customerUrl);
    await page.reload();
    await openProfile(page);
    expect(await page.inputValue('#f-notes')).toBe(notesBefore);

    // Room again: the edit and the import go through and stay.
    await page.evaluate(free);
    await page.fill('#f-notes', 'Promised to pay on Friday — 周五付款');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
    await page.locator('[data-import-files]').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(['customer id,order date,amount', ...rows].join('\r\n')) });
    await page.locator('[data-import-preview] select').first().selectOption('order');
    await expect.poll(() => page.locator('[data-import-counts]').textContent()).toBe('20,000 rows: 20,000 new, 0 updated, 0 unchanged, 0 rejected.');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported orders.csv: 20,000 new, 0 updated.').waitFor();
    await page.reload();
    await page.locator('[data-import-history] li').first().waitFor();
    expect(await page.locator('[data-import-history] li').count()).toBe(1);
    expect(problems).toEqual([]);
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  });
});
