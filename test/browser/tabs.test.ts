// Two tabs on one book: another tab upgrading the database must not hang (the engine closes its
// connection and tells the page, which asks the user to reload), and what one tab saves
// reaches the other's engine.
import { expect, test } from 'vitest';
import { wrap } from 'comlink';
import { engine, proxy } from '../../src/worker/client';
import type { EngineApi, EngineNotice } from '../../src/worker/api';
import { got } from '../support/result';

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

test('rule segments and segment settings saved in one tab reach the other tab', async () => {
  const a = engine();
  // A second tab's engine: its own worker, over the same databases, hearing of changes on the same channel.
  const worker = new Worker(new URL('../../src/worker/worker.ts', import.meta.url), { type: 'module' });
  const b = wrap<EngineApi>(worker);
  try {
    const w = got(await a.createWorkspace({ name: 'two tabs', locale: 'en' }));
    got(await b.openWorkspace({ id: w.id, locale: 'en' }));
    // The other tab has read its rules and settings (and keeps them for its book).
    expect(got(await b.listRuleSegments())).toEqual([]);
    expect(got(await b.getSegments()).settings.abcCuts).toEqual([0.8, 0.95]);

    const rule = got(await a.saveRuleSegment({ rule: { id: '', name: 'Key accounts in the north', filters: { region: 'North', tier: 'key' } } }));
    await expect.poll(async () => got(await b.listRuleSegments()).map((r) => r.name)).toEqual(['Key accounts in the north']);

    got(await a.saveSegmentSettings({ settings: { abcCuts: [0.7, 0.9] } }));
    await expect.poll(async () => got(await b.getSegments()).settings.abcCuts).toEqual([0.7, 0.9]);

    got(await a.deleteRuleSegment({ id: rule.id }));
    await expect.poll(async () => got(await b.listRuleSegments())).toEqual([]);
    got(await a.deleteWorkspace({ id: w.id }));
  } finally {
    worker.terminate();
  }
});
