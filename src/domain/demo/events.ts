// The event histories of demo customers: an ordinary customer, and the planted stories a
// trainer looks for (steady, late payer, fading, complaint-heavy, the big anchor account).

import { addDays, dayFromIso, instantOfDay, isoFromDay } from '../dates';
import type { Rng } from '../random';
import type { BatchId, Channel, CustomerId, IsoDate, NewEvent, Severity } from '../types';
import { CHANNELS } from '../types';
import type { VOCABULARY } from './names';

export interface Ctx {
  rng: Rng;
  id: CustomerId;
  asOf: IsoDate;
  /** Earliest date the history may start. */
  start: IsoDate;
  batch: BatchId;
  vocab: (typeof VOCABULARY)[keyof typeof VOCABULARY];
  terms: number;
  /** Typical order amount in minor units. */
  orderSize: number;
  /** Target number of events of an ordinary customer. */
  perCustomer: number;
  /** Detractor-wave window, if this customer is caught in it. */
  wave: { from: IsoDate; to: IsoDate } | null;
}

/** Rounds `x` up or down at random so that small expected counts still average right. */
export function count(rng: Rng, x: number): number {
  const f = Math.floor(x);
  return f + (rng.chance(x - f) ? 1 : 0);
}

export function randomDate(rng: Rng, from: IsoDate, to: IsoDate): IsoDate {
  const a = dayFromIso(from), b = dayFromIso(to);
  return isoFromDay(rng.int(Math.min(a, b), b));
}

/** An order and its invoice; `late` days after due it is paid, null leaves it unpaid. */
export function sale(c: Ctx, date: IsoDate, amount: number, late: number | null, seq: number): NewEvent[] {
  const due = addDays(date, c.terms);
  const payDay = late === null ? '' : late <= 0 ? addDays(date, Math.max(0, c.terms + late)) : addDays(due, late);
  const paid = payDay && payDay <= c.asOf ? payDay : '';
  const category = c.rng.pick(c.vocab.orderCategories);
  return [
    { kind: 'order', customerId: c.id, batch: c.batch, date, amount, currency: c.vocab.currency, category },
    {
      kind: 'invoice', customerId: c.id, batch: c.batch, invoiceId: `${c.id}-${String(seq).padStart(4, '0')}`,
      issued: date, due, amount, currency: c.vocab.currency, paid, paidAmount: paid ? amount : 0,
    },
  ];
}

export function orderAmount(c: Ctx): number {
  return Math.max(100, Math.round((c.orderSize * Math.exp(0.35 * c.rng.normal())) / 100) * 100);
}

export function interaction(c: Ctx, date: IsoDate, sentiment: -1 | 0 | 1, channel?: Channel): NewEvent {
  return { kind: 'interaction', customerId: c.id, batch: c.batch, date, channel: channel ?? c.rng.pick(CHANNELS), sentiment };
}

export function survey(c: Ctx, date: IsoDate, csat: number | null, nps: number | null, comment = ''): NewEvent {
  return { kind: 'survey', customerId: c.id, batch: c.batch, date, csat, nps, comment };
}

export function complaint(c: Ctx, date: IsoDate, severity: Severity, responseH: number | null, resolveDays: number | null, reopened: boolean): NewEvent {
  const opened = instantOfDay(dayFromIso(date), c.rng.int(8, 17));
  const close = (ms: number | null) => (ms === null || ms > instantOfDay(dayFromIso(c.asOf), 18) ? null : ms);
  const firstResponse = close(responseH === null ? null : opened + responseH * 3_600_000);
  return {
    kind: 'complaint', customerId: c.id, batch: c.batch, opened, firstResponse,
    resolved: firstResponse === null ? null : close(resolveDays === null ? null : opened + resolveDays * 86_400_000),
    severity, category: c.rng.pick(c.vocab.complaintCategories), channel: c.rng.pick(CHANNELS), reopened,
  };
}

/** The service and satisfaction side every customer has, scaled to `perCustomer`. */
function contacts(c: Ctx, out: NewEvent[], mood: { sentiment: number; csat: number }): void {
  const r = c.rng;
  for (let i = count(r, c.perCustomer * 0.2); i > 0; i--) {
    const s = r.next() < mood.sentiment ? 1 : r.chance(0.15) ? -1 : 0;
    out.push(interaction(c, randomDate(r, c.start, c.asOf), s as -1 | 0 | 1));
  }
  for (let i = count(r, c.perCustomer * 0.06); i > 0; i--) {
    const csat = Math.min(5, Math.max(1, Math.round(mood.csat + r.normal() * 0.7)));
    const kind = r.next();
    // NPS follows CSAT as it does in real surveys: 5 → 9–10, 4 → 7–9, 3 → 5–7, 2 → 3–5, 1 → 0–3.
    const nps = Math.min(10, Math.max(0, [0, 1, 4, 6, 8, 9][csat] + r.int(-1, 1)));
    out.push(survey(c, randomDate(r, c.start, c.asOf), kind < 0.8 ? csat : null, kind > 0.3 ? nps : null));
  }
  for (let i = count(r, c.perCustomer * 0.04); i > 0; i--) {
    const sev = r.pick(['low', 'low', 'medium', 'medium', 'high'] as const);
    out.push(complaint(c, randomDate(r, c.start, c.asOf), sev, r.int(1, 24), r.int(1, 6), r.chance(0.05)));
  }
  if (c.wave) {
    const nps = r.int(0, 5);
    out.push(survey(c, randomDate(r, c.wave.from, c.wave.to), r.int(1, 2), nps, r.pick(c.vocab.detractorComments)));
  }
}

/**
 * Orders spread at random over the customer's active period; 4 % went quiet at some point.
 * Invoices: 85 % paid on time, most of the rest up to 40 days late, one in 200 never paid.
 */
