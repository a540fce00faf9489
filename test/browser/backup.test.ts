// Backup and restore in real Chromium: a workspace with imports, alerts, scores and settings
// backed up (plain and encrypted) and restored as a new workspace identical store by store;
// a wrong passphrase leaves no workspace behind; arbitrary workspaces round-trip.
import { afterAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { engine } from '../../src/worker/client';
import { DEFAULT_QUERY } from '../../src/domain/query';
import { WorkspaceDB, type WorkspaceInfo } from '../../src/storage/databases';
import { dumpWorkspace } from '../../src/storage/backup';
import type { Customer, CustomerId, BatchId } from '../../src/domain/types';
import { got } from '../support/result';

const api = engine();
const created = new Set<string>();
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

async function dump(info: WorkspaceInfo) {
  const db = new WorkspaceDB(info.dbName);
  try {
    return (await dumpWorkspace(db)).stores;
  } finally {
    db.close();
  }
}

async function listAll() {
  return (got(await api.queryCustomers({ query: { ...DEFAULT_QUERY, sort: 'id', dir: 'asc' }, limit: 500 }))).rows;
}

async function restore(file: Blob, passphrase?: string) {
  const r = await api.restoreBackup({ file, passphrase });
  if (r.ok) created.add(r.value.id);
  return r;
}

describe('backup and restore', () => {
  test('a workshop book with an import and settings restores as an identical workspace', async () => {
    const w = await api.createWorkspace({ name: '华东 workshop', demo: { book: 'workshop', seed: 5, locale: 'zh-CN' }, locale: 'zh-CN' });
    if (!w.ok) throw new Error(w.code);
    created.add(w.value.id);
    const csv = 'customer id,customer name,tags\r\nNEW1,新客户,"a, b"\r\n';
    const p = await api.previewImport({ file: new File([csv], 'new.csv'), options: { kind: 'customer' } });
    if (!p.ok) throw new Error(p.code);
    expect((await api.commitImport({ token: p.value.token })).ok).toBe(true);
    const saved = await api.saveSegmentSettings({ settings: { abcBy: 'expected' } });
    expect(saved.ok && [saved.value.abcBy, saved.value.abcCuts]).toEqual(['expected', [0.8, 0.95]]);
    const before = await listAll();

    const b = await api.backupWorkspace({});
    if (!b.ok) throw new Error(b.code);
    expect(b.value.name).toMatch(/\.custos$/);
    const info = (got(await api.listWorkspaces())).find((x) => x.id === w.value.id)!;
    expect(info.lastBackupAt).toBeGreaterThan(Date.now() - 60_000);

    const r = await restore(b.value.blob);
    if (!r.ok) throw new Error(`${r.code} ${r.detail}`);
    expect(r.value.id).not.toBe(w.value.id);
    expect(r.value.name).toBe('华东 workshop');
    // A restored book is a real book, whatever it was made from: no "Reset demo" over the user's data.
    expect(r.value.demo).toBeNull();
    // Store by store, record by record, the same.
    expect(await dump(r.value)).toEqual(await dump(info));
    const opened = await api.openWorkspace({ id: r.value.id, locale: 'zh-CN' });
    expect(opened.ok && opened.value.customers).toBe(201);
    expect(await listAll()).toEqual(before);
    expect((got(await api.listImports())).map((x) => x.label)).toEqual(['new.csv']);
    expect((got(await api.getSegments()))!.settings.abcBy).toBe('expected');
  });

  test('backup → restore → merge back carries segment settings, rule segments, model revisions, overrides and alert statuses', async () => {
    const w = await api.createWorkspace({ name: 'Carried', demo: { book: 'workshop', seed: 15, locale: 'en' }, locale: 'en' });
    if (!w.ok) throw new Error(w.code);
    created.add(w.value.id);
    // Everything a user sets beside the records.
    expect((await api.saveSegmentSettings({ settings: { abcCuts: [0.7, 0.9], rfmCuts: { r: [30, 60, 90, 180], f: [2, 3, 5, 8], m: [100, 1000, 10000, 100000] } } })).ok).toBe(true);
    const rule = await api.saveRuleSegment({ rule: { id: '', name: 'Key accounts', filters: { tier: 'key' } } });
    if (!rule.ok) throw new Error(rule.code);
    const draft = structuredClone((got(await api.getModel()))!.model);
    draft.dimensions.credit.weight = 180;
    const published = await api.publishModel({ draft });
    expect(published.ok && published.value.revision).toBe(2);
    const someone = (await listAll())[3].id;
    const override = await api.setOverride({ id: someone, grade: 'critical', reason: 'court case pending', expires: '2099-12-31' });
    expect(override.ok).toBe(true);
    const live = (got(await api.listAlerts({}))).alerts;
    expect(live.length).toBeGreaterThan(2);
    expect((await api.updateAlert({ id: live[0].id, status: 'acknowledged' })).ok).toBe(true);
    expect((await api.updateAlert({ id: live[1].id, status: 'dismissed', note: 'known, paid by transfer' })).ok).toBe(true);

    /** What the user set, as the engine shows it. */
    const state = async () => {
      const model = (got(await api.getModel()))!;
      const seg = (got(await api.getSegments()))!;
      const risk = await api.getCustomerRisk({ id: someone });
      const alerts = [...(got(await api.listAlerts({}))).alerts, ...(got(await api.listAlerts({ status: 'dismissed' }))).alerts]
        .map((a) => [a.customerId, a.ruleId, a.status, a.note]).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
      return {
        settings: seg.settings, rules: seg.rules.map((r) => [r.id, r.name]), revision: model.model.revision, creditWeight: model.model.dimensions.credit.weight,
        published: model.published.map((p) => p.revision), override: risk.ok ? [risk.value.override?.grade, risk.value.override?.reason, risk.value.row.grade] : null, alerts,
      };
    };
    const mine = await state();
    expect(mine.alerts.some((a) => a[2] === 'dismissed' && a[3] === 'known, paid by transfer')).toBe(true);
    expect(mine.override).toEqual(['critical', 'court case pending', 'critical']);

    const b = await api.backupWorkspace({ passphrase: 'carry it all' });
    if (!b.ok) throw new Error(b.code);
    const r = await restore(b.value.blob, 'carry it all');
    if (!r.ok) throw new Error(r.code);
    await api.openWorkspace({ id: r.value.id, locale: 'en' });
    expect(await state()).toEqual(mine);

    // The copy backed up and merged back into the first book: nothing of it is lost or doubled.
    const copy = await api.backupWorkspace({});
    if (!copy.ok) throw new Error(copy.code);
    await api.openWorkspace({ id: w.value.id, locale: 'en' });
    const p = await api.previewMerge({ file: copy.value.blob });
    if (!p.ok) throw new Error(p.code);
    expect(p.value.counts).toMatchObject({ customersNew: 0, eventsNew: 0, conflicts: 0 });
    const c = await api.commitImport({ token: p.value.token });
    expect(c.ok).toBe(true);
    expect(await state()).toEqual(mine);
  });

  test('encrypted: the wrong passphrase is told and leaves no workspace; the right one restores', async () => {
    const w = await api.createWorkspace({ name: 'Secret', demo: { book: 'workshop', seed: 6, locale: 'en' }, locale: 'en' });
    if (!w.ok) throw new Error(w.code);
    created.add(w.value.id);
    const b = await api.backupWorkspace({ passphrase: 'open sesame 42' });
    if (!b.ok) throw new Error(b.code);
    const inspected = await api.inspectBackup({ file: b.value.blob });
    // The readable header names no book: its name, id and counts are inside the ciphertext.
    expect(inspected.ok && [inspected.value.workspace, inspected.value.encryption?.cipher]).toEqual([undefined, 'AES-256-GCM']);
    const headerText = new TextDecoder().decode(new Uint8Array(await b.value.blob.slice(0, 2048).arrayBuffer()));
    expect(headerText).not.toContain('Secret');
    expect(headerText).not.toContain(w.value.id);
    expect(b.value.name).not.toContain('Secret');

    const count = (got(await api.listWorkspaces())).length;
    for (const [pass, code] of [[undefined, 'backup.passphrase_needed'], ['open sesame 43', 'backup.wrong_passphrase']] as const) {
      const r = await restore(b.value.blob, pass);
      expect(r.ok ? 'restored' : r.issues?.[0].code).toBe(code);
    }
    const bytes = new Uint8Array(await b.value.blob.arrayBuffer());
    bytes[bytes.length - 1] ^= 0x40;
    const damaged = await restore(new Blob([bytes]), 'open sesame 42');
    expect(damaged.ok ? 'restored' : damaged.issues?.[0].code).toBe('backup.damaged');
    expect((got(await api.listWorkspaces())).length).toBe(count);

    const r = await restore(b.value.blob, 'open sesame 42');
    expect(r.ok).toBe(true);
    expect((got(await api.listWorkspaces())).length).toBe(count + 1);
  });

  test('a file that is no backup is refused as such', async () => {
    const r = await restore(new Blob(['customer id,name\r\nC1,x\r\n']));
    expect(r.ok ? 'restored' : r.issues?.[0].code).toBe('backup.not_backup');
  });

  test('arbitrary workspaces round-trip through a backup', async () => {
    const customer = fc.record({
      id: fc.stringMatching(/^[A-Z][0-9A-Z]{0,7}$/), name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== ''),
      creditLimit: fc.option(fc.nat(1e9), { nil: null }), tags: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 3 }), notes: fc.string({ maxLength: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(customer, { selector: (c) => c.id, minLength: 0, maxLength: 6 }), async (customers) => {
        const w = await api.createWorkspace({ name: 'Arbitrary', locale: 'en' });
        if (!w.ok) throw new Error(w.code);
        created.add(w.value.id);
        for (const c of customers) {
          const full: Customer = {
            industry: '', size: '', region: '', owner: '', tier: 'general', since: '', currency: 'CNY', paymentTermsDays: null, contractEnd: '', contact: '', phone: '', email: '',
            batch: 'manual' as BatchId, updatedAt: 0, ...c, id: c.id as CustomerId,
          };
          const s = await api.saveCustomer({ customer: full, create: true });
          if (!s.ok) throw new Error(`${s.code} ${JSON.stringify(s.issues)}`);
        }
        const b = await api.backupWorkspace({});
        if (!b.ok) throw new Error(b.code);
        const info = (got(await api.listWorkspaces())).find((x) => x.id === w.value.id)!;
        const r = await restore(b.value.blob);
        if (!r.ok) throw new Error(r.code);
        expect(await dump(r.value)).toEqual(await dump(info));
        await api.deleteWorkspace({ id: r.value.id });
        await api.deleteWorkspace({ id: w.value.id });
      }),
      { numRuns: 8 },
    );
  });
});
