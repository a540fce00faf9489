// "How good is this model here?" on the demo books in real Chromium: the lifetime models fitted
// before a cut against the weeks after it, and the grades at the cut against what followed.
import { afterAll, describe, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import { DEMO_SEED } from '../../src/domain/demo/book';
import { addDays, localIso } from '../../src/domain/dates';
import { got } from '../support/result';

const api = engine();
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

describe('the backtest', () => {
  test('on the workshop demo: 26 weeks tracked, the grades at the cut rank what happened after it', async () => {
    created.push(got(await api.createWorkspace({ name: 'Backtest', demo: { book: 'workshop', seed: DEMO_SEED, locale: 'en' }, locale: 'en' })).id);
    const r = got(await api.runBacktest({}));
    expect(r.cut).toBe(addDays(localIso(new Date()), -182));
    expect(r.weeks).toBe(26);
    expect(r.tracking!.weeks).toHaveLength(26);
    expect(r.tracking!.converged).toBe(true);
    const last = r.tracking!.weeks.at(-1)!;
    expect(last.actual).toBeGreaterThan(0);
    // Customers graded high or critical at the cut stopped ordering more often than the book did.
    const severe = r.grades.filter((g) => g.grade === 'high' || g.grade === 'critical');
    expect(severe.length).toBeGreaterThan(0);
    const low = r.grades.find((g) => g.grade === 'low')!;
    const severeStopped = severe.reduce((a, g) => a + g.stopped * g.customers, 0) / severe.reduce((a, g) => a + g.customers, 0);
    expect(severeStopped).toBeGreaterThan(r.base.stopped);
    expect(severeStopped / r.base.stopped).toBeGreaterThan(1.5);
    expect(low.stopped).toBeLessThan(r.base.stopped);
    // The score ranks who stopped better than chance. (The demo's ordinary late payments are
    // drawn at random, so for paying late the curve can only be near 0.5: it is told, not judged.)
    expect(r.auc.stopped).toBeGreaterThan(0.55);
    expect(r.auc.paidLate).toBeGreaterThanOrEqual(0);
    expect(r.auc.paidLate).toBeLessThanOrEqual(1);
    // A cut too close to the analysis date is refused with its reason.
    const late = await api.runBacktest({ cut: addDays(localIso(new Date()), -7) });
    expect(late.ok ? null : late.issues?.[0]?.code).toBe('cut_too_late');
  });
});
