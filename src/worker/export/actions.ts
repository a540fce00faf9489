// Export of the book's actions (DESIGN §6): CSV for Excel or JSON, each action with its
// customer, how it ended and its effect (the score and grade before, at close and 30 days
// after). Anonymised, the customer becomes its pseudonym and the free text (outcome) and the
// owner's name are dropped, as for events.

import type { ExportFile, ExportOptions } from '../contract';
import { actionColumns, type ActionRow } from '../../domain/export/actions';
import { CSV_BOM, csvLine } from '../../domain/export/csv';
import { Pseudonyms } from '../../domain/export/anonymise';
import type { Locale } from '../../domain/types';
import { deviceToday } from '../session/clock';
import type { OpenBook } from '../session/open-book';
import { withLater } from '../respond/responses';

export const ACTIONS_FORMAT = 'custos-actions';
export const ACTIONS_VERSION = 1;

export async function exportActions(o: OpenBook, options: ExportOptions, salt: () => Promise<string>): Promise<ExportFile> {
  const locale = (o.book.locale as Locale) ?? 'en';
  const names = options.anonymise ? new Pseudonyms(await salt(), locale) : null;
  const rows: ActionRow[] = withLater(o.book, [...o.respond.actions.values()])
    .sort((a, b) => a.created.localeCompare(b.created) || a.createdAt - b.createdAt || (a.step ?? 0) - (b.step ?? 0))
    .map((a) => {
      const customerName = o.book.customer(a.customerId)?.name ?? '';
      if (!names) return { ...a, customerName };
      const { alertId: _a, ...rest } = a;
      return { ...rest, customerId: names.id(a.customerId), customerName: '', owner: '', outcome: '' };
    });
  const base = `custos-actions${names ? '-anonymised' : ''}-${deviceToday()}`;
  if (options.format === 'json') {
    const text = JSON.stringify({ format: ACTIONS_FORMAT, version: ACTIONS_VERSION, exportedAt: new Date().toISOString(), anonymised: !!names, actions: rows });
    return { blob: new Blob([text], { type: 'application/json' }), name: `${base}.json`, rows: rows.length };
  }
  const columns = actionColumns(locale);
  const parts = [CSV_BOM + csvLine(columns.map((c) => c.header)), ...rows.map((r) => csvLine(columns.map((c) => c.cell(r))))];
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), name: `${base}.csv`, rows: rows.length };
}
