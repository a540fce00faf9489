// A book of last year's orders in real Chromium: analysed as of today everyone looks lost;
// the app offers the newest record's date, and analysed as of it probability alive is the
// full-data BG/NBD fit's. The chosen date is kept with the book (another tab sees it).
import { afterAll, describe, expect, test } from 'vitest';
import { wrap, type Remote } from 'comlink';
import { engine } from '../../src/worker/client';
import type { EngineApi } from '../../src/worker/api';
import { DEFAULT_QUERY } from '../../src/domain/query';
import { addDays, dayFromIso, isoFromDay, localIso } from '../../src/domain/dates';
import { simulateBgNbd } from '../../src/domain/lifetime/simulate';
import { summarize } from '../../src/domain/lifetime/summary';
import { fitBgNbd, probabilityAlive } from '../../src/domain/lifetime/bgnbd';
import { got } from '../support/result';

const api = engine();
const worker = new Worker(new URL('../../src/worker/worker.ts', import.meta.url), { type: 'module' });
const other: Remote<EngineApi> = wrap<EngineApi>(worker);
let id = '';
afterAll(async () => {
  worker.terminate();
  if (id) await api.deleteWorkspace({ id });
});

// 800 customers from the BG/NBD story over 39 weeks ending 2025-10-01 (first purchases in the first 12 weeks).
const START = dayFromIso('2025-01-01'), WEEKS = 39, END = START + WEEKS * 7;
const sim = simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 800, WEEKS, 42, 84);
const csv = 'customer,date,amount\n' + sim.customer.map((c, k) => `C${c + 1},${isoFromDay(START + sim.day[k])},${(10 + (k % 7)).toFixed(2)}`).join('\n');

describe('an analysis date', () => {
  test('offered, set, used for every figure, kept with the book, and cleared', async () => {
    id = got(await api.createWorkspace({ name: 'Last year', locale: 'en' })).id;
    await api.openWorkspace({ id, locale: 'en' });
    const p = got(await api.previewImport({ file: new File([csv], 'orders.csv'), options: { kind: 'order', unknownCustomers: 'create' } }));
    got(await api.commitImport({ token: p.token }));
    const before = got(await api.getSummary({}));
    const newest = isoFromDay(START + Math.max(...sim.day));
    expect(before).toMatchObject({ asOf: localIso(new Date()), chosenAsOf: null, newestEvent: newest });
    // As of today (over a year later) the repeat buyers all look gone.
    const repeat = sim.summary.x.findIndex((x) => x >= 3);
    const aliveToday = got(await api.getCustomerRisk({ id: `C${repeat + 1}` })).explanation.values['churn.probability_alive'];

    // A date after today is refused; the end of the period is taken.
    const tomorrow = await api.setAsOf({ asOf: addDays(localIso(new Date()), 1) });
    expect(tomorrow.ok ? null : tomorrow.issues?.[0]?.code).toBe('after_today');
    const set = got(await api.setAsOf({ asOf: isoFromDay(END) }));
    expect(set).toMatchObject({ asOf: isoFromDay(END), chosenAsOf: isoFromDay(END) });

    // Probability alive is the full-data fit's, customer by customer (the same summary, in weeks).
    const fit = fitBgNbd(summarize(800, sim.customer, sim.day.map((d) => START + d), sim.value, END));
    expect(fit.converged).toBe(true);
    for (const c of [repeat, ...[0, 1, 2, 3, 4, 5].map((k) => sim.summary.x.findIndex((x, i) => x > k && i > repeat))]) {
      const s = sim.summary;
      const value = got(await api.getCustomerRisk({ id: `C${c + 1}` })).explanation.values['churn.probability_alive'];
      expect(value, `C${c + 1}`).toBeCloseTo(probabilityAlive(fit.params, s.x[c], s.tx[c], s.T[c]), 3);
    }
    const aliveThen = got(await api.getCustomerRisk({ id: `C${repeat + 1}` })).explanation.values['churn.probability_alive'];
    expect(aliveThen).toBeGreaterThan(aliveToday);
    // A book of orders only is graded on what it has: not "insufficient data" throughout.
    const rows = got(await api.queryCustomers({ query: DEFAULT_QUERY, limit: 1000 })).rows;
    expect(rows.filter((r) => r.grade === 'insufficient').length).toBeLessThan(rows.length / 10);
    const overview = got(await api.getRiskOverview({}));
    expect(overview.unscored.map((u) => u.dimension)).toEqual(['credit', 'service', 'satisfaction', 'engagement']);

    // Another tab opening the book sees the chosen date.
    const seen = got(await other.openWorkspace({ id, locale: 'en' }));
    expect(seen.asOf).toBe(isoFromDay(END));
    // Back to today: the book follows the clock again.
    expect(got(await api.setAsOf({ asOf: null }))).toMatchObject({ asOf: localIso(new Date()), chosenAsOf: null });
  });
});
