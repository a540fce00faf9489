// What a book says of itself beyond its records: its currency (chosen at creation, else the
// one most of its customers have) and its custom fields (meta `customFields`, see
// domain/custom-fields.ts), with the currencies its amounts are really in.

import type { CustomField } from '../../domain/custom-fields';
import { mostCommonCurrency } from '../../domain/query';
import type { StrColumn } from '../../domain/columns';
import type { WorkspaceDB } from '../../storage/databases';
import { readMeta } from '../../storage/workspace-repo';
import type { Book } from './book';

/** What these need of an open book (its registry entry and its records). */
type Open = { info: { currency?: string }; book: Book };

export const CUSTOM_FIELDS = 'customFields';

/** The book's currency: the one chosen for it, else the most common of its customers'. */
export function bookCurrency(o: Open): string {
  return o.info.currency || mostCommonCurrency(o.book.list);
}

export async function readCustomFields(db: WorkspaceDB): Promise<CustomField[]> {
  return (await readMeta<CustomField[]>(db, CUSTOM_FIELDS)) ?? [];
}

/** Every currency the book's customers, orders and invoices are in (from the columns' dictionaries: no scan of the rows). */
export function currenciesOf(o: Open): string[] {
  const seen = new Set<string>();
  const book = o.book;
  for (let no = 0; no < book.shardCount; no++) {
    const shard = book.shard(no);
    for (const cols of [shard.customers, shard.events.order, shard.events.invoice]) {
      if (!cols.n) continue;
      const col = cols.cols.currency as StrColumn;
      const used = new Uint8Array(col.dict.length);
      for (let i = 0; i < cols.n; i++) used[col.idx[i]] = 1;
      col.dict.forEach((c, k) => used[k] && c && seen.add(c));
    }
  }
  return [...seen].sort();
}
