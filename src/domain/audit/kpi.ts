// The book's key figures month by month (the KPI dashboard): for each of the last twelve
// month-ends, in one pass per kind of event over the shards. Months are 30.44-day bins counted
// back from the analysis date (bin 0 ends on it). Figures of a period (customers active,
// retention and churn, repeat purchases, concentration, DSO) use the audit's period rounded to
// whole months, rolling; figures of a month (revenue, CSAT, NPS, complaints and their times) use
// the month alone. Revenue at risk comes from the lifetime models as they stand, so it has no past.

import { dayFromIso, dayOfInstant, instantOfDay, isoFromDay, NO_DAY } from '../dates';
import type { StrColumn } from '../columns';
import { PROVISION_BUCKETS, type Provision } from '../risk/model';
import type { AuditShard } from './measure';
import { bucketOf, openAmount } from './receivables';
import { concentration, retentionOf } from './portfolio';
import { median } from './service';

export const KPI_KEYS = [
  'active', 'retention', 'churn', 'repeatRate', 'revenue', 'topShare', 'hhi', 'csat', 'nps', 'complaintsPer100', 'medianRespond', 'medianResolve',
  'dso', 'overdue', 'receivablesAtRisk', 'revenueAtRisk',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export interface KpiTrend {
  /** The month-ends, oldest first (the last is the analysis date). */
  points: string[];
  /** Each figure at each point, oldest first; NaN where it has nothing to be measured on. */
  series: Record<KpiKey, number[]>;
  customers: number;
  periodMonths: number;
}

const MONTH = 30.4375;
const POINTS = 12;

/** The KPIs of `shards` at the twelve month-ends up to `asOf`, over a rolling period of `periodDays`. */
export async function kpiTrend(shards: Iterable<AuditShard>, asOf: string, periodDays: number, provision: Provision, checkpoint?: (done: number) => Promise<void>): Promise<KpiTrend> {
  const day = dayFromIso(asOf);
  // Twelve points and two periods before the oldest must fit one 32-bit mask per customer.
  const pm = Math.max(1, Math.min(10, Math.round(periodDays / MONTH)));
  const bins = POINTS + 2 * pm - 1, revBins = POINTS + pm - 1;
  const binOf = (d: number) => Math.floor((day - d) / MONTH);
  const ends = Array.from({ length: POINTS }, (_, k) => day - Math.round(k * MONTH));
  const endMs = ends.map((d) => instantOfDay(d + 1));
  const series = Object.fromEntries(KPI_KEYS.map((k) => [k, new Array<number>(POINTS).fill(0)])) as Record<KpiKey, number[]>;
  const retained = new Array<number>(POINTS).fill(0), base = new Array<number>(POINTS).fill(0), buyers = new Array<number>(POINTS).fill(0), repeaters = new Array<number>(POINTS).fill(0);
  const windowRevenue: number[][] = Array.from({ length: POINTS }, () => []);
  const csat = { sum: new Array<number>(POINTS).fill(0), n: new Array<number>(POINTS).fill(0) };
  const nps = { p: new Array<number>(POINTS).fill(0), d: new Array<number>(POINTS).fill(0), n: new Array<number>(POINTS).fill(0) };
  const respond: number[][] = Array.from({ length: POINTS }, () => []), resolve: number[][] = Array.from({ length: POINTS }, () => []);
  const sales = new Array<number>(POINTS).fill(0);
  let customers = 0, done = 0, atRiskNow = 0;

  for (const s of shards) {
    await checkpoint?.(done++);
    const c = s.customers, ids = c.cols.id as StrColumn;
    const rowOf = new Map<string, number>();
    for (let r = 0; r < c.n; r++) if (!s.include || s.include[r]) (rowOf.set(ids.dict[ids.idx[r]], r), customers++, (atRiskNow += s.atRisk?.[r] ?? 0));
    const rows = (col: StrColumn) => {
      const of = Int32Array.from(col.dict, (id) => rowOf.get(id) ?? -1);
      return Int32Array.from(col.idx, (k) => of[k]);
    };
    const e = s.events;
    // Orders: a bit per month bought in, orders and revenue per month.
    const bits = new Uint32Array(c.n), count = new Uint8Array(c.n * revBins), rev = new Float64Array(c.n * revBins);
    {
      const o = e.order, r = rows(o.cols.customerId as StrColumn), date = o.cols.date as Int32Array, amount = o.cols.amount as Float64Array;
      for (let i = 0; i < o.n; i++) {
        if (r[i] < 0 || date[i] === NO_DAY || date[i] > day) continue;
        const b = binOf(date[i]);
        if (b >= bins) continue;
        // A return (a negative order) counts in the revenue, not as a month bought in nor as an order.
        if (amount[i] >= 0) bits[r[i]] |= 1 << b;
        if (b < revBins) (count[r[i] * revBins + b] = Math.min(255, count[r[i] * revBins + b] + (amount[i] >= 0 ? 1 : 0))), (rev[r[i] * revBins + b] += amount[i]);
        if (b < POINTS) series.revenue[b] += amount[i];
      }
    }
    const windowOf = (k: number) => ((1 << pm) - 1) << k;
    for (let r = 0; r < c.n; r++) {
      if (!bits[r]) continue;
      for (let k = 0; k < POINTS; k++) {
        const now = (bits[r] & windowOf(k)) !== 0, before = (bits[r] & windowOf(k + pm)) !== 0;
        if (before) (base[k]++, now && retained[k]++);
        if (!now) continue;
        buyers[k]++;
        let orders = 0, money = 0;
        for (let b = k; b < k + pm; b++) (orders += count[r * revBins + b]), (money += rev[r * revBins + b]);
        if (orders >= 2) repeaters[k]++;
        windowRevenue[k].push(money);
      }
    }
    // Invoices: what was open and overdue at each month-end, credit sales in each period.
    {
      const v = e.invoice, r = rows(v.cols.customerId as StrColumn);
      const issued = v.cols.issued as Int32Array, due = v.cols.due as Int32Array, paid = v.cols.paid as Int32Array, amount = v.cols.amount as Float64Array, paidAmount = v.cols.paidAmount as Float64Array;
      for (let i = 0; i < v.n; i++) {
        if (r[i] < 0 || issued[i] === NO_DAY) continue;
        for (let k = 0; k < POINTS; k++) {
          const d = ends[k];
          if (issued[i] > d - periodDays && issued[i] <= d) sales[k] += amount[i];
          const left = openAmount(issued[i], paid[i], amount[i], paidAmount[i], d);
          if (left <= 0) continue;
          series.dso[k] += left;
          if (due[i] === NO_DAY || due[i] >= d) continue;
          series.overdue[k] += left;
          series.receivablesAtRisk[k] += left * provision[PROVISION_BUCKETS[Math.min(3, bucketOf(d - due[i]) - 1)]];
        }
      }
    }
    // Surveys and complaints: by the month they were answered or opened.
    {
      const v = e.survey, r = rows(v.cols.customerId as StrColumn), date = v.cols.date as Int32Array, cs = v.cols.csat as Float64Array, np = v.cols.nps as Float64Array;
      for (let i = 0; i < v.n; i++) {
        if (r[i] < 0 || date[i] === NO_DAY || date[i] > day) continue;
        const b = binOf(date[i]);
        if (b >= POINTS) continue;
        if (!Number.isNaN(cs[i])) (csat.sum[b] += cs[i]), csat.n[b]++;
        if (!Number.isNaN(np[i])) (nps.n[b]++, np[i] >= 9 ? nps.p[b]++ : np[i] <= 6 && nps.d[b]++);
      }
      const k = e.complaint, kr = rows(k.cols.customerId as StrColumn), opened = k.cols.opened as Float64Array, first = k.cols.firstResponse as Float64Array, res = k.cols.resolved as Float64Array;
      for (let i = 0; i < k.n; i++) {
        if (kr[i] < 0 || opened[i] >= endMs[0]) continue;
        const b = binOf(dayOfInstant(opened[i]));
        if (b >= POINTS || b < 0) continue;
        series.complaintsPer100[b]++;
        if (!Number.isNaN(first[i]) && first[i] < endMs[0]) respond[b].push((first[i] - opened[i]) / 3_600_000);
        if (!Number.isNaN(res[i]) && res[i] < endMs[0]) resolve[b].push((res[i] - opened[i]) / 3_600_000);
      }
    }
  }

  for (let k = 0; k < POINTS; k++) {
    const conc = concentration(windowRevenue[k]), rt = retentionOf(base[k], retained[k], buyers[k]);
    series.active[k] = buyers[k];
    series.retention[k] = rt.retention;
    series.churn[k] = rt.churn;
    series.repeatRate[k] = buyers[k] ? repeaters[k] / buyers[k] : NaN;
    series.topShare[k] = conc.topShare;
    series.hhi[k] = conc.hhi;
    series.csat[k] = csat.n[k] ? csat.sum[k] / csat.n[k] : NaN;
    series.nps[k] = nps.n[k] ? ((nps.p[k] - nps.d[k]) / nps.n[k]) * 100 : NaN;
    series.complaintsPer100[k] = customers ? (series.complaintsPer100[k] / customers) * 100 : NaN;
    series.medianRespond[k] = median(respond[k]);
    series.medianResolve[k] = median(resolve[k]);
    series.dso[k] = sales[k] > 0 ? (series.dso[k] / sales[k]) * periodDays : NaN;
    series.receivablesAtRisk[k] = Math.round(series.receivablesAtRisk[k]);
    series.revenueAtRisk[k] = k === 0 ? Math.round(atRiskNow) : NaN;
  }
  const oldestFirst = (xs: number[]) => [...xs].reverse();
  return {
    points: oldestFirst(ends).map(isoFromDay),
    series: Object.fromEntries(KPI_KEYS.map((k) => [k, oldestFirst(series[k])])) as Record<KpiKey, number[]>,
    customers, periodMonths: pm,
  };
}
