// The audit's figures over a book (DESIGN §5), shard by shard in one pass per kind of event
// over the stored columns: the profiles' quality, satisfaction, the service process,
// receivables and the portfolio, for the customers in scope, in this period (the `periodDays`
// up to the analysis date) and the one before. Pure: the worker hands over its shards, which
// customers are in scope, their grades and their revenue at risk.

import { dayFromIso, instantOfDay, isoFromDay, NO_DAY } from '../dates';
import type { Columns, StrColumn } from '../columns';
import type { EventTables } from '../figures';
import { profileDigest } from './profiles';
import { PROVISION_BUCKETS, type Provision } from '../risk/model';
import { bucketOf, dso, openAmount } from './receivables';
import { concentration, retentionOf, topIndices } from './portfolio';
import { median, serviceLevels, type Ticket } from './service';
import { COMPLETENESS_FIELDS, CustomerLists, type AuditMeasures, type AuditSettings, type CompletenessField, type CustomerList } from './document';

export type { AuditMeasures };
import type { Severity } from '../types';

/** One shard as the audit reads it: its columns, and per customer row whether it is in scope, its grade and its revenue at risk. */
export interface AuditShard {
  customers: Columns;
  events: EventTables;
  include?: ArrayLike<number>;
  grade?: readonly string[];
  atRisk?: ArrayLike<number>;
  /** Per row, the hash of its name key (0: none; see risk/names.ts): the book has them already. Without, the keys are made here. */
  nameHash?: ArrayLike<number>;
}


const MISSING = COMPLETENESS_FIELDS.map((f) => `missing:${f}`);

const str = (c: Columns, name: string) => c.cols[name] as StrColumn;
const num = (c: Columns, name: string) => c.cols[name] as Float64Array | Int32Array;

/**
 * The audit's figures of `shards` on analysis day `asOf`, as `settings` measure them, with the
 * model's loss rates for receivables at risk; `checkpoint` is awaited before each shard with
 * how many are done (the worker yields and reports progress there).
 */
