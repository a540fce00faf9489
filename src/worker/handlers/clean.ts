// Keeping the book clean (issue 17): delete customers (with an undo while the app is open),
// erase one on a personal-data request, merge suspected duplicates, and change many customers
// at once — owner, region, tier, tags, a playbook for each — each a batch of its own that the
// history lists and undoes.

import { checkBulkSet, type BulkSet } from '../../domain/bulk';
import { mergeDefaults, mergeDiffers, type MergeField, type MergeSide } from '../../domain/merge-profiles';
import type { Batch } from '../../domain/types';
import { readBatches, readMeta } from '../../storage/workspace-repo';
import type { ChangeEntry, DeletePreview, Selection } from '../contract';
import { applyChange, changeBatch, undone } from '../clean/change';
import { editCustomers, undoEdit } from '../clean/bulk-edit';
import { deleteCustomers, undoDelete } from '../clean/delete';
import { eraseCustomer } from '../clean/erase';
import { mergeCustomers, undoMerge } from '../clean/merge-customers';
import { duplicatePairs } from '../clean/pairs';
import { deleteUndo, readRemovals } from '../clean/removals';
import type { OpenBook } from '../session/open-book';
import { ownerOf, runOf } from './respond';
import { listMask } from './segments';
import { fail, ok, read, write } from './wrap';

/** A playbook is started for at most this many customers at once (as for an audit finding). */
export const PLAYBOOK_MANY_MAX = 200;
const NOT_DUPLICATES = 'notDuplicates';
const CHANGED = { touch: true, settle: 'after' } as const;

