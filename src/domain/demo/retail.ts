// The audit demo: a retail chain's book in two states six months apart. In the half-year before
// the first (RETAIL_GAP days before the book's day) satisfaction falls, a quarter of the
// customers stop buying, complaints come more often and are answered slowly, and invoices are
// paid late; on the first day the chain responds (collection rounds, service recovery, win-back
// calls, improvement plans — see retailResponses), and in the half-year to the second state
// satisfaction recovers, half the lost customers come back, service is fast and the overdue money
// is collected. Data problems (duplicates, missing fields, invalid e-mails, an impossible date)
// stand in both. A trainer audits the book on each day and compares.

import { addDays, dayFromIso } from '../dates';
import { createRng, mixSeed } from '../random';
import type { Action } from '../respond/actions';
import { DEFAULT_PLAYBOOKS, stepsOf } from '../respond/playbooks';
import type { Dimension } from '../risk/indicators';
import type { Customer, IsoDate, NewEvent, Severity } from '../types';
import type { Review } from '../respond/reviews';
import { complaint, interaction, orderAmount, sale, survey, type Ctx } from './events';
import { variantName, VOCABULARY } from './names';
import { DEMO_BATCH, demoId, profile, type DemoCustomer, type DemoSpec } from './book';

/** Days between the audit demo's two states: the first is the book's day minus this. */
export const RETAIL_GAP = 182;

/** The first state's day of a retail demo built as of `asOf` (the second is `asOf` itself). */
export const retailFirstState = (asOf: IsoDate): IsoDate => addDays(asOf, -RETAIL_GAP);

const DUPES = 3, MISSING = [3, 33], BARE = [3, 11], INVALID = [33, 35], IMPOSSIBLE = 35, LIMIT = [36, 42];
const in_ = (i: number, [a, b]: number[]) => i >= a && i < b;

/** What happened to a retail customer, which the demo's responses answer. */
export interface RetailStory {
  /** Stopped buying before the bad half-year; `back`: won back after the first state. */
  churned: boolean;
  back: boolean;
  /** Had money overdue on the first state's day. */
  overdueAtFirst: boolean;
  /** Had a complaint answered or resolved late in the bad half-year. */
  badService: boolean;
  key: boolean;
}

type Phase = 'good' | 'bad' | 'after';

function retailProfile(spec: DemoSpec, i: number): Customer {
  const c = profile(spec, i);
  if (i < DUPES) {
    const original = profile(spec, i + 100);
    return { ...c, name: variantName(spec.locale, original.name), phone: original.phone, contact: original.contact };
  }
  if (in_(i, BARE)) return { ...c, owner: '', industry: '', phone: '', email: '', size: '' };
  if (in_(i, MISSING)) return { ...c, owner: '', phone: '', email: '' };
  if (in_(i, INVALID)) return { ...c, email: c.email.replace('@', ' at ') };
  if (in_(i, LIMIT)) return { ...c, size: 'medium', creditLimit: 30_000_00 };
  return c;
}

/** One customer of the retail demo with its events and its story. */
export function retailCustomer(spec: DemoSpec, i: number): DemoCustomer & { story: RetailStory } {
  const customer = retailProfile(spec, i);
  const r = createRng(mixSeed(spec.seed, i, 11));
  const B = spec.asOf, A = retailFirstState(B), badFrom = addDays(A, -RETAIL_GAP);
  const phase = (d: IsoDate): Phase => (d < badFrom ? 'good' : d <= A ? 'bad' : 'after');
  const start = addDays(B, -730) > customer.since ? addDays(B, -730) : customer.since;
  const c: Ctx = {
    rng: r, id: customer.id, asOf: B, start, batch: DEMO_BATCH, vocab: VOCABULARY[spec.locale], terms: customer.paymentTermsDays ?? 30,
    orderSize: { large: 40_000_00, medium: 8_000_00, small: 2_000_00, '': 4_000_00 }[customer.size], perCustomer: 30, wave: null,
  };
  const key = customer.tier === 'key';
  const churned = i >= LIMIT[1] && r.chance(0.3);
  const back = churned && r.chance(0.55);
  // The churned stop some time in the good half-year's last months; the won-back return after the first state.
  const stop = churned ? addDays(badFrom, -r.int(0, 60)) : r.chance(0.03) ? addDays(A, r.int(10, 150)) : B;
  const resume = back ? addDays(A, r.int(20, 60)) : null;
  const events: NewEvent[] = [];
  let overdueAtFirst = false, badService = false, seq = 1;

  for (let d = addDays(start, r.int(0, 30)); d <= B; d = addDays(d, r.int(22, 45))) {
    if (d > stop && !(resume && d >= resume)) continue;
    const p = phase(d);
    const limitBreaker = in_(i, LIMIT) && p === 'bad';
    const amount = limitBreaker ? orderAmount(c) * 3 : orderAmount(c);
    // Bad half-year: 40 % paid 30–150 days late; otherwise mostly on time.
    const late = limitBreaker ? dayFromIso(A) + r.int(20, 60) - dayFromIso(addDays(d, c.terms))
      : p === 'bad' ? (r.chance(0.4) ? r.int(30, 150) : -r.int(0, 8))
      : r.chance(p === 'good' ? 0.92 : 0.95) ? -r.int(0, 8) : r.int(1, 15);
    const sold = sale(c, d, amount, late, seq++);
    const inv = sold[1] as Extract<NewEvent, { kind: 'invoice' }>;
    if (inv.due < A && inv.issued <= A && (!inv.paid || inv.paid > A)) overdueAtFirst = true;
    if (i === IMPOSSIBLE && seq === 3) sold[1] = { ...inv, due: addDays(inv.issued, -5) };
    events.push(...sold);
  }
  // Surveys about every 75 days; the mood follows the half-year.
  const mood = { good: 4.3, bad: key ? 2.5 : 2.8, after: 4.3 };
  for (let d = addDays(start, r.int(0, 75)); d <= B; d = addDays(d, r.int(60, 90))) {
    if (d > stop && !(resume && d >= resume)) continue;
    const p = phase(d);
    const csat = key && p === 'after' ? 5 : Math.min(5, Math.max(1, Math.round(mood[p] + r.normal() * (p === 'after' ? 0.4 : 0.6))));
    const nps = Math.min(10, Math.max(0, [0, 1, 4, 6, 8, 9][csat] + r.int(-1, 1)));
    const comment = csat <= 2 ? r.pick(c.vocab.detractorComments) : csat === 5 ? r.pick(c.vocab.praiseComments) : '';
    events.push(survey(c, d, csat, nps, comment));
  }
  // Complaints: rarer and quickly handled, except in the bad half-year.
  for (let d = addDays(start, r.int(0, 120)); d <= B; ) {
    const p = phase(d);
    const severity: Severity = r.pick(['low', 'medium', 'medium', 'high'] as const);
    const [respondH, resolveD, reopen] = p === 'bad' ? [r.int(10, 60), r.int(4, 12), 0.25] : p === 'good' ? [r.int(1, 8), r.int(1, 3), 0.04] : [r.int(1, 6), r.int(1, 2), 0.03];
    if (d <= stop || (resume && d >= resume)) {
      events.push(complaint(c, d, severity, respondH, resolveD, r.chance(reopen)));
      if (p === 'bad') badService = true;
    }
    d = addDays(d, p === 'bad' ? r.int(30, 90) : r.int(150, 300));
  }
  for (let d = addDays(start, r.int(0, 90)); d <= B; d = addDays(d, r.int(70, 110))) {
    const p = phase(d);
    events.push(interaction(c, d, p === 'bad' ? (r.chance(0.5) ? -1 : 0) : r.chance(0.5) ? 1 : 0));
  }
  return { customer, events, story: { churned, back, overdueAtFirst, badService, key } };
}