export function ordinary(c: Ctx): NewEvent[] {
  const r = c.rng;
  const out: NewEvent[] = [];
  const end = r.chance(0.04) ? randomDate(r, c.start, c.asOf) : c.asOf;
  const n = Math.max(1, count(r, c.perCustomer * 0.35 * (0.5 + r.next())));
  const dates = Array.from({ length: n }, () => randomDate(r, c.start, end)).sort();
  dates.forEach((d, i) => {
    const late = r.chance(0.85) ? -r.int(0, Math.min(10, c.terms)) : r.chance(0.967) ? r.int(1, 40) : null;
    out.push(...sale(c, d, orderAmount(c), late, i + 1));
  });
  contacts(c, out, { sentiment: 0.45, csat: 4 });
  return out;
}

/** A key account: an order every month, paid on time, happy surveys. */
export function steady(c: Ctx): NewEvent[] {
  const out: NewEvent[] = [];
  let seq = 1;
  for (let d = addDays(c.asOf, -720 + c.rng.int(0, 20)); d <= c.asOf; d = addDays(d, 28 + c.rng.int(0, 6))) {
    out.push(...sale(c, d, orderAmount(c), -c.rng.int(0, 5), seq++));
    if (seq % 2 && addDays(d, 3) <= c.asOf) out.push(interaction(c, addDays(d, 3), 1, 'visit'));
  }
  for (let d = addDays(c.asOf, -700); d <= c.asOf; d = addDays(d, 91)) out.push(survey(c, d, 5, c.rng.int(9, 10), c.rng.pick(c.vocab.praiseComments)));
  return out;
}

/** Pays later and later: days past due grow invoice by invoice; the last three are unpaid. */
export function latePayer(c: Ctx): NewEvent[] {
  const out: NewEvent[] = [];
  const dates: IsoDate[] = [];
  for (let d = addDays(c.asOf, -40 - c.terms); d >= addDays(c.asOf, -600); d = addDays(d, -30)) dates.unshift(d);
  dates.forEach((d, i) => {
    const unpaid = i >= dates.length - 3;
    out.push(...sale(c, d, orderAmount(c), unpaid ? null : Math.round(1 + i * (60 / dates.length)), i + 1));
  });
  contacts(c, out, { sentiment: 0.3, csat: 3.5 });
  return out;
}

/** Orders thin out (gaps growing) and stop 230–290 days before as-of. */
export function fading(c: Ctx): NewEvent[] {
  const out: NewEvent[] = [];
  const dates: IsoDate[] = [];
  let d = addDays(c.asOf, -230 - c.rng.int(0, 60));
  for (let gap = 80; d >= c.start && dates.length < 40; gap = Math.max(14, Math.round(gap * 0.8))) {
    dates.unshift(d);
    d = addDays(d, -gap);
  }
  dates.forEach((day, i) => {
    out.push(...sale(c, day, orderAmount(c), -c.rng.int(0, 5), i + 1));
    if (i % 2 === 0) out.push(interaction(c, addDays(day, 2), 0));
  });
  return out;
}

/** Ordered every month until about 580 days ago, then stopped with the last invoice unpaid (500+ days past due). */
export function lostWithDebt(c: Ctx): NewEvent[] {
  const out: NewEvent[] = [];
  const last = addDays(c.asOf, -570 - c.rng.int(0, 20));
  const dates: IsoDate[] = [];
  for (let d = last; d >= c.start && dates.length < 14; d = addDays(d, -30 - c.rng.int(0, 4))) dates.unshift(d);
  dates.forEach((d, i) => {
    const final = i === dates.length - 1;
    out.push(...sale(c, d, orderAmount(c) * 2, final ? null : i >= dates.length - 3 ? c.rng.int(10, 30) : -c.rng.int(0, 5), i + 1));
  });
  out.push(interaction(c, addDays(last, 20), -1, 'call'));
  return out;
}

/** An ordinary customer whose large invoice ran over 100 days past due, until a collection round got it paid 45 days ago. */
export function collected(c: Ctx): NewEvent[] {
  const out = ordinary({ ...c, wave: null });
  out.push(...sale({ ...c, terms: 30 }, addDays(c.asOf, -180), orderAmount(c) * 3, 105, 9001));
  return out;
}

/** Many complaints in the last 90 days, slow to answer, some still open, some reopened. */
export function complaintHeavy(c: Ctx): NewEvent[] {
  const out = ordinary({ ...c, wave: null });
  const r = c.rng;
  const n = r.int(8, 12);
  for (let i = 0; i < n; i++) {
    const date = addDays(c.asOf, -r.int(1, 88));
    const open = i < 3;
    const severity = i === 0 ? 'critical' : i === 1 ? 'high' : r.pick(['medium', 'high', 'low'] as const);
    out.push(complaint(c, date, severity, open && i === 0 ? null : r.int(30, 120), open ? null : r.int(10, 40), r.chance(0.4)));
  }
  out.push(survey(c, addDays(c.asOf, -r.int(5, 30)), 2, 3, r.pick(c.vocab.detractorComments)));
  out.push(interaction(c, addDays(c.asOf, -r.int(1, 20)), -1, 'call'));
  return out;
}

/** The account holding a third of the book's revenue: `orders` sales sharing `revenue`. */
export function anchor(c: Ctx, orders: number, revenue: number): NewEvent[] {
  const out: NewEvent[] = [];
  const each = Math.max(100, Math.round(revenue / orders / 100) * 100);
  const first = dayFromIso(c.asOf) - 728;
  for (let i = 0; i < orders; i++) {
    const d = isoFromDay(first + Math.floor((i * 728) / orders));
    out.push(...sale(c, d, each, -c.rng.int(0, 3), i + 1));
  }
  return out;
}