/** The ids of a selection that are in the book, in the list's order for a query. */
export async function selected(o: OpenBook, s: Selection): Promise<string[]> {
  if ('ids' in s) return [...new Set(s.ids)].filter((id) => o.book.positionOf(id) !== undefined);
  const except = new Set(s.except ?? []);
  return o.book.idsOf(s.query, await listMask(o, s.query.segment)).filter((id) => !except.has(id));
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export const clean = {
  /** What deleting the selection takes with it (for the confirmation). */
  previewDelete: read(async (o, { selection }: { selection: Selection }) => {
    const ids = new Set(await selected(o, selection));
    const p: DeletePreview = { customers: ids.size, events: 0, alerts: 0, actions: 0, reviews: 0, snapshots: 0 };
    // One pass over each shard's customers and kept scores (not a lookup per customer: a selection may be the whole book).
    const book = o.book;
    for (let no = 0; no < book.shardCount; no++) {
      const { ids: placed, at } = book.positions.of(no);
      for (let k = 0; k < placed.length; k++) if (ids.has(placed[k])) p.events += book.list.events[at[k]];
      const h = book.risk.history[no];
      if (h) for (const code of h.cust) if (ids.has(h.ids[code])) p.snapshots++;
    }
    await o.alertsRead;
    p.alerts = ids.size ? await o.db.alerts.where('customerId').anyOf([...ids]).count() : 0;
    for (const a of o.respond.actions.values()) if (ids.has(a.customerId)) p.actions++;
    for (const r of o.respond.reviews.values()) if (ids.has(r.customerId)) p.reviews++;
    return ok(p);
  }),

  deleteCustomers: write(async (o, { selection }: { selection: Selection }) => {
    const ids = await selected(o, selection);
    if (!ids.length) return fail('not_found');
    return ok(await deleteCustomers(o, ids));
  }, CHANGED),

  /** Sets an owner, region or tier, or adds and removes tags, for every selected customer, as one batch. */
  editCustomers: write(async (o, { selection, set }: { selection: Selection; set: BulkSet; job?: string }, job) => {
    const checked = checkBulkSet(set);
    if ('issues' in checked) return fail('invalid', { issues: checked.issues });
    const ids = await selected(o, selection);
    const batch = await editCustomers(o, ids, checked.set, checked.fields, job);
    return ok({ batch, changed: batch?.change?.customers ?? 0, selected: ids.length });
  }, CHANGED),

  /** Starts a playbook for each selected customer (at most PLAYBOOK_MANY_MAX), as one batch whose undo removes the actions not yet touched. */
  startPlaybookMany: write(async (o, { selection, playbookId }: { selection: Selection; playbookId: string }) => {
    const p = o.respond.playbook(playbookId);
    if (!p) return fail('not_found');
    const ids = await selected(o, selection);
    if (ids.length > PLAYBOOK_MANY_MAX) return fail('invalid', { detail: 'too_many' });
    const actions = ids.flatMap((id) => runOf(o, p, id, ownerOf(o, id)));
    const batch = changeBatch('playbook', Date.now(), { customers: ids.length, events: 0, actions: actions.map((a) => a.id) });
    await applyChange(o, { shards: [], respond: { actions }, batches: [batch] }, 'commit');
    for (const a of actions) o.respond.actions.set(a.id, a);
    return ok({ batch, customers: ids.length, actions: actions.length });
  }, CHANGED),

  /** The changes of many customers, newest first, each saying whether it can be undone here. */
  listChanges: read(async (o, _: Record<string, never> = {}) => {
    const entries: ChangeEntry[] = (await readBatches(o.db)).filter((b) => b.kind === 'change').map((batch) => ({
      batch, undoable: !batch.change!.undoneAt && !batch.change!.final && (batch.change!.op !== 'delete' || deleteUndo.has(batch.id, o.info.dbName)),
    }));
    return ok({ entries, erasures: (await readRemovals(o)).erasures });
  }),

  undoChange: write(async (o, { id }: { id: string; job?: string }, job) => {
    const batch = (await readBatches(o.db)).find((b) => b.id === id);
    const rec = batch?.change;
    if (!batch || !rec) return fail('not_found');
    if (rec.undoneAt) return fail('already_undone');
    if (rec.final) return fail('not_found', { detail: 'undo_gone' });
    if (rec.op === 'delete') {
      const done = await undoDelete(o, batch);
      return done ? ok({ batch: done.batch, restored: done.restored, kept: done.skipped }) : fail('not_found', { detail: 'undo_gone' });
    }
    if (rec.op === 'edit') {
      const done = await undoEdit(o, batch, job);
      return ok({ batch: done.batch, restored: done.restored, kept: done.keptEdited });
    }
    if (rec.op === 'merge') {
      const done = await undoMerge(o, batch);
      return done === 'gone' ? fail('not_found', { detail: 'undo_gone' }) : ok({ batch: done.batch, restored: 1, kept: done.keptEdited });
    }
    return ok({ ...(await undoPlaybooks(o, batch)) });
  }, CHANGED),

  /** The suspected duplicate pairs (the most reasons first), those marked "not duplicates" left out. */
  listDuplicates: read(async (o, { limit = 500 }: { limit?: number }) => {
    const dismissed = new Set((await readMeta<string[]>(o.db, NOT_DUPLICATES)) ?? []);
    return ok(duplicatePairs(o, dismissed, Math.min(limit, 2000)));
  }),

  /** Marks a pair as two different customers: it is no longer listed. */
  dismissPair: write(async (o, { a, b }: { a: string; b: string }) => {
    const list = new Set((await readMeta<string[]>(o.db, NOT_DUPLICATES)) ?? []);
    list.add(pairKey(a, b));
    await applyChange(o, { shards: [], meta: [{ key: NOT_DUPLICATES, value: [...list] }] }, 'commit');
    return ok(null);
  }),

  /** What merging `gone` into `keep` will do: both profiles, the differing fields with the side each is taken from, and what moves. */
  previewCustomerMerge: read(async (o, { keep, gone }: { keep: string; gone: string }) => {
    const kept = o.book.customer(keep), other = o.book.customer(gone);
    if (!kept || !other || keep === gone) return fail('not_found');
    const defaults = mergeDefaults(kept, other);
    await o.alertsRead;
    return ok({
      kept, gone: other,
      fields: mergeDiffers(kept, other).map((field) => ({ field, choice: defaults[field] ?? ('kept' as MergeSide) })),
      moves: {
        events: o.book.eventsOf(gone).length, alerts: await o.db.alerts.where('customerId').equals(gone).count(),
        actions: o.respond.actionsOf(gone).length, reviews: o.respond.reviewsOf(gone).length,
      },
    });
  }),

  mergeCustomers: write(async (o, { keep, gone, choices = {} }: { keep: string; gone: string; choices?: Partial<Record<MergeField, MergeSide>> }) => {
    const batch = await mergeCustomers(o, keep, gone, choices);
    return batch ? ok(batch) : fail('not_found');
  }, CHANGED),

  /** Erases a customer on a personal-data request: nothing of it is left in the book; the erasure is logged (date and count only). */
  eraseCustomer: write(async (o, { id }: { id: string }) => {
    const done = await eraseCustomer(o, id);
    return done ? ok(done) : fail('not_found');
  }, CHANGED),
};

async function undoPlaybooks(o: OpenBook, batch: Batch) {
  const ids = batch.change!.actions ?? [];
  const untouched = ids.filter((id) => { const a = o.respond.actions.get(id); return a && a.updatedAt === a.createdAt; });
  const done = undone(batch);
  await applyChange(o, { shards: [], respond: { deleteActions: untouched }, batches: [done] }, 'commit');
  for (const id of untouched) o.respond.actions.delete(id);
  return { batch: done, restored: untouched.length, kept: ids.filter((id) => o.respond.actions.has(id)).length };
}
