// The portfolio overview of a book (DESIGN §2): customers and revenue per grade, the overdue
// balance by age and what of it is at risk, the revenue the lifetime models expect and the
// part of it at risk of having left, and the largest risers. Pure: over the list table and
// the probability-alive column.

import { nextYear, type Lifetime } from '../lifetime/book';
import { mostCommonCurrency, type CustomerRow, type GradeLabel, type ListTable } from '../query';
import { GRADES, PROVISION_BUCKETS, type RiskModel } from './model';
import { DIMENSIONS, DIMENSION_SOURCES, type Dimension } from './indicators';

export const GRADE_LABELS: GradeLabel[] = [...GRADES, 'insufficient'];

export interface RiskOverview {
  customers: number;
  /** Customers per grade shown (overrides count), and the 12-month revenue they hold. */
  grades: { grade: GradeLabel; customers: number; revenue: number }[];
  /** Overdue balance held by high and critical customers. */
  overdueAtRisk: number;
  /** Receivables at risk: the overdue balance by days past due times the model's loss rates (DESIGN §2). */
  receivablesAtRisk: number;
  /** Revenue at risk: Σ expected 12-month revenue × (1 − probability alive) (DESIGN §2); null when the lifetime model could not be fitted. */
  revenueAtRisk: number | null;
  /** Σ expected 12-month revenue (BG/NBD × Gamma-Gamma); null as above. */
  expectedRevenue: number | null;
  /** The BG/NBD fit behind both, on how many customers, and whether it converged. */
  lifetime: { converged: boolean; customers: number; params: { r: number; alpha: number; a: number; b: number } } | null;
  /** The overdue balance of the whole book by days past due (1–30, 31–60, 61–90, over 90). */
  overdueByAge: [number, number, number, number];
  /** Largest score rises since the previous snapshot. */
  risers: CustomerRow[];
  model: { name: string; revision: number };
  /** The book's most common currency, in which the sums are shown. */
  currency: string;
  /** Dimensions this book cannot score, with the kind of record it lacks. */
  unscored: { dimension: Dimension; lacks: string }[];
}

export interface OverviewInput {
  table: ListTable;
  model: RiskModel;
  lifetime: Lifetime | null;
  /** Probability alive per position (NaN where not known). */
  alive: ArrayLike<number>;
  /** The list line of a position. */
  rowAt: (i: number) => CustomerRow;
  /** Per dimension 1 when the book holds the records it is measured from. */
  present: ArrayLike<number>;
}

export function riskOverview({ table: t, model, lifetime, alive, rowAt, present }: OverviewInput): RiskOverview {
  const by = new Map<GradeLabel, { customers: number; revenue: number }>(GRADE_LABELS.map((g) => [g, { customers: 0, revenue: 0 }]));
  let overdueAtRisk = 0;
  const age: [number, number, number, number] = [0, 0, 0, 0];
  const rising: number[] = [];
  for (let i = 0; i < t.n; i++) {
    const g = by.get(t.grade[i] as GradeLabel);
    if (g) {
      g.customers++;
      g.revenue += t.revenue12m[i];
    }
    if (t.grade[i] === 'high' || t.grade[i] === 'critical') overdueAtRisk += t.overdueBalance[i];
    age[0] += t.overdue30[i];
    age[1] += t.overdue60[i];
    age[2] += t.overdue90[i];
    age[3] += t.overdueOver90[i];
    if (t.trend[i] > 0) rising.push(i);
  }
  rising.sort((a, b) => t.trend[b] - t.trend[a]);
  return {
    customers: t.n,
    grades: GRADE_LABELS.map((grade) => ({ grade, ...by.get(grade)! })),
    overdueAtRisk,
    overdueByAge: age,
    receivablesAtRisk: PROVISION_BUCKETS.reduce((sum, b, k) => sum + age[k] * model.provision[b], 0),
    ...revenueAtRisk(t, lifetime, alive),
    risers: rising.slice(0, 10).map(rowAt),
    model: { name: model.name, revision: model.revision },
    currency: mostCommonCurrency(t),
    unscored: DIMENSIONS.flatMap((dimension, j) => (present[j] ? [] : [{ dimension, lacks: DIMENSION_SOURCES[dimension] ?? '' }])),
  };
}

/** Expected 12-month revenue, and the part of it at risk of having left, over the whole book. */
function revenueAtRisk(table: ListTable, fit: Lifetime | null, alive: ArrayLike<number>): Pick<RiskOverview, 'revenueAtRisk' | 'expectedRevenue' | 'lifetime'> {
  if (!fit) return { revenueAtRisk: null, expectedRevenue: null, lifetime: null };
  const lifetime = { converged: fit.bgnbd.converged, customers: fit.customers, params: fit.bgnbd.params };
  const next = nextYear(table, fit);
  if (!next) return { revenueAtRisk: null, expectedRevenue: null, lifetime };
  let expected = 0, atRisk = 0;
  for (let i = 0; i < next.revenue.length; i++) {
    const revenue = next.revenue[i];
    if (!Number.isFinite(revenue)) continue;
    expected += revenue;
    atRisk += revenue * (1 - alive[i]);
  }
  return { revenueAtRisk: atRisk, expectedRevenue: expected, lifetime };
}
