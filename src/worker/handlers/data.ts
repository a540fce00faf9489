// Export, backup, restore and merge: the part of the engine's API through which data leaves
// the device as files the user saves, and comes back (DESIGN §6).

import { localIso } from '../../domain/dates';
import { BackupProblem, dumpWorkspace, loadStores, readBackup, readBackupHeader, upgradeStores, writeBackup, type BackupHeader } from '../../storage/backup';
import { WorkspaceDB, workspaceDbName, type WorkspaceInfo } from '../../storage/databases';
import type { Result } from '../contract';
import { exportRecords } from '../export/records';
import type { ExportFile, ExportOptions, MergePreview, SavedFile, Side } from '../contract';
import { previewMerge } from '../import/merge';
import { Job, type OnProgress } from '../session/jobs';
import { registry } from '../session/notices';
import { failure, serial, session, settle } from '../session/session';


/** A backup problem as a result the page translates (`backup.<code>`). */
function problem(err: unknown): Result<never> {
  if (err instanceof BackupProblem) return { ok: false, code: 'bad_file', detail: err.code, issues: [{ code: `backup.${err.code}`, params: err.params }] };
  return failure(err);
}

const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'custos';

export const dataApi = {
  async exportRecords({ options, job }: { options: ExportOptions; job?: string }, onProgress?: OnProgress): Promise<Result<ExportFile>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const j = new Job(job, onProgress);
    try {
      return { ok: true, value: await exportRecords(o, options, j) };
    } catch (err) {
      return failure(err);
    } finally {
      j.done();
    }
  },

  /**
   * The open workspace as one backup file (every store but derived facts), encrypted when a
   * passphrase is given; the date of the backup is kept for the reminder.
   */
  async backupWorkspace({ passphrase }: { passphrase?: string }): Promise<Result<SavedFile>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    try {
      // After the follow-up writes of the last change (history, alerts) and queued behind any
      // write, so that the copy is of a settled workspace.
      await settle(o);
      const { schema, stores } = await serial(() => dumpWorkspace(o.db));
      const { id: _id, dbName: _db, lastBackupAt: _l, ...info } = o.info;
      const blob = await writeBackup({ schema, info, stores }, { id: o.info.id, name: o.info.name, customers: o.book.customerCount, events: o.book.eventCount }, passphrase || undefined);
      const now = Date.now();
      o.info = { ...o.info, lastBackupAt: now };
      const stored = await registry().workspaces.get(o.info.id);
      if (stored) await registry().workspaces.put({ ...stored, lastBackupAt: now });
      return { ok: true, value: { blob, name: `${fileSafe(o.info.name)}-${localIso(new Date(now))}${passphrase ? '-encrypted' : ''}.custos` } };
    } catch (err) {
      return problem(err);
    }
  },

  /**
   * A colleague's backup checked against the open book: what it adds, what it takes, and the
   * customers changed on both sides (with `choices` applied). Commit it with `commitImport`.
   */
  async previewMerge(
    { file, passphrase, choices = {}, job }: { file: Blob; passphrase?: string; choices?: Record<string, Side>; job?: string },
    onProgress?: OnProgress,
  ): Promise<Result<MergePreview>> {
    const o = session.open;
    if (!o) return { ok: false, code: 'no_workspace' };
    const j = new Job(job, onProgress);
    try {
      return { ok: true, value: await previewMerge(o, file, passphrase || undefined, choices, j) };
    } catch (err) {
      return problem(err);
    } finally {
      j.done();
    }
  },

  /** What a backup file is (readable without its passphrase): name, date, counts, whether encrypted. */
  async inspectBackup({ file }: { file: Blob }): Promise<Result<BackupHeader>> {
    try {
      return { ok: true, value: (await readBackupHeader(file)).header };
    } catch (err) {
      return problem(err);
    }
  },

  /**
   * A backup restored as a new workspace: read, decrypted, upgraded from an older schema, and
   * written in one transaction; on any failure the new database is deleted again, so that no
   * half-written workspace is left.
   */
  async restoreBackup({ file, passphrase }: { file: Blob; passphrase?: string }): Promise<Result<WorkspaceInfo>> {
    let db: WorkspaceDB | null = null;
    try {
      const { header, body } = await readBackup(file, passphrase);
      const stores = upgradeStores(body);
      const id = crypto.randomUUID();
      const now = Date.now();
      const saved = body.info as Partial<WorkspaceInfo>;
      const info: WorkspaceInfo = {
        createdAt: now, demo: null, customers: header.workspace.customers, events: header.workspace.events, ...saved,
        id, dbName: workspaceDbName(id), name: String(saved.name ?? header.workspace.name), updatedAt: now, lastBackupAt: header.createdAt,
        // The two books are the same as of the backup: a later merge between them knows what changed since.
        syncPoints: { ...(saved.syncPoints ?? {}), [header.workspace.id]: header.createdAt },
      };
      db = new WorkspaceDB(info.dbName);
      await loadStores(db, stores);
      db.close();
      await registry().workspaces.put(info);
      return { ok: true, value: info };
    } catch (err) {
      if (db) {
        db.close();
        await db.delete().catch(() => undefined);
      }
      return problem(err);
    }
  },
};
