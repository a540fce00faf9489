// The words for a segment reference, wherever a segment is named (list chip, rule editor).

import { parseSegmentRef, type RuleSegment } from '../../domain/segments/rules';
import type { MessageKey } from '../../i18n/en';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function segmentLabel(ref: string, rules: readonly RuleSegment[], t: T): string {
  // The customers behind an audit's finding: `audit:<audit id>:<rule>[:<field>]`.
  if (ref.startsWith('audit:')) {
    const [, , rule, subject] = ref.split(':');
    return `${t('filter.audit')} — ${t(`audit.f.${rule}.title` as MessageKey, { field: subject ? t(`field.${subject}` as MessageKey) : '', after: '90' })}`;
  }
  const p = parseSegmentRef(ref);
  if (!p) return ref;
  switch (p.kind) {
    case 'cell': {
      const [r, f] = p.key.split('-');
      return t('segments.cell', { r, f });
    }
    case 'abc':
      return t('segments.abcClass', { k: p.key });
    case 'rule':
      return rules.find((x) => x.id === p.key)?.name ?? ref;
    case 'rf':
    case 'eight':
    case 'loyalty':
    case 'quadrant':
      return t(`${p.kind}.${p.key}` as MessageKey);
  }
}

/** The customer list filtered to a segment. */
export const segmentHref = (ref: string) => `#/customers?segment=${encodeURIComponent(ref)}`;
