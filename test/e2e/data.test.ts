// Data out and back in the built app: orders exported as a CSV Excel opens (BOM, CRLF), the
// filtered list exported, an encrypted backup saved, then restored — a wrong passphrase told
// and nothing restored, the right one giving a new book with the same customers; a change made
// in that copy merged back into the first book.

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { context, createWorkshop, openProfile, useBuiltApp } from './harness';

const app = useBuiltApp();

describe('export, backup and restore in the built app', () => {
  test('export CSV, export the list, back up encrypted and restore', async () => {
    const { ctx, problems } = await context(app.browser);
    const page = await ctx.newPage();
    await page.goto(app.url);
    await createWorkshop(page);

    // The list as shown, as a CSV for Excel, with the risk score and grade.
    const visible = await page.locator('[data-export-list]');
    const [listFile] = await Promise.all([page.waitForEvent('download'), visible.click()]);
    const listText = readFileSync((await listFile.path())!, 'utf8');
    expect(listText.startsWith('\ufeffcustomer id,customer name,')).toBe(true);
    expect(listText.split('\r\n').filter(Boolean).length).toBe(201);
    expect(listText).toMatch(/,risk score,risk grade\r\n/);

    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
    await page.locator('[data-export-kind]').selectOption('order');
    const [orders] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export]').getByRole('button', { name: 'Export' }).click()]);
    expect(orders.suggestedFilename()).toMatch(/^custos-order-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await orders.path())!, 'utf8');
    expect(text.startsWith('\ufeffcustomer id,date,amount,currency,category,order no\r\n')).toBe(true);
    expect(text.includes('\n') && !/[^\r]\n/.test(text)).toBe(true);
    await page.locator('[data-data-message]', { hasText: 'Saved custos-order-' }).waitFor();

    // A demo book: no nudge, and the date of the backup shown after it.
    await expect.poll(() => page.locator('[data-backup-last]').textContent()).toContain('never been backed up');
    await page.locator('[data-backup-pass]').fill('short');
    expect(await page.getByText('Use at least 8 characters.').isVisible()).toBe(true);
    await page.locator('[data-backup-pass]').fill('team secret 2026');
    await page.locator('[data-backup-confirm]').fill('team secret 2026');
    const [backup] = await Promise.all([page.waitForEvent('download'), page.locator('[data-backup-go]').click()]);
    // An encrypted backup's file name says nothing of the book; the passphrase does not stay in its fields.
    expect(backup.suggestedFilename()).toMatch(/^custos-backup-\d{4}-\d{2}-\d{2}\.custos$/);
    await expect.poll(() => page.inputValue('[data-backup-pass]')).toBe('');
    // (The confirmation field goes with it: it is shown only while a passphrase is typed.)
    expect(await page.locator('[data-backup-confirm]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-backup-last]').textContent()).toContain('Last backup:');
    const saved = (await backup.path())!;

    await page.locator('[data-restore-file]').setInputFiles(saved);
    // Its readable header names no book and no counts: they show once it is opened.
    await expect.poll(() => page.locator('[data-restore-header]').textContent()).toContain('An encrypted backup made');
    expect(await page.locator('[data-restore-header]').textContent()).not.toContain('200');
    await page.locator('[data-restore-pass]').fill('team secret 2025');
    await page.locator('[data-restore-go]').click();
    await page.locator('[data-data-message]', { hasText: 'Wrong passphrase. Nothing was restored.' }).waitFor();
    await page.locator('[data-restore-pass]').fill('team secret 2026');
    await page.locator('[data-restore-go]').click();
    await page.locator('[data-data-message]', { hasText: 'as a new book' }).waitFor({ timeout: 30_000 });
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    await page.getByText('200 customers', { exact: true }).waitFor();

    // The restored book and its source have met: merging the source's backup finds nothing to do.
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
    await page.locator('[data-merge-file]').setInputFiles(saved);
    await page.locator('[data-merge-pass]').fill('team secret 2026');
    await page.locator('[data-merge-check]').click();
    await expect.poll(() => page.locator('[data-merge-counts]').textContent()).toBe('0 new customers, 0 taken from the colleague, 0 kept as here; 0 new events, 0 updated.');
    expect(await page.locator('[data-merge-go]').isDisabled()).toBe(true);

    // A colleague works on the restored copy and sends it back (a plain backup); merged into the
    // first book, the colleague's change comes in and the merge is listed in the import history.
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    const first = page.locator('a.line').first();
    const id = (await first.getAttribute('data-id'))!;
    await first.click();
    await openProfile(page);
    await page.fill('#f-owner', 'Dana Scully');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
    const [plain] = await Promise.all([page.waitForEvent('download'), page.locator('[data-backup-go]').click()]);
    expect(plain.suggestedFilename()).not.toMatch(/encrypted/);
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page.locator('li[data-book]').getByRole('button', { name: 'Open' }).click();
    await page.locator('[data-today-customer]').first().waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
    expect(await page.locator('[data-import-history] li').count()).toBe(0);
    await page.locator('[data-merge-file]').setInputFiles((await plain.path())!);
    await page.locator('[data-merge-check]').click();
    await expect.poll(() => page.locator('[data-merge-counts]').textContent()).toBe('0 new customers, 1 taken from the colleague, 0 kept as here; 0 new events, 0 updated.');
    await page.locator('[data-merge-go]').click();
    await page.locator('[data-data-message]', { hasText: 'It is in the import history' }).waitFor();
    await expect.poll(() => page.locator('[data-import-history] li').count()).toBe(1);
    await page.goto(`${app.url}#/customers/${encodeURIComponent(id)}`);
    await openProfile(page);
    await expect.poll(() => page.inputValue('#f-owner')).toBe('Dana Scully');
    expect(problems).toEqual([]);
    await ctx.close();
  });
});
