// An indicator's value in its unit, in the interface language.
import { INDICATORS, type IndicatorId } from '../../domain/risk/indicators';
import { t18 } from '../../state/i18n.svelte';
import { DEFAULT_MODEL } from '../../domain/risk/model';

const UNIT = new Map(INDICATORS.map((d) => [d.id as IndicatorId, d.unit]));

export function indicatorValue(id: IndicatorId, v: number): string {
  if (Number.isNaN(v)) return '—';
  const rounded = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;
  const round = (x: number, digits = 0) => t18.number(rounded(x, digits));
  switch (UNIT.get(id)) {
    case 'days':
      return t18.plural('unit.days', rounded(v));
    case 'hours':
      return t18.plural('unit.hours', rounded(v, 1));
    case 'months':
      return t18.plural('unit.months', rounded(v, 1));
    case 'ratio':
      return t18.t('unit.ratio', { n: round(v, 2) });
    case 'share':
      return t18.percent(v);
    case 'flag':
      return t18.t(v ? 'unit.yes' : 'unit.no');
    case 'score':
      return round(v, 1);
    default:
      return round(v, 1);
  }
}

/** An indicator's name: a built-in one's from the catalogue, one of the user's fields by its label. */
export function indicatorName(id: IndicatorId, label?: string): string {
  return id.startsWith('custom:') ? (label ?? id.slice(7)) : t18.t(`ind.${id}` as 'ind.churn.days_since_order');
}

/** A risk model's name; the built-in model's (stored under its one name) in the interface language. */
export function modelName(name: string): string {
  return name === DEFAULT_MODEL.name ? t18.t('model.defaultName') : name;
}
