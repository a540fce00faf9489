// What a closed tab, a crash or a killed process may leave half done is finished on the next
// start: a book registered as pending (its create, restore or delete never completed) and a
// workspace database that no book in the list points to are removed, unless another tab is
// writing it right now (it holds the book's creation lock). The list then shows only books
// that open.

import { WorkspaceDB, workspaceDbName } from '../../storage/databases';
import { allWorkspaceInfos, deleteWorkspaceInfo } from '../../storage/registry-repo';

const PREFIX = workspaceDbName('');

/** The lock a tab holds while it writes a new book's database (create, restore) or deletes one. */
export const creationLock = (dbName: string) => `custos-create:${dbName}`;

/** Runs `work` holding the creation lock of `dbName` (no lock where the platform has none: one engine). */
export function whileCreating<T>(dbName: string, work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request(creationLock(dbName), work) as Promise<T>) : work();
}

/** Whether another tab is writing `dbName` now (its creation lock is held). */
async function inProgress(dbName: string): Promise<boolean> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return false;
  const held = await locks.query();
  return (held.held ?? []).some((l) => l.name === creationLock(dbName));
}

async function databaseNames(): Promise<string[]> {
  const idb = globalThis.indexedDB as IDBFactory | undefined;
  if (!idb?.databases) return [];
  return (await idb.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith(PREFIX));
}

/** Removes what interrupted creates, restores and deletes left; returns the database names removed. */
export async function cleanUpInterrupted(): Promise<string[]> {
  const removed: string[] = [];
  const infos = await allWorkspaceInfos();
  for (const info of infos) {
    if (!info.pending || (await inProgress(info.dbName))) continue;
    await new WorkspaceDB(info.dbName).delete();
    await deleteWorkspaceInfo(info.id);
    removed.push(info.dbName);
  }
  const listed = new Set(infos.map((i) => i.dbName));
  for (const name of await databaseNames()) {
    if (listed.has(name) || (await inProgress(name))) continue;
    await new WorkspaceDB(name).delete();
    removed.push(name);
  }
  return removed;
}

let started: Promise<string[]> | null = null;

/** The clean-up, once per engine (the first call that lists or opens books waits for it). */
export function cleanedUp(): Promise<string[]> {
  return (started ??= cleanUpInterrupted().catch(() => []));
}
