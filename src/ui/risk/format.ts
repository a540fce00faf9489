// An indicator's value in its unit, in the interface language.
import { INDICATORS, type IndicatorId } from '../../domain/risk/indicators';
import { t18 } from '../../state/i18n.svelte';

const UNIT = new Map(INDICATORS.map((d) => [d.id as IndicatorId, d.unit]));

export function indicatorValue(id: IndicatorId, v: number): string {
  if (Number.isNaN(v)) return '—';
  const round = (x: number, digits = 0) => t18.number(Math.round(x * 10 ** digits) / 10 ** digits);
  switch (UNIT.get(id)) {
    case 'days':
      return t18.t('unit.days', { n: round(v) });
    case 'hours':
      return t18.t('unit.hours', { n: round(v, 1) });
    case 'months':
      return t18.t('unit.months', { n: round(v, 1) });
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
