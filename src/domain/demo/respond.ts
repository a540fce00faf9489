// The responses a demo book ships with, so that a trainer can show the whole loop: a collection
// round that worked (the recovered customers, before and after), rounds under way with steps
// overdue, a customer let go, and every customer's last periodic review.

import { addDays } from '../dates';
import { createRng, mixSeed } from '../random';
import type { Action } from '../respond/actions';
import type { Dimension } from '../risk/indicators';
import { DEFAULT_PLAYBOOKS, stepsOf } from '../respond/playbooks';
import type { Review } from '../respond/reviews';
import type { Customer, Locale } from '../types';
import { demoStories, type DemoSpec } from './book';

/** A run of a playbook: started `start` days from as-of, its steps closed on the days given (null: still open). */
interface Planted {
  customerId: string;
  playbookId: string;
  start: number;
  closes: (number | null)[];
  outcomes?: string[];
  dimension: Dimension;
}

const OUTCOMES: Record<Locale, { paid: string; called: string; reminded: string; left: string }> = {
  en: { paid: 'Paid in full after the call.', called: 'Spoke to accounts payable; payment promised.', reminded: 'Reminder sent.', left: 'Moved to a competitor; no further selling.' },
  'zh-CN': { paid: '通话后已全额付款。', called: '已与客户财务沟通，对方承诺付款。', reminded: '已发送提醒。', left: '已转向竞争对手，停止主动销售。' },
  'zh-TW': { paid: '通話後已全額付款。', called: '已與客戶財務溝通，對方承諾付款。', reminded: '已發送提醒。', left: '已轉向競爭對手，停止主動銷售。' },
};

const NOTES: Record<Locale, string[]> = {
  en: ['Regular check-in: no concerns.', 'Reviewed orders and open invoices.', 'Discussed next quarter’s plans.'],
  'zh-CN': ['例行回访：无异常。', '核对了订单与未结发票。', '讨论了下季度计划。'],
  'zh-TW': ['例行回訪：無異常。', '核對了訂單與未結發票。', '討論了下季度計畫。'],
};

/**
 * The demo's actions (their effect points left empty: the engine fills them in by scoring the
 * book on their days) and reviews, for books generated with a year of history.
 */
export function demoResponses(spec: DemoSpec, customers: ReadonlyMap<string, Customer>, now: number): { actions: Action[]; reviews: Review[] } {
  const s = demoStories(spec);
  const o = OUTCOMES[spec.locale];
  const planted: Planted[] = [
    ...s.recovered.map((customerId) => ({ customerId, playbookId: 'credit-collect', dimension: 'credit' as const, start: -60, closes: [-59, -57, -52, -45], outcomes: [o.reminded, o.called, o.reminded, o.paid] })),
    ...s.latePayers.map((customerId) => ({ customerId, playbookId: 'credit-collect', dimension: 'credit' as const, start: -6, closes: [-5, null, null, null], outcomes: [o.reminded] })),
    { customerId: s.fading[0], playbookId: 'churn-retain', dimension: 'churn', start: -20, closes: [-18, null, null] },
    { customerId: s.complaintHeavy[0], playbookId: 'service-recover', dimension: 'service', start: -2, closes: [null, null, null] },
    { customerId: s.lostWithDebt, playbookId: 'churn-accept', dimension: 'churn', start: -200, closes: [-190], outcomes: [o.left] },
  ];
  const actions: Action[] = [];
  for (const p of planted) {
    const playbook = DEFAULT_PLAYBOOKS.find((b) => b.id === p.playbookId)!;
    const start = addDays(spec.asOf, p.start);
    const run = `demo-${p.playbookId}-${p.customerId}`;
    const owner = customers.get(p.customerId)?.owner ?? '';
    stepsOf(playbook, start, spec.locale).forEach((step, k) => {
      const close = p.closes[k] ?? null;
      actions.push({
        id: `${run}-${k + 1}`, customerId: p.customerId, reason: { dimension: p.dimension }, playbookId: playbook.id, run, step: k,
        strategy: step.strategy, title: step.title, owner, due: step.due, status: close === null ? 'open' : 'done', outcome: close === null ? '' : p.outcomes?.[k] ?? '',
        created: start, ...(close === null ? {} : { closed: addDays(spec.asOf, close) }), createdAt: now, updatedAt: now, before: null,
      });
    });
  }
  const reviews: Review[] = [];
  const rng = createRng(mixSeed(spec.seed, 7, 7));
  // Last reviewed within about one and a half cadences: most are not due, some are overdue.
  const spread = { key: [3, 45], general: [10, 120], potential: [20, 220] } as const;
  const fading = new Set(s.fading);
  for (const c of customers.values()) {
    const [a, b] = spread[c.tier];
    const ago = fading.has(c.id) ? 70 + rng.int(0, 20) : rng.int(a, b);
    reviews.push({ id: `demo-review-${c.id}`, customerId: c.id, date: addDays(spec.asOf, -ago), who: c.owner, note: rng.pick(NOTES[spec.locale]), createdAt: now, updatedAt: now });
  }
  return { actions, reviews };
}
