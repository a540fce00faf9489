// The import's words shared by its screen's parts: counts, a problem's reason, a field's name.

import type { ImportKind } from '../../domain/import/fields';
import type { ImportCounts } from '../../domain/types';
import type { MessageKey } from '../../i18n';
import { t18 } from '../../state/i18n.svelte';

export const countsText = (c: Pick<ImportCounts, 'rows' | 'new' | 'updated' | 'unchanged' | 'rejected' | 'merged'>): string =>
  t18.t('import.counts', { rows: t18.number(c.rows), new: t18.number(c.new), updated: t18.number(c.updated), unchanged: t18.number(c.unchanged), rejected: t18.number(c.rejected) }) +
  // Rows of customers merged into another since: said, so that none is unaccounted for.
  (c.merged ? ` ${t18.t('import.merged', { count: t18.number(c.merged) })}` : '');

/** A problem's reason: a file problem from the import's own words, a row's from the issue catalogue. */
export const issueText = (code: string, params?: Record<string, string | number>): string =>
  code.startsWith('file.') ? t18.t(code as MessageKey, params) : t18.issue({ code, params });

export const fieldLabel = (k: ImportKind, field: string): string =>
  t18.t((k === 'customer' ? `field.${field}` : field === 'customerId' ? 'field.id' : `event.${field}`) as MessageKey);
