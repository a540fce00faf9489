// The risk indicators of DESIGN §2: what each one is (id, dimension, unit). They are computed
// in facts.ts; their words are in the catalogues (`ind.<id>`, `ind.<id>.def`).

export const DIMENSIONS = ['churn', 'credit', 'service', 'satisfaction', 'engagement', 'data', 'dependency'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * The kind of record each dimension is measured from. A book without any record of that kind
 * cannot say anything about the dimension: it is left unscored for every customer (and out of
 * the coverage), not scored as "nothing wrong". The data dimension reads the profile itself.
 */
export const DIMENSION_SOURCES = {
  churn: 'order', credit: 'invoice', service: 'complaint', satisfaction: 'survey', engagement: 'interaction', data: null, dependency: 'order',
} as const satisfies Record<Dimension, string | null>;

/** How an indicator's value reads: the catalogue formats each unit. */
export type Unit = 'days' | 'ratio' | 'share' | 'count' | 'hours' | 'score' | 'months' | 'flag' | 'nps';

export interface IndicatorDef {
  id: string;
  dimension: Dimension;
  unit: Unit;
}

/** Every indicator, in a stable order (the column order of the indicator matrix). */
export const INDICATORS = [
  { id: 'churn.days_since_order', dimension: 'churn', unit: 'days' },
  { id: 'churn.recency_vs_rhythm', dimension: 'churn', unit: 'ratio' },
  { id: 'churn.orders_90d_vs_prev', dimension: 'churn', unit: 'ratio' },
  { id: 'churn.revenue_90d_vs_prev', dimension: 'churn', unit: 'ratio' },
  { id: 'churn.days_to_contract_end', dimension: 'churn', unit: 'days' },
  { id: 'churn.probability_alive', dimension: 'churn', unit: 'share' },
  { id: 'credit.overdue_share', dimension: 'credit', unit: 'share' },
  { id: 'credit.max_days_past_due', dimension: 'credit', unit: 'days' },
  { id: 'credit.late_share_12m', dimension: 'credit', unit: 'share' },
  { id: 'credit.avg_days_late', dimension: 'credit', unit: 'days' },
  { id: 'credit.limit_utilisation', dimension: 'credit', unit: 'share' },
  { id: 'service.complaints_90d', dimension: 'service', unit: 'count' },
  { id: 'service.open_complaints', dimension: 'service', unit: 'count' },
  { id: 'service.open_severe', dimension: 'service', unit: 'count' },
  { id: 'service.first_response_hours', dimension: 'service', unit: 'hours' },
  { id: 'service.resolution_hours', dimension: 'service', unit: 'hours' },
  { id: 'service.reopened_share', dimension: 'service', unit: 'share' },
  { id: 'satisfaction.csat_latest', dimension: 'satisfaction', unit: 'score' },
  { id: 'satisfaction.csat_trend', dimension: 'satisfaction', unit: 'score' },
  { id: 'satisfaction.nps_latest', dimension: 'satisfaction', unit: 'nps' },
  { id: 'satisfaction.months_since_survey', dimension: 'satisfaction', unit: 'months' },
  { id: 'engagement.days_since_interaction', dimension: 'engagement', unit: 'days' },
  { id: 'engagement.negative_share', dimension: 'engagement', unit: 'share' },
  { id: 'data.missing_fields', dimension: 'data', unit: 'count' },
  { id: 'data.days_since_update', dimension: 'data', unit: 'days' },
  { id: 'data.duplicate_suspected', dimension: 'data', unit: 'flag' },
  { id: 'dependency.revenue_share', dimension: 'dependency', unit: 'share' },
] as const satisfies readonly IndicatorDef[];

export type IndicatorId = (typeof INDICATORS)[number]['id'];
export const INDICATOR_IDS: readonly IndicatorId[] = INDICATORS.map((d) => d.id);
export const INDICATOR_COUNT = INDICATORS.length;
const COL = Object.fromEntries(INDICATORS.map((d, i) => [d.id, i])) as Record<IndicatorId, number>;

/** The column of an indicator in the matrix. */
export const indicatorIndex = (id: IndicatorId): number => COL[id];

/** Profile fields a usable record has; each one empty counts as missing. */
export const REQUIRED_FIELDS = ['industry', 'size', 'region', 'owner', 'contact'] as const;
