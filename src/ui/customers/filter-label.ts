// A filter value in words: tiers, sizes, grades and receivables' aging translated; the book's own values (industry, region, owner, tag) as they are.

import type { FilterField } from '../../domain/query';
import { t18 } from '../../state/i18n.svelte';

export function filterLabel(field: FilterField, value: string): string {
  switch (field) {
    case 'tier':
      return t18.t(`tier.${value}` as 'tier.key');
    case 'size':
      return t18.t(`size.${value}` as 'size.large');
    case 'grade':
      return t18.t(`grade.${value}` as 'grade.low');
    case 'aging':
      return t18.t(`aging.${value}` as 'aging.current');
    default:
      return value;
  }
}
