import { describe, expect, test } from 'vitest';
import { backupState } from '../../src/domain/export/reminder';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 0, 1);

describe('backup reminder', () => {
  test('a nudge after 30 days of changes without a backup; none for an unchanged book or a demo', () => {
    expect(backupState({ createdAt: t0, updatedAt: t0 + 5 * DAY }, t0 + 29 * DAY)).toEqual({ last: null, days: 29, due: false });
    expect(backupState({ createdAt: t0, updatedAt: t0 + 5 * DAY }, t0 + 30 * DAY).due).toBe(true);
    // Backed up after the last change: nothing to say, however long ago.
    expect(backupState({ createdAt: t0, updatedAt: t0 + DAY, lastBackupAt: t0 + 2 * DAY }, t0 + 90 * DAY)).toEqual({ last: t0 + 2 * DAY, days: 88, due: false });
    // Changed since the backup, 30 days ago.
    expect(backupState({ createdAt: t0, updatedAt: t0 + 10 * DAY, lastBackupAt: t0 + 2 * DAY }, t0 + 32 * DAY).due).toBe(true);
    expect(backupState({ createdAt: t0, updatedAt: t0 + 10 * DAY, demo: { book: 'workshop' } }, t0 + 60 * DAY).due).toBe(false);
  });
});
