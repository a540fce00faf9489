// A backup's stores are checked store by store before a restore writes anything: each bad
// store is refused as damaged and named, and a good backup passes.
import 'fake-indexeddb/auto';
import { expect, test } from 'vitest';
import { BackupProblem, dumpWorkspace } from '../../../src/storage/backup';
import { WorkspaceDB } from '../../../src/storage/databases';
import { checkStores } from '../../../src/worker/book/check-stores';
import { engine } from '../../../src/worker/engine';
import { session } from '../../../src/worker/session/open-book';
import { settle } from '../../../src/worker/session/settle';
import { got } from '../../support/result';

const w = got(await engine.createWorkspace({ name: 'Checked', demo: { book: 'workshop', seed: 9, locale: 'en' }, locale: 'en' }));
await settle(session.open!);
const { stores } = await dumpWorkspace(new WorkspaceDB(w.dbName));

/** The store a check names, or 'ok'. */
function verdict(changed: Record<string, unknown[]>): string {
  try {
    checkStores({ ...stores, ...changed }, 'en', '2026-12-01');
    return 'ok';
  } catch (err) {
    if (err instanceof BackupProblem && err.code === 'damaged') return String(err.params.store);
    throw err;
  }
}

test('a good backup passes, every bad store is named', () => {
  expect(stores.shards.length).toBeGreaterThan(0);
  expect(stores.history.length).toBeGreaterThan(0);
  expect(verdict({})).toBe('ok');
  const meta = stores.meta as { key: string; value: unknown }[];
  expect(verdict({ meta: meta.map((r) => (r.key === 'shardCount' ? { ...r, value: 0 } : r)) })).toBe('meta');
  expect(verdict({ meta: meta.map((r) => (r.key === 'nextEventId' ? { ...r, value: -3 } : r)) })).toBe('meta');
  expect(verdict({ meta: [...meta, { value: 1 }] })).toBe('meta');
  expect(verdict({ batches: [{ kind: 'demo' }] })).toBe('batches');
  expect(verdict({ alerts: [{ id: 'a', customerId: 5 }] })).toBe('alerts');
  expect(verdict({ shards: [...stores.shards, { ...(stores.shards[0] as object), no: 9999 }] })).toBe('shards');
  expect(verdict({ shards: [{ no: 0, tables: 'nonsense' }] })).toBe('shards');
  expect(verdict({ history: [{ no: 0, ids: 5 }] })).toBe('history');
  expect(verdict({ shards: 'not a list' as never })).toBe('shards');
});
