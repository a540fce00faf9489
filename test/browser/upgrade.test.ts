// Books written by earlier schemas, opened by the engine in real Chromium: a schema-1 book
// (customers as one JSON text), a schema-4 book (the release before facts were stored) and a
// schema-5 book (the release before actions and reviews, its model of format 2 without alert
// rules) are upgraded in place by Chromium's IndexedDB and show the same customers, events,
// alerts and score history as they were written with.
import { afterAll, describe, expect, test } from 'vitest';
import Dexie from 'dexie';
import { engine } from '../../src/worker/client';
import { buildDemoShards } from '../../src/worker/book/demo';
import { Job } from '../../src/worker/session/jobs';
import { decodeCustomers } from '../../src/domain/columns';
import { DEFAULT_QUERY } from '../../src/domain/query';
import { RegistryDB, WorkspaceDB, type WorkspaceInfo } from '../../src/storage/databases';
import { SHARD_COUNT, WORKSPACE_SCHEMA } from '../../src/storage/schema';
import { packHistory, packShard } from '../../src/storage/packing';
import { shardAsV1 } from '../support/old-schema';
import type { Alert } from '../../src/domain/risk/alerts';
import { got } from '../support/result';
import { DEFAULT_MODEL } from '../../src/domain/risk/model';
import { DEFAULT_RULES } from '../../src/domain/risk/alerts';

const api = engine();
const ids: string[] = [];
afterAll(async () => {
  for (const id of ids) await api.deleteWorkspace({ id });
});
const spec = { book: 'workshop' as const, seed: 31, locale: 'en' as const, asOf: '2026-06-30' };

/** Registers a database written by hand, as the app of that release registered its books. */
async function register(id: string, dbName: string, customers: number, events: number) {
  const registry = new RegistryDB();
  const info: WorkspaceInfo = { id, name: `Old ${id}`, dbName, createdAt: 1, updatedAt: 1, demo: null, customers, events };
  await registry.workspaces.put(info);
  registry.close();
  ids.push(id);
}

/** Every customer and its events, as the engine shows them. */
async function shown() {
  const rows = (got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, sort: 'id', dir: 'asc' }, limit: 500 }))).rows;
  return Promise.all(rows.map(async (r) => {
    const c = await api.getCustomer({ id: r.id });
    if (!c.ok) throw new Error(c.code);
    const { batch: _b, ...customer } = c.value.customer;
    return { customer, events: c.value.events.length };
  }));
}

const expected = (built: Awaited<ReturnType<typeof buildDemoShards>>) =>
  built.shards
    .flatMap((s) => decodeCustomers(s.customers).map((c) => {
      const { batch: _b, ...customer } = c;
      return { customer, events: Object.values(s.events).reduce((n, t) => n + Array.from((t.cols.customerId as { idx: ArrayLike<number>; dict: string[] }).idx).filter((k) => (t.cols.customerId as { dict: string[] }).dict[k] === c.id).length, 0) };
    }))
    .sort((a, b) => (a.customer.id < b.customer.id ? -1 : 1));

