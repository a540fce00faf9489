// The risk model is data (DESIGN §2): one JSON document with a format version, shipped with
// defaults, edited in the app, exported and imported. `parseModel` is the only way in, and
// it says why a document is refused.

import { DIMENSIONS, INDICATORS, type Dimension, type IndicatorId } from './indicators';
import { DEFAULT_RULES, parseRules, type AlertRule } from './alerts';

/** The model file format this build writes and the newest it reads. */
/** Format 3 carries the alert rules; format 4 the indicators made of the user's own fields. */
export const MODEL_FORMAT = 4;

/** Risk points 0–100 from a value: linear between good (0) and bad (100), or by bands. */
export type Curve =
  | { type: 'linear'; good: number; bad: number }
  /** Bands in ascending `upTo` (inclusive at the top); the last has `upTo: null` (everything above). */
  | { type: 'bands'; bands: { upTo: number | null; points: number }[] };

export interface IndicatorSetting {
  enabled: boolean;
  /** Any non-negative number; shown as % of its dimension. */
  weight: number;
  curve: Curve;
  /** Under the floor rule, its points less the margin are a floor under its dimension's score. */
  decisive: boolean;
}

export interface RiskModel {
  format: number;
  name: string;
  /** Counts publications; a score records the revision that produced it. */
  revision: number;
  /**
   * How the dimensions make the overall score: their weighted mean; the worst of them; or
   * (the default) the weighted mean, but never more than `floorMargin` points below the worst
   * decisive dimension — a serious churn, credit or service risk cannot be averaged away by
   * the dimensions that have nothing wrong.
   */
  overall: OverallRule;
  /** Under the floor rule: how far below its worst decisive dimension a customer's score may fall. */
  floorMargin: number;
  /** Lower bounds of the grades above low. */
  grades: { medium: number; high: number; critical: number };
  /** A score whose data is older than this many days without any event is stale. */
  freshnessDays: number;
  /** Loss rates (0–1) of overdue money by days past due: receivables at risk (DESIGN §2). */
  provision: Provision;
  /** Per dimension its weight in the mean, and whether it is decisive (sets the floor). */
  dimensions: Record<Dimension, DimensionSetting>;
  indicators: Record<IndicatorId, IndicatorSetting>;
  /** The early-warning rules (DESIGN §4), per tier. */
  alerts: AlertRule[];
  /** Indicators made of the user's own fields (issue 15), scored after the built-in ones; absent: none. */
  custom?: CustomIndicator[];
}

/**
 * An indicator made of a custom field of the customers (a telecom's "tenure in months", a
 * yes/no "month-to-month contract"): its value is the field's number, yes/no as 1/0; a
 * customer without a value has the indicator missing. Its curve and weight work as a built-in
 * indicator's, within the dimension it is put in.
 */
export interface CustomIndicator {
  field: string;
  /** The field's name as the user knows it (its header). */
  label: string;
  dimension: Dimension;
  setting: IndicatorSetting;
}

/** At most this many custom indicators in a model. */
export const CUSTOM_INDICATOR_MAX = 20;

export const OVERALL_RULES = ['floor', 'weighted', 'worst'] as const;
export type OverallRule = (typeof OVERALL_RULES)[number];

export interface DimensionSetting {
  weight: number;
  /** Under the floor rule, this dimension alone can lift the overall score (see `RiskModel.overall`). */
  decisive: boolean;
}

export interface Provision {
  d30: number;
  d60: number;
  d90: number;
  over90: number;
}
export const PROVISION_BUCKETS = ['d30', 'd60', 'd90', 'over90'] as const;

export const GRADES = ['low', 'medium', 'high', 'critical'] as const;
export type Grade = (typeof GRADES)[number];

const lin = (good: number, bad: number, weight = 1, decisive = false): IndicatorSetting => ({ enabled: true, weight, curve: { type: 'linear', good, bad }, decisive });

