// Where an imported event goes (see planner.ts): its customer's shard (the customer created
// when the user chose so), and there a stored event it meets (unchanged, or replaced) or a
// new one.

import { ColumnsBuilder } from '../../domain/columns';
import { eventKey, sameEvent } from '../../domain/import/matching';
import { EMPTY_CUSTOMER } from '../../domain/import/records';
import type { BookEvent, CustomerId, EventKind } from '../../domain/types';
import { eventsByKey, rowOfEvent, shardOf } from './book-index';
import type { Plan } from './plan';

export class EventPlacer {
  /** Per shard, the stored events of the kind by key; null for a shard without any (every row there is new). */
  private readonly stored = new Map<number, Map<string, BookEvent[]> | null>();
  private readonly used = new Map<string, number>();

  constructor(private readonly plan: Plan, private readonly kind: EventKind, private readonly unknownCustomers: 'reject' | 'create' | undefined, private readonly currency: string) {}

  storedOf(no: number, kind: EventKind): Map<string, BookEvent[]> | null {
    let m = this.stored.get(no);
    if (m === undefined) {
      const columns = this.plan.book.shard(no).events[kind];
      this.stored.set(no, (m = columns.n ? eventsByKey(kind, columns) : null));
    }
    return m;
  }

  /**
   * The shard of an event's customer (`place` as the customer index gives it: negative for a
   * customer not in the book) and the shard's columns of the kind, with the customer created
   * if the user chose so; null for an unknown customer to reject.
   */
  shardFor(id: string, place: number): { no: number; events: ColumnsBuilder<EventKind> } | null {
    const plan = this.plan;
    const kind = this.kind;
    const no = place < 0 ? -1 - place : place;
    const target = shardOf(plan, no);
    if (place < 0 && !target.customers.has(id)) {
      if (this.unknownCustomers !== 'create') return null;
      target.customers.set(id, { ...EMPTY_CUSTOMER, id: id as CustomerId, name: id, currency: this.currency, batch: plan.batch, updatedAt: plan.stamp });
      plan.createdCustomers.push(id);
      plan.preview.counts.newCustomers++;
    }
    return { no, events: (target.events[kind] ??= ColumnsBuilder.from(kind, plan.book.shard(no).events[kind])) };
  }

  /** An event of the file met with the stored ones: new, unchanged, or replacing the one it matches. */
  meet(no: number, events: ColumnsBuilder<EventKind>, record: BookEvent): void {
    const plan = this.plan;
    const kind = this.kind;
    const counts = plan.preview.counts;
    if (record.kind === 'order' && record.amount < 0) counts.returns!++;
    // The k-th row with a key meets the k-th stored event with it: a file imported twice adds nothing.
    const inShard = this.storedOf(no, kind);
    let match: BookEvent | undefined;
    if (inShard) {
      const key = eventKey(record);
      const k = this.used.get(key) ?? 0;
      this.used.set(key, k + 1);
      match = inShard.get(key)?.[k];
    }
    if (!match) {
      record.id = plan.nextId++ as BookEvent['id'];
      events.push(record as never);
      counts.new++;
    } else if (sameEvent(match, record)) {
      counts.unchanged++;
    } else {
      record.id = match.id;
      record.batch = match.batch;
      events.set(rowOfEvent(plan.book.shard(no).events[kind], match.id), record as never);
      plan.previousEvents.push(match);
      counts.updated++;
    }
  }
}
