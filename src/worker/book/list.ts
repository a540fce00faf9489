// The customer list over the open book's list table: a page for a query (the sorted order
// kept while nothing changes), one customer's line, and the values the list can be filtered by.

import { emptyTable, facetsOf, rowOf, selectRows, type CustomerRow, type ListQuery, type ListTable } from '../../domain/query';

export class CustomerList {
  /** One entry per customer position. */
  readonly table: ListTable;
  private selection: { key: string; order: Uint32Array } | null = null;
  private readonly collator: Intl.Collator;

  constructor(capacity: number, locale: string) {
    this.table = emptyTable(capacity);
    this.collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  }

  /** The data or scores changed: the next page sorts again. */
  changed(): void {
    this.selection = null;
  }

  /** One page of the list for `query` (within `keep`'s customers when it has a segment). */
  page(query: ListQuery, offset: number, limit: number, keep?: () => Uint8Array): { total: number; rows: CustomerRow[] } {
    const key = JSON.stringify(query);
    if (this.selection?.key !== key) this.selection = { key, order: selectRows(this.table, query, this.collator.compare, keep?.()) };
    const { order } = this.selection;
    const rows: CustomerRow[] = [];
    for (let i = offset; i < Math.min(order.length, offset + limit); i++) rows.push(rowOf(this.table, order[i]));
    return { total: order.length, rows };
  }

  /** The positions of every row of the list for `query`, in its order. */
  order(query: ListQuery, keep?: () => Uint8Array): Uint32Array {
    this.page(query, 0, 0, keep);
    return this.selection!.order;
  }

  rowAt(position: number): CustomerRow {
    return rowOf(this.table, position);
  }

  facets() {
    return facetsOf(this.table);
  }
}