export const RETAIL_CUSTOMERS = 240;

export function* generateRetail(spec: DemoSpec): Generator<DemoCustomer> {
  for (let i = 0; i < RETAIL_CUSTOMERS; i++) yield retailCustomer(spec, i);
}

/** Each customer's story, by id (the demo's responses are planted from them). */
export function retailStories(spec: DemoSpec): Map<string, RetailStory> {
  return new Map(Array.from({ length: RETAIL_CUSTOMERS }, (_, i) => [demoId(spec, i), retailCustomer(spec, i).story]));
}

const OUTCOME: Record<Dimension, string> = { credit: 'paid', churn: 'back', service: 'fixed', satisfaction: 'better', engagement: '', data: '', dependency: '' };
const OUTCOMES = {
  en: { paid: 'Paid after the reminder round.', back: 'Ordered again after the call.', gone: 'Not coming back for now.', fixed: 'Complaint closed; process changed.', better: 'Improvement plan agreed.' },
  'zh-CN': { paid: '催收后已付款。', back: '回访后重新下单。', gone: '暂时不会回来。', fixed: '投诉已关闭，流程已改进。', better: '已商定改进计划。' },
  'zh-TW': { paid: '催收後已付款。', back: '回訪後重新下單。', gone: '暫時不會回來。', fixed: '投訴已關閉，流程已改進。', better: '已商定改進計畫。' },
} as const;

/** Days after the first state on which the responses' steps were closed. */
const CLOSE_DAYS = [7, 21, 35, 49, 60];

/** The responses the chain took on the first state's day, all closed within two months of it; and each customer's last periodic review. */
export function retailResponses(spec: DemoSpec, customers: ReadonlyMap<string, Customer>, now: number): { actions: Action[]; reviews: Review[] } {
  const A = retailFirstState(spec.asOf);
  const rng = createRng(mixSeed(spec.seed, 11, 7));
  const actions: Action[] = [], reviews: Review[] = [];
  const words = OUTCOMES[spec.locale];
  for (const [id, s] of retailStories(spec)) {
    const plays: [string, Dimension][] = [];
    if (s.overdueAtFirst) plays.push(['credit-collect', 'credit']);
    if (s.badService) plays.push(['service-recover', 'service']);
    if (s.churned) plays.push(['churn-retain', 'churn']);
    else if (s.key) plays.push(['satisfaction-plan', 'satisfaction']);
    const owner = customers.get(id)?.owner ?? '';
    for (const [playbookId, dimension] of plays) {
      const playbook = DEFAULT_PLAYBOOKS.find((b) => b.id === playbookId)!;
      const run = `demo-${playbookId}-${id}`;
      const steps = stepsOf(playbook, A, spec.locale);
      steps.forEach((step, k) => {
        const closed = addDays(A, CLOSE_DAYS[Math.min(k, CLOSE_DAYS.length - 1)]);
        const last = k === steps.length - 1;
        const outcome = last ? (dimension === 'churn' && !s.back ? words.gone : words[OUTCOME[dimension] as keyof typeof words] ?? '') : '';
        actions.push({
          id: `${run}-${k + 1}`, customerId: id, reason: { dimension }, playbookId, run, step: k, strategy: step.strategy, title: step.title, owner,
          due: step.due, status: 'done', outcome, created: A, closed, createdAt: now, updatedAt: now, before: null,
        });
      });
    }
    reviews.push({ id: `demo-review-${id}`, customerId: id, date: addDays(spec.asOf, -rng.int(5, 80)), who: owner, note: '', createdAt: now, updatedAt: now });
  }
  return { actions, reviews };
}
