// Restore and create are atomic with the book list: a book is listed as pending while its
// database is written, so that whatever a closed tab leaves (a pending entry, a database no
// entry points to) is removed on the next start; a backup whose stores would not open as a
// book is refused before anything is written; a restored book is never a demo book.
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { WorkspaceDB, workspaceDbName } from '../../../src/storage/databases';
import { allWorkspaceInfos, putWorkspaceInfo } from '../../../src/storage/registry-repo';
import { readBackup, writeBackup } from '../../../src/storage/backup';
import type { StoredProfiles, StoredShard } from '../../../src/storage/schema';
import { cleanUpInterrupted } from '../../../src/worker/session/cleanup';
import { engine } from '../../../src/worker/engine';
import { got } from '../../support/result';

const names = async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('custos-ws-')).sort();

describe('restore and create leave nothing behind', () => {
  test('a pending entry and a database no entry points to are removed at start; listed books stay', async () => {
    const kept = got(await engine.createWorkspace({ name: 'Kept', locale: 'en' }));
    // What a tab closed mid-restore leaves: an entry still pending, its database half written.
    const cut = { ...kept, id: 'cut', dbName: workspaceDbName('cut'), name: 'Cut', pending: 'creating' as const };
    await putWorkspaceInfo(cut);
    await new WorkspaceDB(cut.dbName).open();
    // What an older build's interrupted restore left: a database and no entry.
    await new WorkspaceDB(workspaceDbName('orphan')).open();
    const removed = await cleanUpInterrupted();
    expect(removed.sort()).toEqual([cut.dbName, workspaceDbName('orphan')].sort());
    expect(await names()).toContain(kept.dbName);
    expect(await names()).not.toContain(cut.dbName);
    expect((await allWorkspaceInfos()).map((w) => w.id)).not.toContain('cut');
    // A pending book is never listed, even before the clean-up reaches it.
    await putWorkspaceInfo({ ...cut, id: 'cut2', dbName: workspaceDbName('cut2') });
    expect(got(await engine.listWorkspaces()).map((w) => w.id)).toEqual([kept.id]);
    expect(await engine.openWorkspace({ id: 'cut2', locale: 'en' })).toMatchObject({ ok: false, code: 'not_found' });
    got(await engine.deleteWorkspace({ id: kept.id }));
  });

  test('a backup whose shard lacks a column is refused as damaged, and no book or database is made', async () => {
    const w = got(await engine.createWorkspace({ name: 'Source', demo: { book: 'workshop', seed: 2, locale: 'en' }, locale: 'en' }));
    const good = got(await engine.backupWorkspace({}));
    const { body, workspace } = await readBackup(good.blob);
    const shards = (body.stores.shards as StoredShard[]).map((s) => ({ ...s, tables: { ...s.tables, order: { ...s.tables.order!, cols: Object.fromEntries(Object.entries(s.tables.order!.cols).filter(([k]) => k !== 'amount')) } } }));
    const broken = await writeBackup({ ...body, stores: { ...body.stores, shards } }, workspace);
    // Since schema 8 the customers are a record of their own: one without its id column is as damaged.
    const profiles = (body.stores.profiles as StoredProfiles[]).map((p) => ({ ...p, customer: { ...p.customer, cols: Object.fromEntries(Object.entries(p.customer.cols).filter(([k]) => k !== 'id')) } }));
    expect(profiles.length).toBeGreaterThan(0);
    const noIds = await writeBackup({ ...body, stores: { ...body.stores, profiles } }, workspace);
    expect(await engine.restoreBackup({ file: noIds })).toMatchObject({ ok: false, code: 'bad_file', detail: 'damaged' });
    const before = await names();
    const listed = (await allWorkspaceInfos()).length;
    const r = await engine.restoreBackup({ file: broken });
    expect(r).toMatchObject({ ok: false, code: 'bad_file', detail: 'damaged' });
    expect(await names()).toEqual(before);
    expect((await allWorkspaceInfos()).length).toBe(listed);
    // The good one restores, as a real book (no "Reset demo" on it), and opens.
    const restored = got(await engine.restoreBackup({ file: good.blob }));
    expect(restored.demo).toBeNull();
    expect(restored.pending).toBeUndefined();
    expect(got(await engine.openWorkspace({ id: restored.id, locale: 'en' })).customers).toBe(200);
    const r2 = await engine.resetDemo({});
    expect(r2).toMatchObject({ ok: false, code: 'no_workspace' });
    got(await engine.deleteWorkspace({ id: restored.id }));
    got(await engine.deleteWorkspace({ id: w.id }));
  });

  test('the book list counts follow the book when it is opened', async () => {
    const w = got(await engine.createWorkspace({ name: 'Counts', demo: { book: 'workshop', seed: 3, locale: 'en' }, locale: 'en' }));
    // A tab killed between its write and the list's update leaves the counts behind.
    await putWorkspaceInfo({ ...w, customers: 3, events: 4 });
    got(await engine.openWorkspace({ id: w.id, locale: 'en' }));
    got(await engine.createWorkspace({ name: 'Other', locale: 'en' }));
    got(await engine.openWorkspace({ id: w.id, locale: 'en' }));
    const listed = got(await engine.listWorkspaces()).find((x) => x.id === w.id)!;
    expect(listed.customers).toBe(200);
    expect(listed.events).toBeGreaterThan(1000);
  });
});

describe('backups keep their secrets', () => {
  test('an encrypted backup names no book outside its ciphertext, and the engine refuses a passphrase under 8 characters', async () => {
    const w = got(await engine.createWorkspace({ name: '华东 Secret Book', demo: { book: 'workshop', seed: 4, locale: 'en' }, locale: 'en' }));
    expect(await engine.backupWorkspace({ passphrase: 'short' })).toMatchObject({ ok: false, code: 'invalid', issues: [{ column: 'passphrase', code: 'passphrase_short' }] });
    const sealed = got(await engine.backupWorkspace({ passphrase: 'long enough 1' }));
    expect(sealed.name).toMatch(/^custos-backup-\d{4}-\d{2}-\d{2}\.custos$/);
    const header = got(await engine.inspectBackup({ file: sealed.blob }));
    expect(header.workspace).toBeUndefined();
    const text = new TextDecoder().decode(new Uint8Array(await sealed.blob.arrayBuffer()).slice(0, 4096));
    for (const secret of ['华东', 'Secret', w.id, '"customers"', '"events"']) expect(text).not.toContain(secret);
    // Opened with its passphrase, it is the book by name and counts.
    const restored = got(await engine.restoreBackup({ file: sealed.blob, passphrase: 'long enough 1' }));
    expect([restored.name, restored.customers]).toEqual(['华东 Secret Book', 200]);
    // A plain backup still says what it is, and keeps the book's name in its file name.
    const plain = got(await engine.backupWorkspace({}));
    expect(got(await engine.inspectBackup({ file: plain.blob })).workspace?.name).toBe('华东 Secret Book');
    got(await engine.deleteWorkspace({ id: restored.id }));
    got(await engine.deleteWorkspace({ id: w.id }));
  });
});
