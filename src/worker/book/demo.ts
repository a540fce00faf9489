// Turns a generated demo book into storage shards: customers placed by id hash, events
// appended to column builders, ids handed out in order.

import { ColumnsBuilder } from '../../domain/columns';
import { DEMO_BOOKS, generateBook, type DemoSpec } from '../../domain/demo/book';
import { hashString } from '../../domain/random';
import { EVENT_KINDS, type BookEvent, type Customer, type EventId, type EventKind } from '../../domain/types';
import type { EventTables } from '../../domain/figures';
import type { ShardRecord } from '../../storage/schema';
import type { Job } from '../session/jobs';
import { addDays } from '../../domain/dates';
import type { IsoDate } from '../../domain/types';
import type { Book } from './book';
import type { Action } from '../../domain/respond/actions';
import { pointOf } from '../respond/responses';

/**
 * A year of score history for a generated book built as of `asOf` − 360 days: the book is
 * assessed again every 30 days (events after that day unseen), keeping a snapshot of every
 * customer each time, then brought to `asOf`. Alerts are those of `asOf` alone, as in a book
 * opened afresh. The demo's actions are scored on their days too: each gets the customer's
 * score and grade when it was created and when it was closed, as if it had been entered then.
 */
export async function replayYear(book: Book, asOf: IsoDate, job: Job, actions: Action[] = []): Promise<void> {
  const from = addDays(asOf, -360);
  const days = new Set<string>();
  for (let m = 11; m >= 1; m--) days.add(addDays(asOf, -30 * m));
  for (const a of actions) for (const d of [a.created, a.closed]) if (d && d > from && d < asOf) days.add(d);
  const order = [...days].sort();
  const mark = (day: string) => {
    for (const a of actions) {
      if (a.created === day) a.before = pointOf(book, a.customerId);
      if (a.closed === day) a.after = pointOf(book, a.customerId);
    }
  };
  for (const [k, day] of order.entries()) {
    book.setAsOf(day);
    mark(day);
    await job.checkpoint('history', k + 1, order.length + 1);
  }
  book.risk.watch.reset();
  book.setAsOf(asOf);
  mark(asOf);
}

export async function buildDemoShards(spec: DemoSpec, shardCount: number, job: Job, now: number) {
  const total = DEMO_BOOKS[spec.book].customers;
  const customers = Array.from({ length: shardCount }, () => new ColumnsBuilder('customer'));
  const builders = Array.from({ length: shardCount }, () =>
    Object.fromEntries(EVENT_KINDS.map((k) => [k, new ColumnsBuilder(k)])) as Record<EventKind, ColumnsBuilder<EventKind>>,
  );
  let nextId = 1;
  let done = 0;
  for (const { customer, events } of generateBook(spec)) {
    const no = hashString(customer.id) % shardCount;
    customers[no].push({ ...customer, updatedAt: now } as Customer);
    for (const e of events) builders[no][e.kind].push({ ...e, id: nextId++ as EventId } as BookEvent);
    await job.checkpoint('generate', ++done, total);
  }
  const shards: ShardRecord[] = customers.map((list, no) => ({
    no,
    rev: 0,
    customers: list.finish(),
    events: Object.fromEntries(EVENT_KINDS.map((k) => [k, builders[no][k].finish()])) as EventTables,
  }));
  return { shards, nextEventId: nextId, customers: done, events: nextId - 1 };
}
