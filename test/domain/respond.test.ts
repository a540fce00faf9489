// Respond and follow up, the pure parts: playbook files refused for what is wrong with them,
// due dates from a playbook's offsets, review due dates per tier, and an action's effect.
import { describe, expect, test } from 'vitest';
import { DEFAULT_PLAYBOOKS, parsePlaybooks, playbooksDoc, proposed, stepsOf, textIn } from '../../src/domain/respond/playbooks';
import fc from 'fast-check';
import { dayFromIso, isoFromDay } from '../../src/domain/dates';
import { addMonths, addMonthsToDay, DEFAULT_CADENCE, nextReview, reviewState, cadenceIssues } from '../../src/domain/respond/reviews';
import { actionIssues, closeAction, daysOverdue, type Action } from '../../src/domain/respond/actions';
import { playbookRecord, runsOf, verdict } from '../../src/domain/respond/effect';
import { DIMENSIONS } from '../../src/domain/risk/indicators';

const doc = (playbooks: unknown[], version = 1) => JSON.stringify({ format: 'custos-playbooks', version, playbooks });
const good = DEFAULT_PLAYBOOKS[0];

describe('playbooks', () => {
  test('the shipped ones answer every dimension, in three languages, and pass their own check', () => {
    for (const d of DIMENSIONS) expect(DEFAULT_PLAYBOOKS.some((p) => p.dimension === d), d).toBe(true);
    for (const p of DEFAULT_PLAYBOOKS) for (const t of [p.name, ...p.steps.map((s) => s.title)]) expect(Object.keys(t as object).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
    expect(parsePlaybooks(JSON.stringify(playbooksDoc(DEFAULT_PLAYBOOKS)))).toEqual({ ok: true, playbooks: DEFAULT_PLAYBOOKS });
    // The four strategies made concrete for credit.
    expect(new Set(DEFAULT_PLAYBOOKS.filter((p) => p.dimension === 'credit').map((p) => p.strategy))).toEqual(new Set(['reduce', 'avoid', 'transfer']));
  });
  test('bad JSON, another file, a newer version, an unknown dimension, a negative offset: each refused by name', () => {
    expect(parsePlaybooks('{')).toEqual({ ok: false, problem: { code: 'playbooks_not_json' } });
    expect(parsePlaybooks(JSON.stringify({ format: 2, indicators: {} }))).toEqual({ ok: false, problem: { code: 'playbooks_not_playbooks' } });
    expect(parsePlaybooks(doc([good], 2))).toEqual({ ok: false, problem: { code: 'playbooks_newer', detail: '2' } });
    expect(parsePlaybooks(doc([good, { ...good, id: 'x', dimension: 'weather' }]))).toEqual({ ok: false, problem: { code: 'playbooks_unknown_dimension', detail: 'weather', at: 2 } });
    expect(parsePlaybooks(doc([{ ...good, steps: [{ offsetDays: -1, title: 'Call' }] }])).ok).toBe(false);
    expect(parsePlaybooks(doc([{ ...good, steps: [{ offsetDays: -1, title: 'Call' }] }]))).toMatchObject({ problem: { code: 'playbooks_bad_offset', at: 1 } });
    expect(parsePlaybooks(doc([{ ...good, steps: [{ offsetDays: 1.5, title: 'Call' }] }]))).toMatchObject({ problem: { code: 'playbooks_bad_offset' } });
    expect(parsePlaybooks(doc([{ ...good, steps: [] }]))).toMatchObject({ problem: { code: 'playbooks_no_steps' } });
    expect(parsePlaybooks(doc([{ ...good, strategy: 'pray' }]))).toMatchObject({ problem: { code: 'playbooks_bad_strategy', detail: 'pray' } });
    expect(parsePlaybooks(doc([good, good]))).toMatchObject({ problem: { code: 'playbooks_duplicate', detail: good.id, at: 2 } });
    expect(parsePlaybooks(doc([{ ...good, indicators: ['credit.nope'] }]))).toMatchObject({ problem: { code: 'playbooks_unknown_indicator', detail: 'credit.nope' } });
    expect(parsePlaybooks(doc([{ ...good, name: { fr: 'Recouvrer' } }]))).toMatchObject({ problem: { code: 'playbooks_bad_name' } });
  });
  test('a user-written playbook in one language is read, its steps in offset order', () => {
    const mine = { id: 'mine', dimension: 'service', strategy: 'reduce', name: 'Call back', steps: [{ offsetDays: 7, title: 'Visit' }, { offsetDays: 0, title: 'Call' }] };
    const r = parsePlaybooks(doc([mine]));
    expect(r.ok && r.playbooks[0].steps.map((s) => s.offsetDays)).toEqual([0, 7]);
    expect(textIn('Call back', 'zh-CN')).toBe('Call back');
  });
  test('due dates are the start plus each step’s offset, across a month end; titles in the user’s language', () => {
    const steps = stepsOf(good, '2026-01-28', 'zh-CN');
    expect(steps.map((s) => s.due)).toEqual(['2026-01-29', '2026-01-31', '2026-02-04', '2026-02-11']);
    expect(steps[0].title).toBe('发送付款提醒，列明逾期发票');
    expect(steps[3].strategy).toBe('avoid');
  });
  test('a reason led by an indicator proposes the playbook naming it first', () => {
    expect(proposed(DEFAULT_PLAYBOOKS, 'credit', 'credit.limit_utilisation')[0].id).toBe('credit-limit');
    expect(proposed(DEFAULT_PLAYBOOKS, 'credit', 'credit.max_days_past_due')[0].id).toBe('credit-collect');
    expect(proposed(DEFAULT_PLAYBOOKS, 'churn', 'churn.days_to_contract_end')[0].id).toBe('churn-sponsor');
    expect(proposed(DEFAULT_PLAYBOOKS, 'data')[0].id).toBe('data-clean');
  });
});

describe('periodic reviews', () => {
  test('the next review is a cadence after the last: key monthly, general quarterly, potential half-yearly', () => {
    expect(nextReview('2026-01-31', null, 'key', DEFAULT_CADENCE)).toBe('2026-02-28');
    expect(nextReview('2026-01-15', null, 'general', DEFAULT_CADENCE)).toBe('2026-04-15');
    expect(nextReview('2026-09-10', null, 'potential', DEFAULT_CADENCE)).toBe('2027-03-10');
    // Never reviewed: a cadence after it became a customer.
    expect(nextReview(null, '2025-12-01', 'key', DEFAULT_CADENCE)).toBe('2026-01-01');
    expect(nextReview(null, null, 'key', DEFAULT_CADENCE)).toBeNull();
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
  test('months added to day numbers (the whole-book loop) land where the dates do', () => {
    fc.assert(fc.property(fc.integer({ min: dayFromIso('1990-01-01'), max: dayFromIso('2100-12-31') }), fc.integer({ min: 0, max: 36 }), (day, months) => {
      expect(isoFromDay(addMonthsToDay(day, months))).toBe(addMonths(isoFromDay(day), months));
    }));
    expect(isoFromDay(addMonthsToDay(dayFromIso('2023-12-31'), 2))).toBe('2024-02-29');
  });
  test('overdue after its date, due within a week of it, later before that', () => {
    expect(reviewState('2026-03-01', '2026-03-02')).toBe('overdue');
    expect(reviewState('2026-03-01', '2026-03-01')).toBe('due');
    expect(reviewState('2026-03-08', '2026-03-01')).toBe('due');
    expect(reviewState('2026-03-09', '2026-03-01')).toBe('later');
  });
  test('a cadence is whole months from 1 to 36 per tier', () => {
    expect(cadenceIssues({ key: 1, general: 3, potential: 6 })).toEqual([]);
    expect(cadenceIssues({ key: 0, general: 2.5, potential: 37 }).map((i) => i.column)).toEqual(['key', 'general', 'potential']);
  });
});

const action = (over: Partial<Action>): Action => ({
  id: 'a', customerId: 'C1', strategy: 'reduce', title: 'Call', owner: 'Li', due: '2026-03-05', status: 'open', outcome: '', created: '2026-03-01', createdAt: 1, updatedAt: 1,
  before: { day: '2026-03-01', score: 70, grade: 'high' }, ...over,
});

describe('actions and their effect', () => {
  test('an action needs a strategy, a title and a date; it is overdue the day after it is due', () => {
    expect(actionIssues({ strategy: 'reduce', title: 'Call', owner: '', due: '2026-03-05' })).toEqual([]);
    expect(actionIssues({ strategy: 'hope', title: ' ', owner: '', due: '5/3' }).map((i) => i.column)).toEqual(['strategy', 'title', 'due']);
    expect(daysOverdue(action({}), '2026-03-05')).toBe(0);
    expect(daysOverdue(action({}), '2026-03-08')).toBe(3);
    expect(daysOverdue(action({ status: 'done' }), '2026-03-08')).toBe(0);
  });
  test('a lower grade is better; at the same grade a move of 5 points or more counts; ungraded is not judged', () => {
    const at = (grade: string, score: number) => ({ day: 'd', grade: grade as 'low', score });
    expect(verdict(at('high', 70), at('medium', 50))).toBe('better');
    expect(verdict(at('medium', 40), at('high', 60))).toBe('worse');
    expect(verdict(at('high', 70), at('high', 64))).toBe('better');
    expect(verdict(at('high', 70), at('high', 67))).toBe('same');
    expect(verdict(at('high', 70), at('insufficient', 0))).toBeNull();
  });
  test('a run is judged on its first action’s before against its last close, and thirty days later', () => {
    const a1 = closeAction(action({ id: 'a1', run: 'r', playbookId: 'credit-collect' }), 'done', 'Reminded', { day: '2026-03-02', score: 72, grade: 'high' }, 2);
    const a2 = closeAction(action({ id: 'a2', run: 'r', playbookId: 'credit-collect', createdAt: 1 }), 'done', 'Paid', { day: '2026-03-10', score: 35, grade: 'medium' }, 3);
    const [run] = runsOf([a1, { ...a2, later: { day: '2026-04-09', score: 20, grade: 'low' } }]);
    expect(run).toMatchObject({ actions: 2, open: 0, verdictAtClose: 'better', verdictLater: 'better', atClose: { day: '2026-03-10' } });
    const open = runsOf([a1, action({ id: 'a3', run: 's', playbookId: 'credit-collect' })]);
    expect(playbookRecord(open)).toEqual({ started: 2, finished: 1, judged: 1, better: 0, same: 1, worse: 0 });
  });
});
