// What a closed tab, a crash or a killed process may leave half done is finished on the next
// start: a book registered as pending (its create, restore or delete never completed) and a
// workspace database that no book in the list points to are removed, unless another tab is
// writing it right now (it holds the book's creation lock). The list then shows only books
// that open.

import { WorkspaceDB, workspaceDbName, type WorkspaceInfo } from '../../storage/databases';
import { allWorkspaceInfos, deleteWorkspaceInfo, getWorkspaceInfo, putWorkspaceInfo } from '../../storage/registry-repo';
import { lockHeld, withLock } from './lock';

const PREFIX = workspaceDbName('');

/** The lock a tab holds while it writes a new book's database (create, restore) or deletes one. */
const creationLock = (dbName: string) => `custos-create:${dbName}`;

/** The databases this engine is writing now (its own clean-up must not take them, with or without Web Locks). */
const writing = new Set<string>();

/** Runs `work` holding the creation lock of `dbName`, marked as in progress for this engine's own clean-up too. */
export function whileCreating<T>(dbName: string, work: () => Promise<T>): Promise<T> {
  return withLock(creationLock(dbName), async () => {
    writing.add(dbName);
    try {
      return await work();
    } finally {
      writing.delete(dbName);
    }
  });
}

/**
 * Writes a new book (a create, a restore): listed as pending before its database is written;
 * `work` writes it, closes what it opened, and lists the book as complete. On any failure the
 * database and the entry go again, so that nothing is left that does not open.
 */
export function asNewBook<T>(info: WorkspaceInfo, work: () => Promise<T>): Promise<T> {
  return whileCreating(info.dbName, async () => {
    await putWorkspaceInfo({ ...info, pending: 'creating' });
    try {
      return await work();
    } catch (err) {
      await new WorkspaceDB(info.dbName).delete().catch(() => undefined);
      await deleteWorkspaceInfo(info.id).catch(() => undefined);
      throw err;
    }
  });
}

/** Whether this engine or another tab is writing `dbName` now (its creation lock is held). */
async function inProgress(dbName: string): Promise<boolean> {
  return writing.has(dbName) || lockHeld(creationLock(dbName));
}

async function databaseNames(): Promise<string[]> {
  const idb = globalThis.indexedDB as IDBFactory | undefined;
  if (!idb?.databases) return [];
  return (await idb.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(PREFIX));
}

/**
 * Removes what interrupted creates, restores and deletes left; returns the database names
 * removed. Each candidate is first found not in progress, then read again: a writer marks its
 * work in progress before it lists the book as pending and clears the mark only after the book
 * is complete, so a book still pending (or still unlisted) after that is one nobody finishes.
 */
export async function cleanUpInterrupted(): Promise<string[]> {
  const removed: string[] = [];
  const infos = await allWorkspaceInfos();
  const candidates = new Set(infos.filter((i) => i.pending).map((i) => i.dbName));
  const listed = new Set(infos.map((i) => i.dbName));
  for (const name of await databaseNames()) if (!listed.has(name)) candidates.add(name);
  for (const dbName of candidates) {
    if (await inProgress(dbName)) continue;
    const id = dbName.slice(PREFIX.length);
    const now = await getWorkspaceInfo(id);
    if (now && !now.pending) continue;
    await new WorkspaceDB(dbName).delete();
    if (now) await deleteWorkspaceInfo(id);
    removed.push(dbName);
  }
  return removed;
}

let started: Promise<string[]> | null = null;

/** The clean-up, once per engine (the first call that lists or opens books waits for it). */
export function cleanedUp(): Promise<string[]> {
  return (started ??= cleanUpInterrupted().catch(() => []));
}
