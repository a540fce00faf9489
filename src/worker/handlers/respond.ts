// Respond and follow up (DESIGN §4): start a playbook for a customer (from its top reason or an
// alert), add, close and reopen actions, record periodic reviews; the playbooks and the review
// cadence as the user edits them; and the Today screen.

import { actionIssues, closeAction, reopenAction, OUTCOME_MAX, type Action, type ActionStatus } from '../../domain/respond/actions';
import { parsePlaybooks, playbooksDoc, stepsOf, DEFAULT_PLAYBOOKS, type Playbook } from '../../domain/respond/playbooks';
import { playbookRecord, runsOf } from '../../domain/respond/effect';
import { cadenceIssues, reviewIssues, type Cadence, type Review } from '../../domain/respond/reviews';
import { localIso } from '../../domain/dates';
import { writeRespond } from '../../storage/workspace-repo';
import type { SavedFile } from '../contract';
import type { OpenBook } from '../session/open-book';
import { customerResponses, leadingReason } from '../respond/customer';
import { pointOf, withLater } from '../respond/responses';
import { today, type TodayOptions } from '../respond/today';
import { fail, ok, read, write } from './wrap';

/** Saves actions (and reviews) and takes them into the open book once written. */
export async function save(o: OpenBook, actions: Action[], reviews: Review[] = []): Promise<void> {
  await writeRespond(o.db, { actions, reviews }, o.belief);
  for (const a of actions) o.respond.actions.set(a.id, a);
  for (const r of reviews) o.respond.reviews.set(r.id, r);
}

/** The actions one start of playbook `p` creates for a customer, due from the book's day. */
export function runOf(o: OpenBook, p: Playbook, customerId: string, owner: string, alertId?: string): Action[] {
  const i = o.book.positionOf(customerId)!;
  const reason = leadingReason(o.book, i);
  const now = Date.now();
  const run = crypto.randomUUID();
  const before = pointOf(o.book, customerId);
  return stepsOf(p, o.book.asOf, o.book.locale).map((s) => ({
    id: crypto.randomUUID(), customerId, ...(alertId ? { alertId } : {}),
    ...(reason?.dimension === p.dimension ? { reason: { dimension: p.dimension, ...(reason.indicator ? { indicator: reason.indicator } : {}) } } : { reason: { dimension: p.dimension } }),
    playbookId: p.id, run, step: s.step, strategy: s.strategy, title: s.title, owner, due: s.due, status: 'open' as const, outcome: '',
    created: o.book.asOf, createdAt: now, updatedAt: now, before,
  }));
}

export const ownerOf = (o: OpenBook, id: string, owner?: string) => (owner ?? '').trim() || o.book.customer(id)?.owner || '';

