// Money at stake with each customer: the overdue balance, and the revenue at risk — expected
// 12-month revenue × (1 − probability alive), DESIGN §2's headline figure, customer by customer.

import { nextYear } from '../../domain/lifetime/book';
import { indicatorIndex } from '../../domain/risk/indicators';
import type { Book } from '../book/book';
import type { Stake } from '../contract';

const cache = new WeakMap<Book, { key: string; atRisk: Float64Array }>();

/** Revenue at risk per position (0 where the lifetime models say nothing), computed once per change of the book. */
export function revenueAtRisk(book: Book): Float64Array {
  const lifetime = book.risk.lifetime;
  const key = `${book.changes}|${book.asOf}|${book.customerCount}|${lifetime ? lifetime.customers : 0}`;
  const hit = cache.get(book);
  if (hit?.key === key) return hit.atRisk;
  const table = book.list;
  const atRisk = new Float64Array(table.n);
  const next = nextYear(table, lifetime);
  if (next) {
    const alive = book.risk.values[indicatorIndex('churn.probability_alive')];
    for (let i = 0; i < table.n; i++) {
      const v = next.revenue[i] * (1 - alive[i]);
      atRisk[i] = Number.isFinite(v) && v > 0 ? v : 0;
    }
  }
  cache.set(book, { key, atRisk });
  return atRisk;
}

export function stakeAt(book: Book, i: number): Stake {
  const t = book.list;
  return { overdue: t.overdueBalance[i], atRisk: Math.round(revenueAtRisk(book)[i]), currency: t.currency[i] };
}
