// A workspace's audits: read when asked for (documents of a few hundred kilobytes at most, not
// kept open), the previous one of a scope found by the [asOf+createdAt] index, and written
// guarded as every user write.

import Dexie from 'dexie';
import type { Audit, AuditScope } from '../domain/audit/document';
import type { WorkspaceDB } from './databases';
import { guarded, type Belief } from './workspace-repo';

/** Every audit of the book (documents of a few hundred kilobytes at most: read when asked for, not kept open). */
export async function readAudits(db: WorkspaceDB): Promise<Audit[]> {
  return db.audits.toArray();
}

/**
 * The audit a new one of `scope` on `asOf` is compared with: the latest of the same scope dated
 * on or before it (on the same day, the one run last). Read newest first and stopped at the
 * first of the scope, so that a book with many audits reads few of them.
 */
export async function readPreviousAudit(db: WorkspaceDB, scope: AuditScope, asOf: string): Promise<Audit | null> {
  const same = (a: Audit) => a.scope.kind === scope.kind && a.scope.value === scope.value;
  const found = await db.audits.where('[asOf+createdAt]').between([Dexie.minKey, Dexie.minKey], [asOf, Dexie.maxKey]).reverse().filter(same).first();
  return found ?? null;
}

export async function readAudit(db: WorkspaceDB, id: string): Promise<Audit | undefined> {
  return db.audits.get(id);
}

/** Puts or deletes audits, or saves the audit settings (null: back to the defaults), guarded as every user write. */
export async function writeAudits(db: WorkspaceDB, w: { put?: Audit[]; delete?: string[]; settings?: unknown }, belief?: Belief): Promise<void> {
  await guarded(db, belief, [db.audits], async () => {
    if (w.put?.length) await db.audits.bulkPut(w.put);
    if (w.delete?.length) await db.audits.bulkDelete(w.delete);
    if (w.settings !== undefined) await (w.settings === null ? db.meta.delete('auditSettings') : db.meta.put({ key: 'auditSettings', value: w.settings }));
  });
}
