// Imported events met with stored ones: the key that makes two events the same record, and
// whether an imported one changes the stored one it meets (import and merge both use them).

import { EVENT_FIELDS, LIST_SEP } from '../columns';
import type { NewEvent } from '../types';

/**
 * What makes two events the same record, so that importing a file twice changes nothing:
 * an invoice is its number, as is an order that has one; other events are their content (with a count, so that two equal
 * orders on one day stay two).
 */
export function eventKey(e: NewEvent): string {
  switch (e.kind) {
    case 'invoice':
      return `${e.customerId}${LIST_SEP}${e.invoiceId || `${e.issued}|${e.amount}`}`;
    case 'order':
      // An order with a number (a shop's export) is its number, whatever its lines came to.
      return e.orderId ? `${e.customerId}${LIST_SEP}#${e.orderId}` : `${e.customerId}${LIST_SEP}${e.date}|${e.amount}|${e.currency}|${e.category}`;
    case 'complaint':
      return `${e.customerId}${LIST_SEP}${e.opened}|${e.category}`;
    case 'survey':
      return `${e.customerId}${LIST_SEP}${e.date}`;
    case 'interaction':
      return `${e.customerId}${LIST_SEP}${e.date}|${e.channel}`;
  }
}

/** Whether an imported event changes a stored one with the same key (ids and batches aside). */
export function sameEvent(a: NewEvent, b: NewEvent): boolean {
  if (a.kind !== b.kind || a.customerId !== b.customerId) return false;
  const x = a as unknown as Record<string, unknown>, y = b as unknown as Record<string, unknown>;
  for (const field in EVENT_FIELDS[a.kind]) if (x[field] !== y[field]) return false;
  return true;
}
