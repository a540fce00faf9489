// Early warnings and overrides over time, through the engine on fake-indexeddb with the clock
// moved: an alert fires when a customer enters a rule's condition (not on every rescore), a
// firing while it is live updates it, a dismissed alert does not come back while the condition
// holds, leaving and re-entering fires anew, and all of it survives reopening the book. An
// override lapses the day after its expiry, whether the book is reopened or left open.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { engine } from '../../src/worker/engine';
import { settle } from '../../src/worker/session/settle';
import { session } from '../../src/worker/session/open-book';
import type { BatchId, Customer, CustomerId, InvoiceEvent } from '../../src/domain/types';
import { got } from '../support/result';

/** Noon on a day, local time (the engine's "today" is the local date). */
const at = (iso: string) => new Date(`${iso}T12:00:00`);
const MANUAL = 'manual' as BatchId;
let workspace = '';

const customer = (id: string, tier: Customer['tier']): Customer => ({
  id: id as CustomerId, name: `Customer ${id}`, industry: 'retail', size: 'small', region: 'north', owner: 'Li', tier, since: '2024-01-01', creditLimit: null,
  currency: 'CNY', paymentTermsDays: 30, contractEnd: '', tags: [], notes: '', contact: '', phone: '', email: '', batch: MANUAL, updatedAt: 0,
});

const invoice = (customerId: string, invoiceId: string, due: string, paid = ''): Omit<InvoiceEvent, 'id'> => ({
  kind: 'invoice', customerId: customerId as CustomerId, batch: MANUAL, invoiceId, issued: '2026-01-01', due, amount: 1_000_00, currency: 'CNY', paid, paidAmount: paid ? 1_000_00 : 0,
});

/** The alerts of a rule for a customer, live and ended, as the engine lists them. */
async function alertsOf(customerId: string, ruleId: string) {
  await settle(session.open!);
  const all = [];
  for (const status of ['live', 'resolved', 'dismissed'] as const) all.push(...(got(await engine.listAlerts({ status }))).alerts);
  return all.filter((a) => a.customerId === customerId && a.ruleId === ruleId).sort((a, b) => a.raised - b.raised);
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at('2026-03-01'));
  const w = await engine.createWorkspace({ name: 'Warnings', locale: 'en' });
  if (!w.ok) throw new Error(w.code);
  workspace = w.value.id;
  for (const c of [customer('G1', 'general'), customer('K1', 'key')]) {
    const s = await engine.saveCustomer({ customer: c, create: true });
    if (!s.ok) throw new Error(s.code);
  }
});
afterAll(() => vi.useRealTimers());

