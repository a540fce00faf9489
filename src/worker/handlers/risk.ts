// A customer's risk and the book's: one customer's score with its reasons and history, the
// overrides, the portfolio overview and a full rescore.

import { GRADES, type Grade } from '../../domain/risk/model';
import { bookCurrency } from '../book/book-fields';
import { DIMENSIONS, INDICATORS, indicatorIndex } from '../../domain/risk/indicators';
import { riskOverview } from '../../domain/risk/overview';
import { activeOverride, type Override } from '../../domain/risk/snapshots';
import type { Issue } from '../../domain/types';
import { writeAsOf, writeOverrides } from '../../storage/workspace-repo';
import { isValidIso } from '../../domain/dates';
import { asOfDay, deviceToday } from '../session/clock';
import type { CustomerRisk } from '../contract';
import type { OpenBook } from '../session/open-book';
import { settle } from '../session/settle';
import { timings } from '../session/writes';
import { fail, free, ok, read, write } from './wrap';

function overrideIssues(o: { grade: string; reason: string; expires: string }, todayIso: string): Issue[] {
  const issues: Issue[] = [];
  if (!(GRADES as readonly string[]).includes(o.grade)) issues.push({ column: 'grade', code: 'invalid_choice' });
  if (!o.reason.trim()) issues.push({ column: 'reason', code: 'required' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(o.expires)) issues.push({ column: 'expires', code: 'invalid_date' });
  else if (o.expires < todayIso) issues.push({ column: 'expires', code: 'date_in_past' });
  return issues;
}

/** Writes the overrides with `id`'s put (or removed, for null), then regrades that customer. */
async function saveOverride(o: OpenBook, id: string, override: Override | null): Promise<void> {
  const next = new Map(o.book.risk.overrides);
  if (override) next.set(id, override);
  else next.delete(id);
  await writeOverrides(o.db, [...next.values()], o.belief);
  o.book.setOverride(id, override);
}

export const risk = {
  getCustomerRisk: read(async (o, { id }: { id: string }) => {
    const { book } = o;
    const at = book.positionOf(id);
    if (at === undefined) return fail('not_found');
    const explanation = book.risk.explain(at);
    const v = explanation.values;
    const ages = [v['churn.days_since_order'], v['engagement.days_since_interaction'], v['satisfaction.months_since_survey'] * 30.44].filter((x) => !Number.isNaN(x));
    const value: CustomerRisk = {
      row: book.rowOfCustomer(id)!,
      explanation,
      override: activeOverride(book.risk.overrides.get(id), book.asOf) ?? null,
      history: book.risk.historyOf(book.shardNo(id), id),
      model: { name: book.risk.model.name, revision: book.risk.model.revision, freshnessDays: book.risk.model.freshnessDays },
      dataAgeDays: ages.length ? Math.round(Math.min(...ages)) : null,
    };
    return ok(value);
  }),

  /** Puts a user's grade over the computed one until `expires`, with the reason. */
  setOverride: write(async (o, args: { id: string; grade: Grade; reason: string; expires: string }) => {
    if (o.book.positionOf(args.id) === undefined) return fail('not_found');
    const issues = overrideIssues(args, o.book.asOf);
    if (issues.length) return fail('invalid', { issues });
    const override: Override = { customerId: args.id, grade: args.grade, reason: args.reason.trim(), expires: args.expires, createdAt: Date.now() };
    await saveOverride(o, args.id, override);
    return ok(override);
  }),

  /** Removes a customer's override; gives back the one removed (undefined when there was none). */
  clearOverride: write(async (o, { id }: { id: string }) => {
    const before = o.book.risk.overrides.get(id);
    await saveOverride(o, id, null);
    return ok(before);
  }),

  getRiskOverview: read(async (o, _: Record<string, never> = {}) => {
    const { book } = o;
    return ok({ ...riskOverview({
      table: book.list, model: book.risk.model, lifetime: book.risk.lifetime,
      alive: book.risk.values[indicatorIndex('churn.probability_alive')], rowAt: (i) => book.rowAt(i), present: book.risk.present,
    }), currency: bookCurrency(o) });
  }),

  /**
   * Sets the book's analysis date (null: today again): every figure, grade, segment and alert
   * is then as of that day. A date after today is refused; while it is set, no score history is
   * kept for days before the last kept one.
   */
  setAsOf: write(async (o, { asOf }: { asOf: string | null }) => {
    if (asOf !== null && !isValidIso(asOf)) return fail('invalid', { issues: [{ column: 'asOf', code: 'invalid_date' }] });
    if (asOf !== null && asOf > deviceToday()) return fail('invalid', { issues: [{ column: 'asOf', code: 'after_today' }] });
    // Today chosen is today: the book follows the clock again.
    const chosen = asOf === deviceToday() ? null : asOf;
    await writeAsOf(o.db, chosen, o.belief);
    o.book.chosenAsOf = chosen;
    o.book.setAsOf(asOfDay(chosen));
    return ok(o.summary);
  }, { settle: 'await' }),

  /** Everything again from the events: indicators, figures and scores, with the follow-up saves. */
  rescoreAll: read(async (o, _: Record<string, never> = {}) => {
    const t0 = performance.now();
    const phases: Record<string, number> = {};
    let last = t0;
    const lap = (phase: string) => {
      const now = performance.now();
      phases[phase] = Math.round(now - last);
      last = now;
    };
    const snapshots = o.book.recomputeAll();
    lap('compute');
    await settle(o, lap);
    timings.rescoreAllMs = performance.now() - t0;
    timings.rescorePhases = phases;
    return ok({ ms: timings.rescoreAllMs, snapshots });
  }),

  /** The indicators and dimensions, for the model editor and the explanations. */
  listIndicators: free(async (_: Record<string, never> = {}) => ok({ dimensions: [...DIMENSIONS], indicators: INDICATORS.map((d) => ({ ...d })) })),
};
