// The demo books: reproducible from a seed, and every planted story is really in the data.
import { describe, expect, test } from 'vitest';
import { dayFromIso, daysBetween } from '../../src/domain/dates';
import { demoStories, generateBook, type DemoSpec } from '../../src/domain/demo/book';
import type { BookEvent, InvoiceEvent, OrderEvent } from '../../src/domain/types';

const spec: DemoSpec = { book: 'workshop', seed: 7, locale: 'zh-CN', asOf: '2026-06-30' };
const book = [...generateBook(spec)];
const stories = demoStories(spec);
const eventsOf = (id: string) => book.find((c) => c.customer.id === id)!.events as BookEvent[];
const orders = (id: string) => eventsOf(id).filter((e): e is OrderEvent => e.kind === 'order').sort((a, b) => (a.date < b.date ? -1 : 1));
const invoices = (id: string) => eventsOf(id).filter((e): e is InvoiceEvent => e.kind === 'invoice').sort((a, b) => (a.issued < b.issued ? -1 : 1));

describe('demo books', () => {
  test('same seed → same book; another seed → another book', () => {
    expect([...generateBook(spec)]).toEqual(book);
    const other = [...generateBook({ ...spec, seed: 8 })];
    expect(other.map((c) => c.events.length)).not.toEqual(book.map((c) => c.events.length));
  });

  test('workshop size: 200 customers with unique ids and ~5,000 events', () => {
    expect(new Set(book.map((c) => c.customer.id)).size).toBe(200);
    const events = book.reduce((n, c) => n + c.events.length, 0);
    expect(events).toBeGreaterThan(4000);
    expect(events).toBeLessThan(7000);
  });

  test('names follow the language', () => {
    expect(book[0].customer.name).toMatch(/有限公司$/);
    const en = [...generateBook({ ...spec, locale: 'en' })];
    expect(en[0].customer.name).toMatch(/^[A-Z][a-z]+ /);
    const tw = [...generateBook({ ...spec, locale: 'zh-TW' })];
    expect(tw.map((c) => c.customer.region)).toContain('北部');
  });

  test('steady key accounts order monthly and pay on time', () => {
    for (const id of stories.steady) {
      const c = book.find((x) => x.customer.id === id)!.customer;
      expect(c.tier).toBe('key');
      expect(orders(id).length).toBeGreaterThanOrEqual(20);
      expect(invoices(id).every((i) => !i.paid || i.paid <= i.due)).toBe(true);
    }
  });

  test('late payers pay later and later, and their last invoices are overdue', () => {
    for (const id of stories.latePayers) {
      const inv = invoices(id);
      const late = inv.filter((i) => i.paid).map((i) => daysBetween(i.due, i.paid));
      expect(late.at(-1)!).toBeGreaterThan(late[0] + 30);
      const unpaid = inv.filter((i) => !i.paid);
      expect(unpaid.length).toBe(3);
      expect(unpaid.every((i) => i.due < spec.asOf)).toBe(true);
    }
  });

  test('fading customers: gaps between orders grow, and orders stopped 150+ days ago', () => {
    for (const id of stories.fading) {
      const days = orders(id).map((o) => dayFromIso(o.date));
      const gaps = days.slice(1).map((d, i) => d - days[i]);
      expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]);
      expect(daysBetween(orders(id).at(-1)!.date, spec.asOf)).toBeGreaterThanOrEqual(150);
    }
  });

  test('complaint-heavy accounts: many recent complaints, slow, some open high/critical', () => {
    const since = Date.parse('2026-04-01');
    for (const id of stories.complaintHeavy) {
      const cs = eventsOf(id).filter((e) => e.kind === 'complaint' && e.opened >= since);
      expect(cs.length).toBeGreaterThanOrEqual(8);
      expect(cs.some((c) => c.kind === 'complaint' && c.resolved === null && (c.severity === 'critical' || c.severity === 'high'))).toBe(true);
    }
  });

  test('a detractor wave: many NPS 0–6 surveys inside the wave window', () => {
    const { from, to } = stories.detractorWave;
    const inWave = book.flatMap((c) => c.events).filter((e) => e.kind === 'survey' && e.date >= from && e.date <= to && e.nps !== null);
    const detractors = inWave.filter((e) => e.kind === 'survey' && e.nps! <= 6).length;
    expect(detractors).toBeGreaterThan(30);
    expect(detractors / inWave.length).toBeGreaterThan(0.5);
  });

  test('one customer holds about a third of all revenue', () => {
    const revenue = (id: string) => orders(id).reduce((s, o) => s + o.amount, 0);
    const total = book.reduce((s, c) => s + revenue(c.customer.id), 0);
    expect(revenue(stories.anchor) / total).toBeCloseTo(1 / 3, 2);
  });

  test('missing fields and duplicates are planted', () => {
    for (const id of stories.missingFields) {
      const c = book.find((x) => x.customer.id === id)!.customer;
      expect([c.industry, c.region, c.owner, c.phone]).toEqual(['', '', '', '']);
    }
    for (const [a, b] of stories.duplicates) {
      const ca = book.find((x) => x.customer.id === a)!.customer;
      const cb = book.find((x) => x.customer.id === b)!.customer;
      expect(ca.id).not.toBe(cb.id);
      expect(cb.phone).toBe(ca.phone);
      expect(ca.name.startsWith(cb.name)).toBe(true);
    }
  });
});

test('no demo record is dated after the day the book is generated as of', () => {
  for (const c of book) {
    for (const e of c.events as BookEvent[]) {
      const d = e.kind === 'invoice' ? e.issued : e.kind === 'complaint' ? new Date(e.opened).toISOString().slice(0, 10) : e.date;
      expect(d <= spec.asOf, `${c.customer.id} ${e.kind} ${d}`).toBe(true);
    }
  }
});