describe('an alert over a customer’s life', () => {
  test('fires on entering, updates while live, stays dismissed while the condition holds, fires again after leaving and re-entering; all kept on reopening', async () => {
    // Due 2026-01-15: on 2026-03-01, 45 days past due — under the general customer's 60.
    const first = await engine.saveEvent({ event: invoice('G1', 'INV-1', '2026-01-15') });
    if (!first.ok) throw new Error(first.code);
    expect(await alertsOf('G1', 'days-past-due')).toEqual([]);

    // The days pass: on 2026-03-20 it is 64 days past due, and the rule fires once.
    vi.setSystemTime(at('2026-03-20'));
    got(await engine.queryCustomers({}));
    let alerts = await alertsOf('G1', 'days-past-due');
    expect(alerts.map((a) => [a.status, a.firings])).toEqual([['open', 1]]);
    // Rescoring, reading, and an edit that leaves the condition as it is fire nothing more.
    await engine.rescoreAll();
    const touched = await engine.getCustomer({ id: 'G1' });
    if (!touched.ok) throw new Error(touched.code);
    await engine.saveCustomer({ customer: { ...touched.value.customer, notes: 'called twice' }, create: false });
    expect((await alertsOf('G1', 'days-past-due')).map((a) => [a.status, a.firings])).toEqual([['open', 1]]);

    // Paid: the customer leaves the condition; a second overdue invoice re-enters it while the
    // alert is still open, so the same alert is updated, not a second one raised.
    const paid = await engine.saveEvent({ event: { ...first.value, paid: '2026-03-20', paidAmount: 1_000_00 } as InvoiceEvent });
    expect(paid.ok).toBe(true);
    const second = await engine.saveEvent({ event: invoice('G1', 'INV-2', '2026-01-10') });
    if (!second.ok) throw new Error(second.code);
    alerts = await alertsOf('G1', 'days-past-due');
    expect(alerts.map((a) => [a.status, a.firings])).toEqual([['open', 2]]);

    // Dismissed with a note: it does not come back while the invoice stays overdue, day after day.
    const dismissed = await engine.updateAlert({ id: alerts[0].id, status: 'dismissed', note: 'disputed, legal is on it' });
    expect(dismissed.ok).toBe(true);
    vi.setSystemTime(at('2026-03-25'));
    got(await engine.queryCustomers({}));
    await engine.rescoreAll();
    alerts = await alertsOf('G1', 'days-past-due');
    expect(alerts.map((a) => [a.status, a.note])).toEqual([['dismissed', 'disputed, legal is on it']]);

    // Reopened (another workspace in between, so the book is read from IndexedDB): still no new alert.
    const other = await engine.createWorkspace({ name: 'Elsewhere', locale: 'en' });
    if (!other.ok) throw new Error(other.code);
    expect((await engine.openWorkspace({ id: workspace, locale: 'en' })).ok).toBe(true);
    alerts = await alertsOf('G1', 'days-past-due');
    expect(alerts.map((a) => a.status)).toEqual(['dismissed']);

    // Left (paid) and re-entered (a new overdue invoice): a new alert, the dismissed one kept.
    const reread = await engine.getCustomer({ id: 'G1' });
    if (!reread.ok) throw new Error(reread.code);
    const inv2 = reread.value.events.find((e) => e.kind === 'invoice' && e.invoiceId === 'INV-2') as InvoiceEvent;
    expect((await engine.saveEvent({ event: { ...inv2, paid: '2026-03-25', paidAmount: 1_000_00 } })).ok).toBe(true);
    expect((await alertsOf('G1', 'days-past-due')).length).toBe(1);
    expect((await engine.saveEvent({ event: invoice('G1', 'INV-3', '2026-01-05') })).ok).toBe(true);
    alerts = await alertsOf('G1', 'days-past-due');
    expect(alerts.map((a) => a.status)).toEqual(['dismissed', 'open']);

    // And that open alert is the one after reopening, not a third.
    await engine.openWorkspace({ id: other.value.id, locale: 'en' });
    await engine.openWorkspace({ id: workspace, locale: 'en' });
    expect((await alertsOf('G1', 'days-past-due')).map((a) => [a.status, a.firings])).toEqual([['dismissed', 2], ['open', 1]]);
    await engine.deleteWorkspace({ id: other.value.id });
  });

  test('a key customer’s tighter threshold fires where a general customer’s does not', async () => {
    // 35 days past due on 2026-03-25: over the key threshold (30), under the general one (60).
    expect((await engine.saveEvent({ event: invoice('K1', 'K-1', '2026-02-18') })).ok).toBe(true);
    expect((await alertsOf('K1', 'days-past-due')).map((a) => a.status)).toEqual(['open']);
  });
});

describe('an override over time', () => {
  test('in force to its expiry day; lapsed the next day, whether the book stays open over midnight or is reopened', async () => {
    const row = async () => (got(await engine.queryCustomers({ query: { search: 'K1', filters: {}, sort: 'id', dir: 'asc' } }))).rows.find((r) => r.id === 'K1')!;
    const computed = (await row()).computedGrade;
    const grade = computed === 'critical' ? 'low' : 'critical';
    const set = await engine.setOverride({ id: 'K1', grade, reason: 'judgement: new owner', expires: '2026-03-26' });
    expect(set.ok).toBe(true);
    expect([(await row()).grade, (await row()).computedGrade]).toEqual([grade, computed]);

    // Left open: 23:59 on the expiry day, still in force; the next morning, lapsed, on the next look.
    vi.setSystemTime(new Date('2026-03-26T23:59:00'));
    expect((await row()).grade).toBe(grade);
    vi.setSystemTime(new Date('2026-03-27T00:01:00'));
    expect((await row()).grade).toBe((await row()).computedGrade);
    const risk = await engine.getCustomerRisk({ id: 'K1' });
    expect(risk.ok && risk.value.override).toBeNull();

    // Reopened after expiry: a second override, expiring 2026-03-28, read back on the 29th.
    expect((await engine.setOverride({ id: 'K1', grade, reason: 'again', expires: '2026-03-28' })).ok).toBe(true);
    const other = await engine.createWorkspace({ name: 'Away', locale: 'en' });
    if (!other.ok) throw new Error(other.code);
    vi.setSystemTime(at('2026-03-29'));
    await engine.openWorkspace({ id: workspace, locale: 'en' });
    expect((await row()).grade).toBe((await row()).computedGrade);
    vi.setSystemTime(at('2026-03-28'));
    await engine.openWorkspace({ id: other.value.id, locale: 'en' });
    await engine.openWorkspace({ id: workspace, locale: 'en' });
    // On its expiry day it is in force again (the override itself is kept, only its lapse is by date).
    expect((await row()).grade).toBe(grade);
  });
});
