// The backup reminder (DESIGN §6): the app shows when the last backup was made and nudges —
// once, and never for a book that has not changed — when changes have gone 30 days without one.

export const BACKUP_NUDGE_DAYS = 30;
const DAY = 86_400_000;

export interface BackupState {
  /** When the last backup was made; null before the first. */
  last: number | null;
  /** Whole days since then (or since the book was created, before the first backup). */
  days: number;
  /** The book changed since, and for 30 days or more: time for a nudge. */
  due: boolean;
}

export function backupState(book: { createdAt: number; updatedAt: number; lastBackupAt?: number; demo?: unknown }, now: number): BackupState {
  const last = book.lastBackupAt ?? null;
  const since = last ?? book.createdAt;
  const days = Math.max(0, Math.floor((now - since) / DAY));
  // Demo books are regenerated from their seed: nothing to lose.
  const changed = book.updatedAt > since + 60_000;
  return { last, days, due: !book.demo && changed && days >= BACKUP_NUDGE_DAYS };
}