export async function measureAudit(shards: Iterable<AuditShard>, asOf: string, settings: AuditSettings, provision: Provision, checkpoint?: (done: number) => Promise<void>): Promise<AuditMeasures> {
  const day = dayFromIso(asOf), P = settings.periodDays;
  const from = day - P, prevFrom = day - 2 * P;
  const endOfDay = instantOfDay(day + 1), startMs = instantOfDay(from + 1), prevStartMs = instantOfDay(prevFrom + 1);
  const staleBefore = instantOfDay(day - settings.thresholds.staleDays);
  const lists = new CustomerLists();
  const complete = Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f, 0])) as Record<CompletenessField, number>;
  let customers = 0, events = 0, invalid = 0, stale = 0, orphans = 0, impossible = 0;
  const twins = [new Map<number, string>(), new Map<number, string>(), new Map<number, string>()], dupIds = new Set<string>();
  const sat = { csatSum: 0, csatN: 0, csatPrevSum: 0, csatPrevN: 0, dist: [0, 0, 0, 0, 0], npsN: 0, prom: 0, pass: 0, det: 0, npsPrevN: 0, promPrev: 0, detPrev: 0, surveyed: 0, keyDetractors: 0 };
  const tickets: Ticket[] = [], ticketsPrev: Ticket[] = [], ticketIds: string[] = [];
  const byCategory = new Map<string, number>(), byChannel = new Map<string, number>();
  const cuts = settings.aging;
  const agingAmt = new Array<number>(cuts.length + 2).fill(0), agingCount = new Array<number>(cuts.length + 2).fill(0);
  let receivables = 0, overdue = 0, creditSales = 0, limited = 0, limitSum = 0, limitOpen = 0, limitBreaches = 0, atRisk = 0;
  const top: AuditMeasures['credit']['top'] = [];
  let activeNow = 0, activePrev = 0, retained = 0;
  let revenue = 0, revenuePrev = 0, buyers = 0, repeaters = 0, revenueAtRisk = 0;
  const revenues: number[] = [], revenueIds: string[] = [], revenueNames: string[] = [];
  const grades: Record<string, number> = {};
  let highRisk = 0;

  let done = 0;
  for (const s of shards) {
    await checkpoint?.(done++);
    const c = s.customers;
    const ids = str(c, 'id'), names = str(c, 'name'), tiers = str(c, 'tier');
    const rowOfId = new Map<string, number>();
    const inScope = new Uint8Array(c.n);
    for (let r = 0; r < c.n; r++) {
      rowOfId.set(ids.dict[ids.idx[r]], r);
      if (!s.include || s.include[r]) inScope[r] = 1;
    }
    /** The row of each event's customer, −1 for an event of no customer (counted) or one outside the scope. */
    const rowsOf = (col: StrColumn): Int32Array => {
      const rows = Int32Array.from(col.dict, (id) => rowOfId.get(id) ?? -2);
      const out = Int32Array.from(col.idx, (k) => rows[k]);
      for (let i = 0; i < out.length; i++) {
        if (out[i] === -2) (orphans++, (out[i] = -1));
        else if (!inScope[out[i]]) out[i] = -1;
        else events++;
      }
      return out;
    };
    const idOf = (r: number) => ids.dict[ids.idx[r]];
    // Profiles: completeness, invalid values, staleness, suspected duplicates (see profiles.ts).
    const digest = profileDigest(c, s.nameHash), updated = num(c, 'updatedAt');
    for (let r = 0; r < c.n; r++) {
      if (!inScope[r]) continue;
      customers++;
      const id = idOf(r);
      for (let k = 0; k < COMPLETENESS_FIELDS.length; k++) {
        if (digest.filled[k][r]) complete[COMPLETENESS_FIELDS[k]]++;
        else lists.add(MISSING[k], id);
      }
      if (digest.invalid[r]) (invalid++, lists.add('invalid', id));
      if (updated[r] < staleBefore) (stale++, lists.add('stale', id));
      for (let k = 0; k < 3; k++) {
        const key = (k === 0 ? digest.name : k === 1 ? digest.phone : digest.email)[r];
        if (!key) continue;
        const first = twins[k].get(key);
        if (first === undefined) twins[k].set(key, id);
        else if (first !== id) (dupIds.add(first), dupIds.add(id));
      }
      const g = s.grade?.[r];
      if (g) {
        grades[g] = (grades[g] ?? 0) + 1;
        if (g === 'high' || g === 'critical') (highRisk++, lists.add('highRisk', id));
      }
      revenueAtRisk += s.atRisk?.[r] ?? 0;
    }
    const e = s.events;
    const bad = new Set<number>();

    // Orders: activity in this period and the one before, revenue, repeat purchases.
    {
      const o = e.order, rows = rowsOf(str(o, 'customerId')), date = num(o, 'date'), amount = num(o, 'amount');
      const firstDay = new Float64Array(c.n).fill(NaN), repeat = new Uint8Array(c.n), rev = new Float64Array(c.n), before = new Uint8Array(c.n);
      for (let i = 0; i < o.n; i++) {
        const r = rows[i];
        if (r < 0) continue;
        const d = date[i];
        if (d === NO_DAY || d > day) continue;
        // A return (a negative order) counts in the revenue but makes no one active.
        if (amount[i] < 0) {
          if (d > from) (revenue += amount[i]), (rev[r] += amount[i]);
          else if (d > prevFrom) revenuePrev += amount[i];
          continue;
        }
        if (d > from) {
          revenue += amount[i];
          rev[r] += amount[i];
          if (Number.isNaN(firstDay[r])) firstDay[r] = d;
          else if (firstDay[r] !== d) repeat[r] = 1;
        } else if (d > prevFrom) (before[r] = 1), (revenuePrev += amount[i]);
      }
      for (let r = 0; r < c.n; r++) {
        const now = !Number.isNaN(firstDay[r]);
        if (before[r]) (activePrev++, now ? retained++ : lists.add('lost', idOf(r)));
        if (!now) continue;
        activeNow++;
        buyers++;
        if (repeat[r]) repeaters++;
        revenues.push(rev[r]), revenueIds.push(idOf(r)), revenueNames.push(names.dict[names.idx[r]]);
      }
    }

    // Invoices: what is open by days past due, credit sales, limits, impossible dates.
    {
      const v = e.invoice, rows = rowsOf(str(v, 'customerId'));
      const issued = num(v, 'issued'), due = num(v, 'due'), paid = num(v, 'paid'), amount = num(v, 'amount'), paidAmount = num(v, 'paidAmount');
      const open = new Float64Array(c.n), late = new Float64Array(c.n), oldest = new Float64Array(c.n), last = new Uint8Array(c.n);
      for (let i = 0; i < v.n; i++) {
        const r = rows[i];
        if (r < 0) continue;
        if ((due[i] !== NO_DAY && issued[i] !== NO_DAY && due[i] < issued[i]) || (paid[i] !== NO_DAY && issued[i] !== NO_DAY && paid[i] < issued[i])) bad.add(r);
        if (issued[i] !== NO_DAY && issued[i] > from && issued[i] <= day) creditSales += amount[i];
        const left = openAmount(issued[i], paid[i], amount[i], paidAmount[i], day);
        if (left <= 0) continue;
        const dpd = due[i] === NO_DAY ? 0 : day - due[i];
        const b = bucketOf(dpd, cuts);
        agingAmt[b] += left;
        agingCount[b]++;
        receivables += left;
        open[r] += left;
        if (dpd > 0) {
          overdue += left;
          late[r] += left;
          oldest[r] = Math.max(oldest[r], dpd);
          atRisk += left * provision[PROVISION_BUCKETS[Math.min(3, bucketOf(dpd) - 1)]];
          if (b === cuts.length + 1) last[r] = 1;
        }
      }
      const limit = num(c, 'creditLimit');
      for (let r = 0; r < c.n; r++) {
        if (!inScope[r]) continue;
        if (last[r]) lists.add('over90', idOf(r));
        if (late[r] > 0) {
          lists.add('overdue', idOf(r));
          top.push({ id: idOf(r), name: names.dict[names.idx[r]], overdue: late[r], days: oldest[r] });
        }
        if (!Number.isNaN(limit[r]) && limit[r] > 0) {
          limited++;
          limitSum += limit[r];
          limitOpen += open[r];
          if (open[r] > limit[r]) (limitBreaches++, lists.add('limit', idOf(r)));
        }
      }
    }

    // Complaints: service levels of those opened in this period (and the one before), by category and channel.
    {
      const k = e.complaint, rows = rowsOf(str(k, 'customerId'));
      const opened = num(k, 'opened'), first = num(k, 'firstResponse'), resolved = num(k, 'resolved'), sev = str(k, 'severity'), cat = str(k, 'category'), ch = str(k, 'channel'), re = num(k, 'reopened');
      for (let i = 0; i < k.n; i++) {
        const r = rows[i];
        if (r < 0) continue;
        const f = Number.isNaN(first[i]) ? null : first[i], z = Number.isNaN(resolved[i]) ? null : resolved[i];
        if ((f !== null && f < opened[i]) || (z !== null && z < opened[i])) bad.add(r);
        if (opened[i] >= endOfDay || opened[i] < prevStartMs) continue;
        const t: Ticket = { opened: opened[i], firstResponse: f, resolved: z, severity: sev.dict[sev.idx[i]] as Severity, reopened: re[i] === 1 };
        if (opened[i] >= startMs) {
          tickets.push(t), ticketIds.push(idOf(r));
          const cn = cat.dict[cat.idx[i]] || '', hn = ch.dict[ch.idx[i]] || '';
          byCategory.set(cn, (byCategory.get(cn) ?? 0) + 1);
          byChannel.set(hn, (byChannel.get(hn) ?? 0) + 1);
        } else ticketsPrev.push(t);
      }
    }

    // Surveys: CSAT and NPS in this period and the one before; who answered; detractors among key customers.
    {
      const v = e.survey, rows = rowsOf(str(v, 'customerId')), date = num(v, 'date'), csat = num(v, 'csat'), nps = num(v, 'nps');
      const lastDay = new Float64Array(c.n).fill(NaN), lastNps = new Float64Array(c.n).fill(NaN), lastCsat = new Float64Array(c.n).fill(NaN);
      for (let i = 0; i < v.n; i++) {
        const r = rows[i];
        if (r < 0) continue;
        const d = date[i];
        if (d === NO_DAY || d > day || d <= prevFrom) continue;
        const now = d > from;
        if (!Number.isNaN(csat[i])) {
          if (now) (sat.csatSum += csat[i]), sat.csatN++, sat.dist[csat[i] - 1]++;
          else (sat.csatPrevSum += csat[i]), sat.csatPrevN++;
        }
        if (!Number.isNaN(nps[i])) {
          const p = nps[i] >= 9, q = nps[i] <= 6;
          if (now) (sat.npsN++, p ? sat.prom++ : q ? sat.det++ : sat.pass++);
          else (sat.npsPrevN++, p ? sat.promPrev++ : q ? sat.detPrev++ : 0);
        }
        if (now && !(d < lastDay[r])) {
          lastDay[r] = d;
          if (!Number.isNaN(nps[i])) lastNps[r] = nps[i];
          if (!Number.isNaN(csat[i])) lastCsat[r] = csat[i];
        }
      }
      for (let r = 0; r < c.n; r++) {
        if (!inScope[r]) continue;
        if (Number.isNaN(lastDay[r])) {
          lists.add('unsurveyed', idOf(r));
          continue;
        }
        sat.surveyed++;
        const detractor = lastNps[r] <= 6 || lastCsat[r] <= 2;
        if (detractor) lists.add('detractors', idOf(r));
        if (detractor && tiers.dict[tiers.idx[r]] === 'key') (sat.keyDetractors++, lists.add('keyDetractors', idOf(r)));
      }
    }

    // Interactions: only counted (and checked for their customer).
    rowsOf(str(e.interaction, 'customerId'));
    for (const r of bad) (impossible++, lists.add('impossible', idOf(r)));
  }

  for (const id of dupIds) lists.add('duplicates', id);
  const rt = retentionOf(activePrev, retained, activeNow);
  const sl = serviceLevels(tickets, endOfDay, settings.sla), slPrev = serviceLevels(ticketsPrev, startMs, settings.sla);
  tickets.forEach((t, k) => {
    const level = settings.sla[t.severity] ?? settings.sla.medium;
    const responded = t.firstResponse !== null && t.firstResponse < endOfDay ? t.firstResponse : endOfDay;
    const done = t.resolved !== null && t.resolved < endOfDay ? t.resolved : endOfDay;
    if (responded - t.opened > level.respond * 3_600_000) lists.add('respondBreach', ticketIds[k]);
    if (done - t.opened > level.resolve * 3_600_000) lists.add('resolveBreach', ticketIds[k]);
    if (t.reopened) lists.add('reopened', ticketIds[k]);
  });
  const conc = concentration(revenues);
  const order = topIndices(revenues, 10);
  for (const k of order) lists.add('topRevenue', revenueIds[k]);
  top.sort((a, b) => b.overdue - a.overdue);
  const nps = (p: number, d: number, n: number) => (n ? ((p - d) / n) * 100 : NaN);
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    customers, events,
    period: { from: isoFromDay(from + 1), to: asOf, days: P },
    data: { complete: Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f, customers ? complete[f] / customers : NaN])) as Record<CompletenessField, number>, invalid, duplicates: dupIds.size, stale, orphans, impossible },
    satisfaction: {
      csat: sat.csatN ? sat.csatSum / sat.csatN : NaN, csatPrev: sat.csatPrevN ? sat.csatPrevSum / sat.csatPrevN : NaN, csatAnswers: sat.csatN, csatDist: sat.dist,
      nps: nps(sat.prom, sat.det, sat.npsN), npsPrev: nps(sat.promPrev, sat.detPrev, sat.npsPrevN), npsAnswers: sat.npsN, promoters: sat.prom, passives: sat.pass, detractors: sat.det,
      surveyed: sat.surveyed, coverage: customers ? sat.surveyed / customers : NaN, keyDetractors: sat.keyDetractors,
    },
    service: {
      complaints: sl.complaints, complaintsPrev: slPrev.complaints, per100: customers ? (sl.complaints / customers) * 100 : NaN,
      respondBreaches: sl.respondBreaches, resolveBreaches: sl.resolveBreaches,
      respondBreachRate: sl.complaints ? sl.respondBreaches / sl.complaints : NaN, resolveBreachRate: sl.complaints ? sl.resolveBreaches / sl.complaints : NaN,
      medianRespond: sl.medianRespondHours, medianResolve: sl.medianResolveHours, medianRespondPrev: slPrev.medianRespondHours, medianResolvePrev: slPrev.medianResolveHours,
      reopenRate: sl.reopenRate, byCategory: sorted(byCategory), byChannel: sorted(byChannel),
    },
    credit: {
      receivables, overdue, aging: agingAmt, agingCount, cuts: [...cuts], dso: dso(receivables, creditSales, P), creditSales,
      limited, limitUse: limitSum ? limitOpen / limitSum : NaN, limitBreaches, atRisk: Math.round(atRisk), top: top.slice(0, 10),
    },
    portfolio: {
      active: activeNow, activePrev, retained: rt.retained, lost: rt.lost, gained: rt.gained, retention: rt.retention, churn: rt.churn,
      buyers, repeatRate: buyers ? repeaters / buyers : NaN, revenue, revenuePrev, topShare: conc.topShare, hhi: conc.hhi,
      top: order.map((k) => ({ id: revenueIds[k], name: revenueNames[k], revenue: revenues[k] })), grades, highRisk,
      revenueAtRisk: Math.round(revenueAtRisk), moneyAtRisk: Math.round(revenueAtRisk + overdue),
    },
    lists: lists.all,
  };
}