export const respond = {
  /** A customer's actions with their effect, its reviews and review status, and the playbooks proposed for its top reason. */
  getResponses: read(async (o, { id }: { id: string }) => {
    const value = customerResponses(o.respond, o.book, id);
    return value ? ok(value) : fail('not_found');
  }),

  /** Starts a playbook for a customer: one action per step, due its offset from the book's day, owned by the customer's owner unless said. */
  startPlaybook: write(async (o, { customerId, playbookId, alertId, owner }: { customerId: string; playbookId: string; alertId?: string; owner?: string }) => {
    const p = o.respond.playbook(playbookId);
    if (!p || o.book.positionOf(customerId) === undefined) return fail('not_found');
    const actions = runOf(o, p, customerId, ownerOf(o, customerId, owner), alertId);
    await save(o, actions);
    return ok(actions);
  }),

  /** One action of the user's own. */
  addAction: write(async (o, { customerId, alertId, ...input }: { customerId: string; alertId?: string; strategy: string; title: string; owner: string; due: string }) => {
    if (o.book.positionOf(customerId) === undefined) return fail('not_found');
    const issues = actionIssues(input);
    if (issues.length) return fail('invalid', { issues });
    const now = Date.now();
    const action: Action = {
      id: crypto.randomUUID(), customerId, ...(alertId ? { alertId } : {}), strategy: input.strategy as Action['strategy'], title: input.title.trim(), owner: ownerOf(o, customerId, input.owner),
      due: input.due, status: 'open', outcome: '', created: o.book.asOf, createdAt: now, updatedAt: now, before: pointOf(o.book, customerId),
    };
    await save(o, [action]);
    return ok(action);
  }),

  /**
   * Closes (done or skipped, with its outcome), reopens or edits an action. `version` is the
   * `updatedAt` the user's screen showed: a change made since elsewhere is not overwritten
   * ('stale'). Says when this closed the last open action of an alert still live.
   */
  updateAction: write(async (o, args: { id: string; version: number; status?: ActionStatus; outcome?: string; title?: string; owner?: string; due?: string }) => {
    const a = o.respond.actions.get(args.id);
    if (!a) return fail('not_found');
    if (a.updatedAt !== args.version) return fail('stale', { detail: 'action_changed' });
    const now = Date.now();
    if ((args.outcome ?? '').length > OUTCOME_MAX) return fail('invalid', { issues: [{ column: 'outcome', code: 'too_long', params: { max: OUTCOME_MAX } }] });
    let next: Action = { ...a, updatedAt: now };
    if (args.title !== undefined || args.owner !== undefined || args.due !== undefined) {
      const edit = { strategy: a.strategy, title: args.title ?? a.title, owner: args.owner ?? a.owner, due: args.due ?? a.due };
      const issues = actionIssues(edit);
      if (issues.length) return fail('invalid', { issues });
      next = { ...next, title: edit.title.trim(), owner: edit.owner.trim(), due: edit.due };
    }
    if (args.status === 'open' && a.status !== 'open') next = reopenAction(next, now);
    else if (args.status && args.status !== 'open') next = closeAction(next, args.status, args.outcome ?? a.outcome, pointOf(o.book, a.customerId)!, now);
    else if (args.outcome !== undefined) next = { ...next, outcome: args.outcome.trim() };
    await save(o, [next]);
    await o.alertsRead;
    const alert = next.alertId ? [...o.alerts.values()].find((x) => x.id === next.alertId) : undefined;
    const lastOfAlert = !!alert && next.status !== 'open' && ![...o.respond.actions.values()].some((x) => x.alertId === alert.id && x.status === 'open');
    return ok({ action: next, resolveAlert: lastOfAlert ? alert!.id : null });
  }),

  /** Records a periodic review (dated on or before the book's day), optionally starting a playbook with it. */
  recordReview: write(async (o, { customerId, date, who, note = '', playbookId }: { customerId: string; date: string; who: string; note?: string; playbookId?: string }) => {
    if (o.book.positionOf(customerId) === undefined) return fail('not_found');
    const issues = reviewIssues({ date, who, note }, o.book.asOf);
    if (issues.length) return fail('invalid', { issues });
    const p = playbookId ? o.respond.playbook(playbookId) : undefined;
    if (playbookId && !p) return fail('not_found');
    const actions = p ? runOf(o, p, customerId, ownerOf(o, customerId, who)) : [];
    const now = Date.now();
    const review: Review = { id: crypto.randomUUID(), customerId, date, who: who.trim(), note: note.trim(), ...(actions[0] ? { run: actions[0].run } : {}), createdAt: now, updatedAt: now };
    await save(o, actions, [review]);
    return ok({ review, actions });
  }),

  /** The book's playbooks, each with its record: how often it was started, finished, and followed by a better grade. */
  getPlaybooks: read(async (o, _: Record<string, never> = {}) => {
    const runs = runsOf(withLater(o.book, [...o.respond.actions.values()]));
    const records = Object.fromEntries(o.respond.playbooks.map((p) => [p.id, playbookRecord(runs.filter((r) => r.playbookId === p.id))]));
    return ok({ playbooks: o.respond.playbooks, shipped: o.respond.shipped, records, cadence: o.respond.cadence });
  }),

  /** Replaces the book's playbooks (edited in the app, or a file's text), checked as a file is; null puts the shipped ones back. */
  setPlaybooks: write(async (o, { playbooks, text }: { playbooks?: Playbook[] | null; text?: string }) => {
    if (playbooks === null) {
      await writeRespond(o.db, { playbooks: null }, o.belief);
      (o.respond.playbooks = DEFAULT_PLAYBOOKS), (o.respond.shipped = true);
      return ok(o.respond.playbooks);
    }
    const parsed = parsePlaybooks(text ?? playbooksDoc(playbooks ?? []));
    if (!parsed.ok) return fail('invalid', { issues: [{ code: `playbooks.${parsed.problem.code}`, params: 'detail' in parsed.problem ? { detail: parsed.problem.detail, at: 'at' in parsed.problem ? parsed.problem.at : 0 } : {} }] });
    await writeRespond(o.db, { playbooks: playbooksDoc(parsed.playbooks) }, o.belief);
    (o.respond.playbooks = parsed.playbooks), (o.respond.shipped = false);
    return ok(o.respond.playbooks);
  }),

  /** The playbooks as a JSON file to share. */
  exportPlaybooks: read(async (o, _: Record<string, never> = {}) => {
    const file: SavedFile = { blob: new Blob([JSON.stringify(playbooksDoc(o.respond.playbooks), null, 2)], { type: 'application/json' }), name: `custos-playbooks-${localIso(new Date())}.json` };
    return ok(file);
  }),

  /** Months between periodic reviews per tier. */
  setCadence: write(async (o, { cadence }: { cadence: Cadence }) => {
    const issues = cadenceIssues(cadence as unknown as Record<string, unknown>);
    if (issues.length) return fail('invalid', { issues });
    const c = { key: cadence.key, general: cadence.general, potential: cadence.potential };
    await writeRespond(o.db, { cadence: c }, o.belief);
    o.respond.cadence = c;
    return ok(c);
  }),

  /**
   * The Today screen: who needs attention and why, due actions and reviews, overdue invoices;
   * "mine" with an owner. The live alerts are read after a book opens: asked `early`, Today does
   * not wait for them (`alertsPending` says their counts are still to come).
   */
  getToday: read(async (o, { early = false, ...options }: TodayOptions & { early?: boolean } = {}) => {
    const read = early ? await Promise.race([o.alertsRead.then(() => true), Promise.resolve(false)]) : (await o.alertsRead, true);
    return ok({ ...today(o.book, o.respond, o.alerts.values(), options), alertsPending: !read });
  }),
};
