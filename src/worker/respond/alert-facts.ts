// What fired, with its figures: the value against the customer's threshold, and for the credit
// rules the money and the invoice behind it — so that an alert reads "invoice C000123-0007,
// ¥12,400 overdue 64 days (threshold 30)" rather than a rule's name.

import { rowsOfCustomer } from '../../domain/columns';
import { overdueInvoices } from '../../domain/respond/overdue';
import type { AlertFacts } from '../../domain/risk/alerts';
import type { Book } from '../book/book';
import type { Firing } from '../book/alert-watch';

export function factsOf(book: Book, f: Firing): AlertFacts {
  const facts: AlertFacts = { value: f.value, threshold: f.threshold };
  const rule = book.risk.model.alerts.find((r) => r.id === f.ruleId);
  const i = book.positionOf(f.customerId);
  if (!rule?.indicator?.startsWith('credit.') || i === undefined) return facts;
  const t = book.list;
  facts.currency = t.currency[i];
  if (rule.indicator === 'credit.limit_utilisation') {
    facts.amount = t.openBalance[i];
    return facts;
  }
  facts.amount = t.overdueBalance[i];
  const inv = book.shard(book.shardNo(f.customerId)).events.invoice;
  const oldest = overdueInvoices(inv, book.asOfDayNumber, rowsOfCustomer(inv, f.customerId)).sort((a, b) => b.days - a.days)[0];
  if (oldest) (facts.invoice = oldest.invoiceId), (facts.days = oldest.days);
  return facts;
}