describe('books from earlier schemas', () => {
  test('schema 1: customers as JSON upgraded in Chromium to columns; every customer and event as written', async () => {
    const built = await buildDemoShards(spec, SHARD_COUNT, new Job(undefined), 1);
    const dbName = `custos-ws-old1-${Date.now()}`;
    // Listed before its database is written: another page's clean-up removes a workspace database no book points to.
    const events = built.shards.reduce((n, s) => n + Object.values(s.events).reduce((m, t) => m + t.n, 0), 0);
    await register('old1', dbName, 200, events);
    const old = new Dexie(dbName);
    old.version(1).stores(WORKSPACE_SCHEMA[0].stores);
    await old.open();
    await old.table('shards').bulkPut(built.shards.map(shardAsV1));
    await old.table('meta').bulkPut([{ key: 'shardCount', value: SHARD_COUNT }, { key: 'nextEventId', value: built.nextEventId }]);
    old.close();

    const opened = await api.openWorkspace({ id: 'old1', locale: 'en' });
    if (!opened.ok) throw new Error(`${opened.code} ${opened.detail ?? ''}`);
    expect([opened.value.customers, opened.value.events]).toEqual([200, events]);
    expect(await shown()).toEqual(expected(built));
    const db = new WorkspaceDB(dbName);
    await db.open();
    expect(db.verno).toBe(WORKSPACE_SCHEMA.at(-1)!.version);
    db.close();
  });

  test('schema 4 (the release before stored facts): alerts and score history kept through the upgrade', async () => {
    const built = await buildDemoShards(spec, SHARD_COUNT, new Job(undefined), 1);
    const dbName = `custos-ws-old4-${Date.now()}`;
    // Listed before its database is written: another page's clean-up removes a workspace database no book points to.
    const events = built.shards.reduce((n, s) => n + Object.values(s.events).reduce((m, t) => m + t.n, 0), 0);
    await register('old4', dbName, 200, events);
    const old = new Dexie(dbName);
    for (const v of WORKSPACE_SCHEMA.slice(0, 4)) old.version(v.version).stores(v.stores);
    await old.open();
    await old.table('shards').bulkPut(built.shards.map(packShard));
    await old.table('meta').bulkPut([{ key: 'shardCount', value: SHARD_COUNT }, { key: 'nextEventId', value: built.nextEventId }]);
    const first = decodeCustomers(built.shards.find((s) => s.customers.n > 0)!.customers)[0];
    const no = built.shards.findIndex((s) => decodeCustomers(s.customers).some((c) => c.id === first.id));
    const alert: Alert = { id: 'old-alert', customerId: first.id, ruleId: 'score-high', raised: 1, updated: 2, status: 'acknowledged', note: 'seen in 2025', score: 80, firings: 3 };
    await old.table('alerts').put(alert);
    await old.table('history').put(packHistory(no, { ids: [first.id], cust: [0], day: [20_000], score: [81.5], grade: [3], revision: [1], cond: [1] }));
    old.close();

    const opened = await api.openWorkspace({ id: 'old4', locale: 'en' });
    if (!opened.ok) throw new Error(`${opened.code} ${opened.detail ?? ''}`);
    expect(await shown()).toEqual(expected(built));
    const live = (got(await api.listAlerts({}))).alerts.find((a) => a.id === 'old-alert');
    expect(live && [live.status, live.note, live.firings]).toEqual(['acknowledged', 'seen in 2025', 3]);
    const risk = await api.getCustomerRisk({ id: first.id });
    expect(risk.ok && risk.value.history[0]).toEqual({ date: '2024-10-04', score: 81.5, grade: 'critical', revision: 1 });
  });

  test('schema 5 (the release before actions and reviews): opens with none, its format-2 model gains the default alert rules, and the first action is kept', async () => {
    const built = await buildDemoShards({ ...spec, seed: 32 }, SHARD_COUNT, new Job(undefined), 1);
    const dbName = `custos-ws-old5-${Date.now()}`;
    // Listed before its database is written: another page's clean-up removes a workspace database no book points to.
    const events = built.shards.reduce((n, s) => n + Object.values(s.events).reduce((m, t) => m + t.n, 0), 0);
    await register('old5', dbName, 200, events);
    const old = new Dexie(dbName);
    for (const v of WORKSPACE_SCHEMA.slice(0, 5)) old.version(v.version).stores(v.stores);
    await old.open();
    expect(old.tables.map((t) => t.name)).not.toContain('actions');
    await old.table('shards').bulkPut(built.shards.map(packShard));
    const { alerts: _rules, ...format2 } = { ...structuredClone(DEFAULT_MODEL), format: 2, revision: 4 };
    format2.indicators['credit.max_days_past_due'].weight = 7;
    await old.table('meta').bulkPut([{ key: 'shardCount', value: SHARD_COUNT }, { key: 'nextEventId', value: built.nextEventId }, { key: 'model', value: format2 }, { key: 'models', value: [format2] }]);
    const first = decodeCustomers(built.shards.find((s) => s.customers.n > 0)!.customers)[0];
    const alert: Alert = { id: 'old5-alert', customerId: first.id, ruleId: 'days-past-due', raised: 1, updated: 2, status: 'open', note: '', score: 70, firings: 1 };
    await old.table('alerts').put(alert);
    old.close();

    const opened = await api.openWorkspace({ id: 'old5', locale: 'en' });
    if (!opened.ok) throw new Error(`${opened.code} ${opened.detail ?? ''}`);
    expect(await shown()).toEqual(expected(built));
    const { model } = got(await api.getModel())!;
    expect([model.revision, model.indicators['credit.max_days_past_due'].weight]).toEqual([4, 7]);
    expect(model.alerts).toEqual(DEFAULT_RULES);
    const before = got(await api.getResponses({ id: first.id }));
    expect([before.actions, before.reviews]).toEqual([[], []]);
    // An alert from the old release still takes a response.
    const live = got(await api.listAlerts({})).alerts.find((a) => a.id === 'old5-alert')!;
    expect(live.actions).toEqual([]);
    const added = got(await api.addAction({ customerId: first.id, alertId: live.id, strategy: 'reduce', title: 'Call about the overdue invoice', owner: 'Dana', due: '2026-07-03' }));
    got(await api.openWorkspace({ id: 'old5', locale: 'en' }));
    expect(got(await api.getResponses({ id: first.id })).actions).toEqual([added]);
    const db = new WorkspaceDB(dbName);
    await db.open();
    expect(db.verno).toBe(WORKSPACE_SCHEMA[WORKSPACE_SCHEMA.length - 1].version);
    db.close();
  });
});
