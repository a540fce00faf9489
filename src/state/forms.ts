// Conversions between what a form holds (text typed by a person) and entities: amounts in
// major units become minor units, empty fields become null or '', tags are split.

import { amountText, parseAmount } from '../domain/money';
import type { BookEvent, Customer, CustomerId, EventKind, Issue, NewEvent } from '../domain/types';
import { currencyDigits } from '../i18n';

export type CustomerForm = Omit<Customer, 'creditLimit' | 'paymentTermsDays' | 'tags'> & { creditLimit: string; paymentTermsDays: string; tags: string };

export function blankCustomer(currency: string): Customer {
  return {
    id: '' as CustomerId, name: '', industry: '', size: '', region: '', owner: '', tier: 'general', since: '', creditLimit: null,
    currency, paymentTermsDays: 30, contractEnd: '', tags: [], notes: '', contact: '', phone: '', email: '', batch: 'manual' as Customer['batch'], updatedAt: 0,
  };
}

export function customerToForm(c: Customer): CustomerForm {
  return {
    ...c,
    creditLimit: c.creditLimit === null ? '' : amountText(c.creditLimit, currencyDigits(c.currency)),
    paymentTermsDays: c.paymentTermsDays === null ? '' : String(c.paymentTermsDays),
    tags: c.tags.join(', '),
  };
}

/** Tags as typed: separated by commas (Latin or Chinese) or 、, trimmed, empty ones left out. */
export const tagsOf = (text: string): string[] => text.split(/[,，、]/).map((t) => t.trim()).filter(Boolean);

/** The customer a form describes, with the issues found while reading its text. */
export function formToCustomer(f: CustomerForm): { customer: Customer; issues: Issue[] } {
  const issues: Issue[] = [];
  const creditLimit = f.creditLimit.trim() === '' ? null : parseAmount(f.creditLimit, currencyDigits(f.currency));
  if (f.creditLimit.trim() !== '' && creditLimit === null) issues.push({ column: 'creditLimit', code: 'not_amount' });
  const terms = f.paymentTermsDays.trim();
  const paymentTermsDays = terms === '' ? null : /^\d+$/.test(terms) ? Number(terms) : NaN;
  return {
    customer: { ...f, creditLimit, paymentTermsDays: Number.isNaN(paymentTermsDays) ? (terms as unknown as number) : paymentTermsDays, tags: tagsOf(f.tags) },
    issues,
  };
}

/** An event form keeps every value as text; instants as `YYYY-MM-DDTHH:mm` local time. */
export type EventForm = Record<string, string> & { kind: EventKind };

function localDateTime(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

function instantOf(text: string): number | null {
  if (!text) return null;
  const ms = new Date(text).getTime();
  return Number.isNaN(ms) ? NaN : ms;
}

export function blankEvent(kind: EventKind, today: string, currency: string): EventForm {
  const base = { kind, currency, date: today, amount: '', category: '', comment: '', channel: 'call' };
  switch (kind) {
    case 'invoice':
      return { ...base, invoiceId: '', issued: today, due: '', paid: '', paidAmount: '' };
    case 'complaint':
      return { ...base, opened: localDateTime(Date.now()), firstResponse: '', resolved: '', severity: 'medium', reopened: '' };
    case 'survey':
      return { ...base, csat: '', nps: '' };
    case 'interaction':
      return { ...base, sentiment: '0' };
    default:
      return base;
  }
}

export function eventToForm(e: BookEvent): EventForm {
  const digits = 'currency' in e ? currencyDigits(e.currency) : 2;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(e)) out[k] = v === null ? '' : String(v);
  if (e.kind === 'order' || e.kind === 'invoice') out.amount = amountText(e.amount, digits);
  if (e.kind === 'invoice') out.paidAmount = e.paidAmount ? amountText(e.paidAmount, digits) : '';
  if (e.kind === 'complaint') {
    out.opened = localDateTime(e.opened);
    out.firstResponse = localDateTime(e.firstResponse);
    out.resolved = localDateTime(e.resolved);
    out.reopened = e.reopened ? 'yes' : '';
  }
  return out as EventForm;
}

/** The event a form describes (id kept when editing), with the issues found reading it. */
export function formToEvent(f: EventForm, customerId: CustomerId, original?: BookEvent): { event: NewEvent | BookEvent; issues: Issue[] } {
  const issues: Issue[] = [];
  const digits = currencyDigits(f.currency || 'CNY');
  const money = (column: string, optional = false): number => {
    if (optional && !f[column]?.trim()) return 0;
    const v = parseAmount(f[column] ?? '', digits);
    if (v === null) issues.push({ column, code: f[column]?.trim() ? 'not_amount' : 'required' });
    return v ?? 0;
  };
  const score = (column: string): number | null => (f[column] === '' || f[column] === undefined ? null : Number(f[column]));
  const base = { customerId, batch: original?.batch ?? ('manual' as Customer['batch']), ...(original ? { id: original.id } : {}) };
  let event: NewEvent;
  switch (f.kind) {
    case 'order':
      event = { ...base, kind: 'order', date: f.date, amount: money('amount'), currency: f.currency, category: f.category ?? '' };
      break;
    case 'invoice':
      event = { ...base, kind: 'invoice', invoiceId: f.invoiceId ?? '', issued: f.issued, due: f.due, amount: money('amount'), currency: f.currency, paid: f.paid ?? '', paidAmount: f.paid ? (f.paidAmount?.trim() ? money('paidAmount') : money('amount')) : money('paidAmount', true) };
      break;
    case 'complaint':
      event = { ...base, kind: 'complaint', opened: instantOf(f.opened) ?? NaN, firstResponse: instantOf(f.firstResponse), resolved: instantOf(f.resolved), severity: f.severity as 'low', category: f.category ?? '', channel: f.channel as 'call', reopened: f.reopened === 'yes' };
      break;
    case 'survey':
      event = { ...base, kind: 'survey', date: f.date, csat: score('csat'), nps: score('nps'), comment: f.comment ?? '' };
      break;
    case 'interaction':
      event = { ...base, kind: 'interaction', date: f.date, channel: f.channel as 'call', sentiment: Number(f.sentiment) as 0 };
      break;
  }
  return { event, issues };
}
