// A book of five customers whose audit figures are computed by hand (see the comment on `book`).
import { encodeCustomers, encodeEvents } from '../../src/domain/columns';
import { addDays, dayFromIso, instantOfDay } from '../../src/domain/dates';
import type { AuditShard } from '../../src/domain/audit/measure';
import type { BatchId, BookEvent, Customer, CustomerId, EventId, EventKind } from '../../src/domain/types';
import type { EventTables } from '../../src/domain/figures';

export const AS_OF = '2026-06-30';
const day = dayFromIso(AS_OF);
export const ago = (n: number) => addDays(AS_OF, -n);
const now = instantOfDay(day);
const batch = 'b' as BatchId;

function customer(id: string, over: Partial<Customer> = {}): Customer {
  return {
    id: id as CustomerId, name: `Company ${id}`, industry: 'Retail', size: 'medium', region: 'North', owner: 'Li', tier: 'general', since: '2020-01-01',
    creditLimit: 5000, currency: 'CNY', paymentTermsDays: 30, contractEnd: '', tags: [], notes: '', contact: 'Wang', phone: `+86 10 5555 000${id.charCodeAt(0) % 10}`,
    email: `${id.toLowerCase()}@example.com`, batch, updatedAt: now, ...over,
  };
}

let nextId = 1;
const ev = <E extends Omit<BookEvent, 'id' | 'batch'>>(e: E) => ({ ...e, id: nextId++ as EventId, batch }) as unknown as BookEvent;
const order = (c: string, date: string, amount: number) => ev({ kind: 'order', customerId: c as CustomerId, date, amount, currency: 'CNY', category: '' });
const invoice = (c: string, issued: string, due: string, amount: number, paid = '', paidAmount = 0) => ev({ kind: 'invoice', customerId: c as CustomerId, invoiceId: `${c}-${nextId}`, issued, due, amount, currency: 'CNY', paid, paidAmount });
const survey = (c: string, date: string, csat: number | null, nps: number | null) => ev({ kind: 'survey', customerId: c as CustomerId, date, csat, nps, comment: '' });

/** A: key, two orders this period, one before; 1,000 open 70 days past due; surveyed NPS 6, CSAT 4 (CSAT 5 before). B: no phone, e-mail, industry or contact; ordered only before (lost). C: A's phone (a suspected duplicate), no contact; CSAT 2, NPS 3. D: new this period, an invoice due before it was issued, 800 open over a 500 limit. E: an invalid e-mail, not updated for years, one high complaint answered after 10 h (target 8), resolved after 50 h, reopened. And an interaction of a customer the book does not hold. */
export function book(): AuditShard {
  const customers = [
    customer('A', { tier: 'key' }),
    customer('B', { phone: '', email: '', industry: '', contact: '' }),
    customer('C', { phone: customer('A').phone, contact: '' }),
    customer('D', { creditLimit: 500 }),
    customer('E', { email: 'not-an-email', updatedAt: 0 }),
  ];
  const events: BookEvent[] = [
    order('A', ago(10), 100), order('A', ago(40), 200), order('A', ago(300), 500), order('B', ago(250), 700), order('C', ago(5), 300), order('D', ago(3), 400),
    invoice('A', ago(100), ago(70), 1000), invoice('B', ago(250), ago(220), 700, ago(230), 700), invoice('D', ago(10), ago(20), 800),
    survey('A', ago(30), 4, 6), survey('A', ago(200), 5, null), survey('C', ago(20), 2, 3),
    ev({ kind: 'complaint', customerId: 'E' as CustomerId, opened: instantOfDay(day - 30, 9), firstResponse: instantOfDay(day - 30, 19), resolved: instantOfDay(day - 30, 9) + 50 * 3_600_000, severity: 'high', category: 'Delivery', channel: 'call', reopened: true }),
    ev({ kind: 'interaction', customerId: 'Z' as CustomerId, date: ago(2), channel: 'call', sentiment: 0 }),
  ];
  const kinds: EventKind[] = ['order', 'invoice', 'complaint', 'survey', 'interaction'];
  const tables = Object.fromEntries(kinds.map((k) => [k, encodeEvents(k, events.filter((e) => e.kind === k) as never)])) as EventTables;
  return { customers: encodeCustomers(customers), events: tables, grade: ['high', 'low', 'low', 'low', 'low'], atRisk: [0, 0, 0, 0, 0] };
}

