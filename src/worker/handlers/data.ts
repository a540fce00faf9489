// Files the user saves and brings back (DESIGN §6): an export of records, a backup of the
// workspace, what a backup is, a restore as a new workspace, and the preview of a merge (its
// commit is `commitImport`'s).

import { localIso } from '../../domain/dates';
import { dumpWorkspace, loadStores, readBackup, readBackupHeader, upgradeStores, writeBackup } from '../../storage/backup';
import { WorkspaceDB, workspaceDbName, type WorkspaceInfo } from '../../storage/databases';
import { patchWorkspaceInfo, putWorkspaceInfo } from '../../storage/registry-repo';
import { checkStores } from '../book/check-stores';
import { asOfDay } from '../session/clock';
import { asNewBook } from '../session/cleanup';
import type { ExportOptions, SavedFile, Side } from '../contract';
import { exportRecords } from '../export/records';
import { previewMerge } from '../import/merge';
import { settle } from '../session/settle';
import { serial } from '../session/writes';
import { fail, free, ok, read } from './wrap';

/** The shortest passphrase an encrypted backup takes, in characters (the screen says so too; the engine refuses shorter). */
export const MIN_PASSPHRASE = 8;

const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'custos';

export const data = {
  exportRecords: read(async (o, { options }: { options: ExportOptions; job?: string }, job) => ok(await exportRecords(o, options, job))),

  /**
   * The open workspace as one backup file (every store but derived facts), encrypted when a
   * passphrase is given; the date of the backup is kept for the reminder.
   */
  backupWorkspace: read(async (o, { passphrase }: { passphrase?: string }) => {
    if (passphrase && [...passphrase].length < MIN_PASSPHRASE) return fail('invalid', { issues: [{ column: 'passphrase', code: 'passphrase_short', params: { min: MIN_PASSPHRASE } }] });
    // After the follow-up writes of the last change (history, alerts) and queued behind any
    // write, so that the copy is of a settled workspace.
    await settle(o);
    const { schema, stores } = await serial(() => dumpWorkspace(o.db));
    const { id: _id, dbName: _db, lastBackupAt: _l, ...info } = o.info;
    const blob = await writeBackup({ schema, info, stores }, { id: o.info.id, name: o.info.name, customers: o.book.customerCount, events: o.book.eventCount }, passphrase || undefined);
    const now = Date.now();
    o.info = { ...o.info, lastBackupAt: now };
    await patchWorkspaceInfo(o.info.id, { lastBackupAt: now });
    // An encrypted backup's name says nothing of the book (the user may name the file as they save it).
    const file: SavedFile = { blob, name: passphrase ? `custos-backup-${localIso(new Date(now))}.custos` : `${fileSafe(o.info.name)}-${localIso(new Date(now))}.custos` };
    return ok(file);
  }),

  /**
   * A colleague's backup checked against the open book: what it adds, what it takes, and the
   * customers changed on both sides (with `choices` applied). Commit it with `commitImport`.
   */
  previewMerge: read(async (o, { file, passphrase, choices = {} }: { file: Blob; passphrase?: string; choices?: Record<string, Side>; job?: string }, job) =>
    ok(await previewMerge(o, file, passphrase || undefined, choices, job)),
  ),

  /** What a backup file is (readable without its passphrase): name, date, counts, whether encrypted. */
  inspectBackup: free(async ({ file }: { file: Blob }) => ok((await readBackupHeader(file)).header)),

  /**
   * A backup restored as a new workspace: read, decrypted, upgraded from an older schema, and
   * written in one transaction; on any failure the new database is deleted again, so that no
   * half-written workspace is left.
   */
  restoreBackup: free(async ({ file, passphrase, locale = 'en' }: { file: Blob; passphrase?: string; locale?: string }) => {
    const { header, body, workspace } = await readBackup(file, passphrase);
    const stores = upgradeStores(body);
    // Every store read as opening the book would read it, before anything is written.
    checkStores(stores, locale, asOfDay());
    const id = crypto.randomUUID();
    const now = Date.now();
    const saved = body.info as Partial<WorkspaceInfo>;
    const info: WorkspaceInfo = {
      createdAt: now, customers: workspace.customers, events: workspace.events, ...saved,
      id, dbName: workspaceDbName(id), name: String(saved.name ?? workspace.name), updatedAt: now, lastBackupAt: header.createdAt,
      // A restored book is a real book: "Reset demo" would regenerate it over the user's data.
      demo: null,
      // The two books are the same as of the backup: a later merge between them knows what changed since.
      syncPoints: { ...(saved.syncPoints ?? {}), [workspace.id]: header.createdAt },
    };
    delete info.pending;
    // Listed as pending until complete: a restore cut off anywhere leaves nothing the next start does not remove.
    return asNewBook(info, async () => {
      const db = new WorkspaceDB(info.dbName);
      try {
        await loadStores(db, stores);
      } finally {
        db.close();
      }
      await putWorkspaceInfo(info);
      return ok(info);
    });
  }),
};