export const DEFAULT_MODEL: RiskModel = {
  format: MODEL_FORMAT,
  name: 'Custos default',
  revision: 1,
  overall: 'floor',
  // The gap between the high and the critical bound: a decisive dimension at critical makes the
  // customer at least high, and one at 95 or more makes them critical.
  floorMargin: 20,
  grades: { medium: 30, high: 55, critical: 75 },
  freshnessDays: 90,
  provision: { d30: 0.05, d60: 0.15, d90: 0.35, over90: 0.7 },
  dimensions: {
    // Decisive: where money is lost or a relationship breaks (a customer leaving, an unpaid
    // invoice, a failing service). Satisfaction, engagement, data and dependency raise the mean
    // but alone do not make a customer high-risk.
    churn: { weight: 30, decisive: true }, credit: { weight: 25, decisive: true }, service: { weight: 15, decisive: true },
    satisfaction: { weight: 15, decisive: false }, engagement: { weight: 5, decisive: false }, data: { weight: 5, decisive: false },
    dependency: { weight: 5, decisive: false },
  },
  indicators: {
    'churn.days_since_order': lin(60, 365, 2),
    'churn.recency_vs_rhythm': lin(1.5, 4, 3),
    'churn.orders_90d_vs_prev': lin(1, 0, 1),
    'churn.revenue_90d_vs_prev': lin(1, 0, 1),
    'churn.days_to_contract_end': lin(180, 0, 1),
    'churn.probability_alive': lin(0.8, 0.2, 1, true),
    'credit.overdue_share': lin(0.05, 0.6, 2),
    // Decisive: an invoice 90 days past due, or an open severe complaint, is a serious credit or
    // service risk whatever the other indicators of the dimension say.
    'credit.max_days_past_due': lin(5, 90, 3, true),
    'credit.late_share_12m': lin(0.1, 0.6, 1),
    'credit.avg_days_late': lin(2, 45, 1),
    'credit.limit_utilisation': lin(0.6, 1.1, 1),
    'service.complaints_90d': lin(0, 5, 2),
    'service.open_complaints': lin(0, 3, 2),
    'service.open_severe': lin(0, 1, 3, true),
    'service.first_response_hours': lin(8, 72, 1),
    'service.resolution_hours': lin(48, 480, 1),
    'service.reopened_share': lin(0, 0.4, 1),
    'satisfaction.csat_latest': lin(4.5, 2, 2),
    'satisfaction.csat_trend': lin(0, -1.5, 1),
    'satisfaction.nps_latest': { enabled: true, weight: 2, curve: { type: 'bands', bands: [{ upTo: 6, points: 100 }, { upTo: 8, points: 40 }, { upTo: null, points: 0 }] }, decisive: false },
    'satisfaction.months_since_survey': lin(6, 24, 1),
    'engagement.days_since_interaction': lin(45, 240, 1),
    'engagement.negative_share': lin(0.1, 0.5, 1),
    'data.missing_fields': lin(0, 3, 2),
    'data.days_since_update': lin(365, 730, 1),
    'data.duplicate_suspected': { enabled: true, weight: 1, curve: { type: 'bands', bands: [{ upTo: 0, points: 0 }, { upTo: null, points: 100 }] }, decisive: false },
    'dependency.revenue_share': lin(0.05, 0.3, 1),
  },
  alerts: DEFAULT_RULES,
};

/** Why a model document was refused; `detail` names the field or indicator. */
export type ModelProblem =
  | { code: 'model_not_json' }
  | { code: 'model_not_a_model' }
  | { code: 'model_newer'; detail: string }
  | { code: 'model_unknown_indicator'; detail: string }
  | { code: 'model_unknown_dimension'; detail: string }
  | { code: 'model_bad_weight'; detail: string }
  | { code: 'model_bad_curve'; detail: string }
  | { code: 'model_bad_grades' }
  | { code: 'model_bad_margin' }
  | { code: 'model_bad_provision' }
  | { code: 'model_bad_alert'; detail: string };

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function curveOk(c: unknown): c is Curve {
  if (!isObj(c)) return false;
  if (c.type === 'linear') return isNum(c.good) && isNum(c.bad) && c.good !== c.bad;
  if (c.type !== 'bands' || !Array.isArray(c.bands) || !c.bands.length) return false;
  let below = -Infinity;
  for (const [i, b] of c.bands.entries()) {
    if (!isObj(b) || !isNum(b.points) || b.points < 0 || b.points > 100) return false;
    const last = i === c.bands.length - 1;
    if (last ? b.upTo !== null : !isNum(b.upTo) || b.upTo <= below) return false;
    if (!last) below = b.upTo as number;
  }
  return true;
}

/**
 * A model from a parsed or textual file: settings a file leaves out take the
 * defaults (an older file gains the indicators added since); anything unknown or invalid
 * refuses the whole file.
 */
