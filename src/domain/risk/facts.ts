// The risk indicators of DESIGN §2 and the list figures, computed for every customer of a
// shard as of a day, in one pass per kind of event over the shard's columns. A value is NaN
// when the customer has no data for it: missing is never good or bad, it drops out.

import type { Columns, StrColumn } from '../columns';
import { NO_DAY } from '../dates';
import { emptyFigureColumns, type EventTables, type FigureColumns } from '../figures';
import { INDICATORS, indicatorIndex } from './indicators';
import { countEvents, groupRows, lazyPositions, Scratch } from './rows';
import { profileFacts } from './profile-facts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SEVERE = new Set(['high', 'critical']);

/**
 * The indicators of the customers of one shard: column k of the result (length n) holds
 * indicator INDICATORS[k] for customer i of `customers`. The book-wide indicators (revenue
 * share, duplicates, probability alive from the BG/NBD fit) are left NaN here.
 */
export function shardIndicators(customers: Columns, events: EventTables, asOfDay: number): Float32Array[] {
  return shardFacts(customers, events, asOfDay).values;
}

/**
 * The indicators and the list figures (`figures.ts`) of a shard's customers in the same
 * passes over its events: a rescore reads every event once.
 */
export function shardFacts(customers: Columns, events: EventTables, asOfDay: number): { values: Float32Array[]; figures: FigureColumns } {
  const n = customers.n;
  // Single precision: plenty for days, counts and shares, and half the bytes to store.
  const out = INDICATORS.map(() => new Float32Array(n).fill(NaN));
  const figures = emptyFigureColumns(n);
  // One column per indicator, looked up once (not per customer).
  const c_churn_orders_90d_vs_prev = out[indicatorIndex('churn.orders_90d_vs_prev')];
  const c_churn_revenue_90d_vs_prev = out[indicatorIndex('churn.revenue_90d_vs_prev')];
  const c_credit_late_share_12m = out[indicatorIndex('credit.late_share_12m')];
  const c_service_complaints_90d = out[indicatorIndex('service.complaints_90d')];
  const c_churn_days_since_order = out[indicatorIndex('churn.days_since_order')];
  const c_churn_recency_vs_rhythm = out[indicatorIndex('churn.recency_vs_rhythm')];
  const c_credit_avg_days_late = out[indicatorIndex('credit.avg_days_late')];
  const c_credit_limit_utilisation = out[indicatorIndex('credit.limit_utilisation')];
  const c_credit_max_days_past_due = out[indicatorIndex('credit.max_days_past_due')];
  const c_credit_overdue_share = out[indicatorIndex('credit.overdue_share')];
  const c_engagement_days_since_interaction = out[indicatorIndex('engagement.days_since_interaction')];
  const c_engagement_negative_share = out[indicatorIndex('engagement.negative_share')];
  const c_satisfaction_csat_latest = out[indicatorIndex('satisfaction.csat_latest')];
  const c_satisfaction_csat_trend = out[indicatorIndex('satisfaction.csat_trend')];
  const c_satisfaction_months_since_survey = out[indicatorIndex('satisfaction.months_since_survey')];
  const c_satisfaction_nps_latest = out[indicatorIndex('satisfaction.nps_latest')];
  const c_service_first_response_hours = out[indicatorIndex('service.first_response_hours')];
  const c_service_open_complaints = out[indicatorIndex('service.open_complaints')];
  const c_service_open_severe = out[indicatorIndex('service.open_severe')];
  const c_service_reopened_share = out[indicatorIndex('service.reopened_share')];
  const c_service_resolution_hours = out[indicatorIndex('service.resolution_hours')];
  const position = lazyPositions(customers);
  const endOfDay = (asOfDay + 1) * DAY_MS;

  // Orders: recency, own rhythm, last 90 days against the 90 before.
  {
    const o = events.order;
    const g = groupRows(o, customers, position);
    countEvents(g, figures.events);
    const date = o.cols.date as Int32Array;
    const amount = o.cols.amount as Float64Array;
    const days = new Scratch();
    const gaps = new Scratch();
    for (let p = 0; p < n; p++) {
      days.reset();
      let last = NO_DAY, n90 = 0, nPrev = 0, r90 = 0, rPrev = 0, r365 = 0;
      let first = Infinity, firstAmount = 0, total = 0;
      for (let k = g.start[p]; k < g.start[p + 1]; k++) {
        const i = g.rows[k];
        const d = date[i];
        if (d === NO_DAY || d > asOfDay) continue;
        // A return (a negative order) lowers the revenue but is no purchase: not a day, not recency.
        if (amount[i] < 0) {
          total += amount[i];
          if (d > asOfDay - 365) r365 += amount[i];
          if (d > asOfDay - 90) r90 += amount[i];
          else if (d > asOfDay - 180) rPrev += amount[i];
          continue;
        }
        days.push(d);
        if (d > last) last = d;
        total += amount[i];
        if (d < first) (first = d), (firstAmount = amount[i]);
        else if (d === first) firstAmount += amount[i];
        if (d > asOfDay - 365) r365 += amount[i];
        if (d > asOfDay - 90) (n90++, (r90 += amount[i]));
        else if (d > asOfDay - 180) (nPrev++, (rPrev += amount[i]));
      }
      if (!days.n) continue;
      figures.lastOrderDay[p] = last;
      figures.revenue12m[p] = r365;
      // The lifetime models' summary: same-day orders are one purchase.
      days.sort();
      let distinctDays = 1;
      for (let k = 1; k < days.n; k++) if (days.a[k] !== days.a[k - 1]) distinctDays++;
      figures.repeatPurchases[p] = distinctDays - 1;
      figures.weeksFirstToLast[p] = (last - first) / 7;
      figures.weeksSinceFirst[p] = (asOfDay - first) / 7;
      figures.repeatSpend[p] = distinctDays > 1 ? (total - firstAmount) / (distinctDays - 1) : NaN;
      const recency = asOfDay - last;
      c_churn_days_since_order[p] = recency;
      if (days.n >= 3) {
        days.sort();
        const sorted = days.a;
        gaps.reset();
        for (let k = 1; k < days.n; k++) if (sorted[k] > sorted[k - 1]) gaps.push(sorted[k] - sorted[k - 1]);
        const rhythm = gaps.median();
        if (rhythm > 0) c_churn_recency_vs_rhythm[p] = recency / rhythm;
      }
      if (nPrev > 0) c_churn_orders_90d_vs_prev[p] = n90 / nPrev;
      if (rPrev > 0) c_churn_revenue_90d_vs_prev[p] = r90 / rPrev;
    }
  }

  // Invoices: what is overdue now, and how the last 12 months were paid.
  {
    const inv = events.invoice;
    const g = groupRows(inv, customers, position);
    countEvents(g, figures.events);
    const issued = inv.cols.issued as Int32Array;
    const due = inv.cols.due as Int32Array;
    const paid = inv.cols.paid as Int32Array;
    const amount = inv.cols.amount as Float64Array;
    const paidAmount = inv.cols.paidAmount as Float64Array;
    for (let p = 0; p < n; p++) {
      let any = false, open = 0, overdue = 0, maxDpd = 0, dueN = 0, lateN = 0, lateDays = 0;
      for (let k = g.start[p]; k < g.start[p + 1]; k++) {
        const i = g.rows[k];
        if (issued[i] === NO_DAY || issued[i] > asOfDay) continue;
        any = true;
        // A payment dated after as-of is not known yet on that day.
        const settled = paid[i] !== NO_DAY && paid[i] <= asOfDay;
        const rest = settled ? amount[i] - paidAmount[i] : amount[i];
        const dueDay = due[i];
        if (rest > 0) {
          open += rest;
          if (dueDay !== NO_DAY && dueDay < asOfDay) {
            const dpd = asOfDay - dueDay;
            overdue += rest;
            maxDpd = Math.max(maxDpd, dpd);
            (dpd <= 30 ? figures.overdue30 : dpd <= 60 ? figures.overdue60 : dpd <= 90 ? figures.overdue90 : figures.overdueOver90)[p] += rest;
          }
        }
        if (dueDay === NO_DAY || dueDay > asOfDay || dueDay <= asOfDay - 365) continue;
        dueN++;
        const fullyPaid = settled && paidAmount[i] >= amount[i];
        const late = fullyPaid ? Math.max(0, paid[i] - dueDay) : Math.max(0, asOfDay - dueDay);
        if (late > 0) lateN++;
        lateDays += late;
      }
      figures.openBalance[p] = open;
      figures.overdueBalance[p] = overdue;
      figures.daysPastDue[p] = maxDpd;
      if (!any) continue;
      c_credit_overdue_share[p] = open > 0 ? overdue / open : 0;
      c_credit_max_days_past_due[p] = maxDpd;
      if (dueN) {
        c_credit_late_share_12m[p] = lateN / dueN;
        c_credit_avg_days_late[p] = lateDays / dueN;
      }
      const limit = (customers.cols.creditLimit as Float64Array)[p];
      if (limit > 0) c_credit_limit_utilisation[p] = open / limit;
    }
  }

  // Complaints: volume, what is still open, how fast they are answered and closed.
  {
    const c = events.complaint;
    const g = groupRows(c, customers, position);
    countEvents(g, figures.events);
    const opened = c.cols.opened as Float64Array;
    const first = c.cols.firstResponse as Float64Array;
    const resolved = c.cols.resolved as Float64Array;
    const reopened = c.cols.reopened as Float64Array;
    const severity = c.cols.severity as StrColumn;
    const severe = severity.dict.map((s) => SEVERE.has(s));
    const from90 = endOfDay - 90 * DAY_MS;
    const from365 = endOfDay - 365 * DAY_MS;
    const response = new Scratch();
    const resolution = new Scratch();
    for (let p = 0; p < n; p++) {
      let known = false, n90 = 0, openN = 0, openSevere = 0, yearN = 0, reopenedN = 0;
      response.reset();
      resolution.reset();
      for (let k = g.start[p]; k < g.start[p + 1]; k++) {
        const i = g.rows[k];
        const t = opened[i];
        if (!(t < endOfDay)) continue;
        known = true;
        if (t >= from90) n90++;
        const isResolved = resolved[i] === resolved[i] && resolved[i] < endOfDay;
        if (!isResolved) {
          openN++;
          if (severe[severity.idx[i]]) openSevere++;
        }
        if (t < from365) continue;
        yearN++;
        if (reopened[i] === 1) reopenedN++;
        const answered = first[i] === first[i] && first[i] < endOfDay;
        // Still unanswered: the wait so far is a lower bound that already counts.
        response.push(((answered ? first[i] : endOfDay) - t) / HOUR_MS);
        if (isResolved) resolution.push((resolved[i] - t) / HOUR_MS);
      }
      // No complaint ever is a fact (zero), not missing data.
      c_service_complaints_90d[p] = n90;
      c_service_open_complaints[p] = openN;
      c_service_open_severe[p] = openSevere;
      if (!known || !yearN) continue;
      c_service_first_response_hours[p] = response.median();
      if (resolution.n) c_service_resolution_hours[p] = resolution.median();
      c_service_reopened_share[p] = reopenedN / yearN;
    }
  }

  // Surveys: the latest CSAT and NPS, the CSAT trend, and how long since anyone asked.
  {
    const s = events.survey;
    const g = groupRows(s, customers, position);
    countEvents(g, figures.events);
    const date = s.cols.date as Int32Array;
    const csat = s.cols.csat as Float64Array;
    const nps = s.cols.nps as Float64Array;
    // CSAT answers as day·8 + score (scores 1–5 fit in 3 bits): sorting them sorts by day.
    const answers = new Scratch();
    for (let p = 0; p < n; p++) {
      answers.reset();
      let lastSurvey = NO_DAY, npsDay = NO_DAY, npsValue = NaN;
      for (let k = g.start[p]; k < g.start[p + 1]; k++) {
        const i = g.rows[k];
        const d = date[i];
        if (d === NO_DAY || d > asOfDay) continue;
        if (d > lastSurvey) lastSurvey = d;
        if (csat[i] === csat[i]) answers.push(d * 8 + Math.min(7, Math.max(0, Math.round(csat[i]))));
        if (nps[i] === nps[i] && d >= npsDay) (npsDay = d), (npsValue = nps[i]);
      }
      if (lastSurvey === NO_DAY) continue;
      c_satisfaction_months_since_survey[p] = (asOfDay - lastSurvey) / 30.44;
      c_satisfaction_nps_latest[p] = npsValue;
      if (!answers.n) continue;
      answers.sort();
      const byDay = answers.a;
      const count = answers.n;
      const score = (k: number) => byDay[k] - Math.floor(byDay[k] / 8) * 8;
      const latest = score(count - 1);
      c_satisfaction_csat_latest[p] = latest;
      const from = Math.max(0, count - 4);
      if (from < count - 1) {
        let sum = 0;
        for (let k = from; k < count - 1; k++) sum += score(k);
        c_satisfaction_csat_trend[p] = latest - sum / (count - 1 - from);
      }
    }
  }

  // Interactions: how long since the last contact, and how many were negative this year.
  {
    const it = events.interaction;
    const g = groupRows(it, customers, position);
    countEvents(g, figures.events);
    const date = it.cols.date as Int32Array;
    const sentiment = it.cols.sentiment as Float64Array;
    for (let p = 0; p < n; p++) {
      let last = NO_DAY, yearN = 0, negative = 0;
      for (let k = g.start[p]; k < g.start[p + 1]; k++) {
        const i = g.rows[k];
        const d = date[i];
        if (d === NO_DAY || d > asOfDay) continue;
        if (d > last) last = d;
        if (d > asOfDay - 365) {
          yearN++;
          if (sentiment[i] < 0) negative++;
        }
      }
      if (last === NO_DAY) continue;
      c_engagement_days_since_interaction[p] = asOfDay - last;
      if (yearN) c_engagement_negative_share[p] = negative / yearN;
    }
  }

  profileFacts(customers, asOfDay, out);
  return { values: out, figures };
}
