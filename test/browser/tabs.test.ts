// Another tab upgrading the database must not hang: the engine closes its connection and
// tells the page, which asks the user to reload.
import { expect, test } from 'vitest';
import { engine, proxy } from '../../src/worker/client';
import type { EngineNotice } from '../../src/worker/api';

test('an upgrade from another tab is not blocked and the page is told to reload', async () => {
  const api = engine();
  const notices: EngineNotice[] = [];
  await api.subscribe(proxy((n: EngineNotice) => notices.push(n)));
  const r = await api.createWorkspace({ name: 'upgrade me', locale: 'en' });
  if (!r.ok) throw new Error(r.code);
  const upgraded = await new Promise<number>((resolve, reject) => {
    const req = indexedDB.open(r.value.dbName, 99);
    req.onblocked = () => reject(new Error('blocked'));
    req.onsuccess = () => {
      const v = req.result.version;
      req.result.close();
      resolve(v);
    };
    req.onerror = () => reject(req.error);
  });
  expect(upgraded).toBe(99);
  await expect.poll(() => notices.map((n) => n.type)).toContain('versionchange');
  await new Promise<void>((resolve) => {
    const del = indexedDB.deleteDatabase(r.value.dbName);
    del.onsuccess = del.onerror = () => resolve();
  });
});