export function parseModel(input: unknown): { ok: true; model: RiskModel } | { ok: false; problem: ModelProblem } {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch {
      return { ok: false, problem: { code: 'model_not_json' } };
    }
  }
  if (!isObj(doc) || !isNum(doc.format) || !isObj(doc.indicators)) return { ok: false, problem: { code: 'model_not_a_model' } };
  if (doc.format > MODEL_FORMAT) return { ok: false, problem: { code: 'model_newer', detail: String(doc.format) } };
  const model = structuredClone(DEFAULT_MODEL);
  model.name = typeof doc.name === 'string' ? doc.name.slice(0, 120) : model.name;
  model.revision = isNum(doc.revision) && doc.revision >= 1 ? Math.floor(doc.revision) : 1;
  // Format 1 knew the weighted mean and the worst dimension, and meant the mean when it said nothing.
  model.overall = (OVERALL_RULES as readonly unknown[]).includes(doc.overall) ? (doc.overall as OverallRule) : doc.format < 2 ? 'weighted' : model.overall;
  if (doc.floorMargin !== undefined) {
    if (!isNum(doc.floorMargin) || doc.floorMargin < 0 || doc.floorMargin > 100) return { ok: false, problem: { code: 'model_bad_margin' } };
    model.floorMargin = doc.floorMargin;
  }
  if (isNum(doc.freshnessDays) && doc.freshnessDays > 0) model.freshnessDays = doc.freshnessDays;
  if (doc.grades !== undefined) {
    const g = doc.grades as Record<string, unknown>;
    if (!isObj(g) || !isNum(g.medium) || !isNum(g.high) || !isNum(g.critical) || !(0 < g.medium && g.medium < g.high && g.high < g.critical && g.critical <= 100)) {
      return { ok: false, problem: { code: 'model_bad_grades' } };
    }
    model.grades = { medium: g.medium, high: g.high, critical: g.critical };
  }
  if (doc.provision !== undefined) {
    const p = doc.provision as Record<string, unknown>;
    if (!isObj(p) || !PROVISION_BUCKETS.every((b) => isNum(p[b]) && (p[b] as number) >= 0 && (p[b] as number) <= 1)) {
      return { ok: false, problem: { code: 'model_bad_provision' } };
    }
    model.provision = { d30: p.d30 as number, d60: p.d60 as number, d90: p.d90 as number, over90: p.over90 as number };
  }
  if (doc.dimensions !== undefined) {
    if (!isObj(doc.dimensions)) return { ok: false, problem: { code: 'model_not_a_model' } };
    for (const [dim, setting] of Object.entries(doc.dimensions)) {
      if (!(DIMENSIONS as readonly string[]).includes(dim)) return { ok: false, problem: { code: 'model_unknown_dimension', detail: dim } };
      const w = isObj(setting) ? setting.weight : undefined;
      if (!isNum(w) || w < 0) return { ok: false, problem: { code: 'model_bad_weight', detail: dim } };
      const decisive = (setting as Record<string, unknown>).decisive;
      model.dimensions[dim as Dimension] = { weight: w, decisive: typeof decisive === 'boolean' ? decisive : DEFAULT_MODEL.dimensions[dim as Dimension].decisive };
    }
  }
  const known = new Set<string>(INDICATORS.map((d) => d.id));
  for (const [id, setting] of Object.entries(doc.indicators)) {
    if (!known.has(id)) return { ok: false, problem: { code: 'model_unknown_indicator', detail: id } };
    if (!isObj(setting)) return { ok: false, problem: { code: 'model_not_a_model' } };
    if (!isNum(setting.weight) || setting.weight < 0) return { ok: false, problem: { code: 'model_bad_weight', detail: id } };
    if (!curveOk(setting.curve)) return { ok: false, problem: { code: 'model_bad_curve', detail: id } };
    const decisive = typeof setting.decisive === 'boolean' ? setting.decisive : DEFAULT_MODEL.indicators[id as IndicatorId].decisive;
    model.indicators[id as IndicatorId] = { enabled: setting.enabled !== false, weight: setting.weight, curve: setting.curve, decisive };
  }
  if (doc.custom !== undefined) {
    const custom = parseCustomIndicators(doc.custom);
    if (!custom.ok) return { ok: false, problem: custom.problem };
    if (custom.list.length) model.custom = custom.list;
  }
  const rules = parseRules(doc.alerts, known);
  if (!rules.ok) return { ok: false, problem: { code: 'model_bad_alert', detail: rules.detail } };
  model.alerts = rules.rules;
  return { ok: true, model };
}

function parseCustomIndicators(raw: unknown): { ok: true; list: CustomIndicator[] } | { ok: false; problem: ModelProblem } {
  if (!Array.isArray(raw) || raw.length > CUSTOM_INDICATOR_MAX) return { ok: false, problem: { code: 'model_not_a_model' } };
  const list: CustomIndicator[] = [];
  for (const c of raw) {
    if (!isObj(c) || typeof c.field !== 'string' || !c.field || c.field.length > 40 || list.some((x) => x.field === c.field)) return { ok: false, problem: { code: 'model_not_a_model' } };
    const detail = `custom.${c.field}`;
    if (!(DIMENSIONS as readonly unknown[]).includes(c.dimension)) return { ok: false, problem: { code: 'model_unknown_dimension', detail } };
    const s = c.setting;
    if (!isObj(s) || !isNum(s.weight) || s.weight < 0) return { ok: false, problem: { code: 'model_bad_weight', detail } };
    if (!curveOk(s.curve)) return { ok: false, problem: { code: 'model_bad_curve', detail } };
    list.push({
      field: c.field, label: typeof c.label === 'string' ? c.label.slice(0, 120) : c.field, dimension: c.dimension as Dimension,
      setting: { enabled: s.enabled !== false, weight: s.weight, curve: s.curve, decisive: s.decisive === true },
    });
  }
  return { ok: true, list };
}
