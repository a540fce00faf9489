// The start of an import's pass (see planner.ts): what the file's first rows settle before any
// record is read.

import { CUSTOM, layoutKey, mappingGuess, missingRequired } from '../../domain/import/fields';
import { customKey } from '../../domain/custom-fields';
import { fits } from '../../domain/import/cells';
import { customColumns, firstRowLooksLikeData, numberedHeaders, settingsOf } from '../../domain/import/layout';
import { validRule } from '../../domain/import/rules';
import type { ConvertOptions } from '../../domain/import/records';
import type { Encoding } from '../../domain/import/encoding';
import type { DateOrder } from '../../domain/import/values';
import type { BatchId } from '../../domain/types';
import { readMeta } from '../../storage/workspace-repo';
import { bookCurrency, CUSTOM_FIELDS, readCustomFields } from '../book/book-fields';
import type { ImportOptions } from '../contract';
import { FileProblem, IMPORT_LIMITS } from './file';
import { MAPPINGS, type Plan } from './plan';
import { aliasMap } from '../../domain/removals';
import { readRemovals } from '../clean/removals';
import type { OpenBook } from '../session/open-book';

export type ImportPlanDelimiter = ',' | ';' | '\t' | '|' | 'whitespace';

/** The file being previewed and how it was read. */
export interface FileContext {
  o: OpenBook;
  file: File;
  options: ImportOptions;
  encoding: Encoding;
  detected: Encoding;
  dateOrder: DateOrder | null;
  delimiter: ImportPlanDelimiter;
}

/**
 * The plan of an import from the file's first row (a header, or already a record) and the rows
 * after it: the mapping (chosen, remembered for the layout, or guessed from the headers and
 * the rows), the row rules, blanks, custom fields and currency, and the converter's options.
 */
export async function startPlan(f: FileContext, first: string[], samples: string[][], json: boolean): Promise<{ plan: Plan; convert: ConvertOptions }> {
  const { o, options, file } = f;
  if (first.every((h) => !h.trim())) throw new FileProblem('empty_file');
  if (first.length > IMPORT_LIMITS.columns) throw new FileProblem('too_many_columns', { max: IMPORT_LIMITS.columns });
  const guessedData = !json && firstRowLooksLikeData(options.kind, first);
  const hasHeader = json || (options.header ?? !guessedData);
  const headers = hasHeader ? first.map((h) => h.trim()) : numberedHeaders(first.length);
  const rows = hasHeader ? samples : [first, ...samples];
  const layout = layoutKey(options.kind, headers);
  const remembered = settingsOf((await readMeta<Record<string, unknown>>(o.db, MAPPINGS))?.[layout]);
  const guess = mappingGuess(options.kind, headers, rows, fits);
  const known = await readCustomFields(o.db);
  // A customer column named as one of the book's custom fields (as our export writes them) is that field again.
  if (options.kind === 'customer') guess.mapping.forEach((f, i) => !f && known.some((k) => k.key === customKey(headers[i])) && (guess.mapping[i] = CUSTOM));
  const mapping = options.mapping ?? remembered?.mapping ?? guess.mapping;
  const missing = missingRequired(options.kind, mapping);
  const types = { ...remembered?.customTypes, ...options.customTypes };
  // A key the book knows keeps its type.
  const custom = customColumns(headers, mapping, rows, types).map((c) => ({ ...c, type: known.find((k) => k.key === c.key)?.type ?? c.type }));
  const rules = (options.rules ?? remembered?.rules ?? []).filter((r) => validRule(r, headers.length));
  const rejectBlank = options.rejectBlank ?? remembered?.rejectBlank ?? [];
  const currency = options.currency ?? remembered?.currency ?? bookCurrency(o);
  const book = o.book;
  const stamp = Date.now();
  const batch = `import-${stamp.toString(36)}-${Math.random().toString(36).slice(2, 8)}` as BatchId;
  // A layout's remembered order of day and month stands in for the user's choice (the data may still overrule it, see preview.ts).
  const dateOrder = f.dateOrder ?? remembered?.dateOrder ?? null;
  const convert: ConvertOptions = { dateOrder, currency, batch, rules, rejectBlank, custom };
  const removals = await readRemovals(o);
  const plan: Plan = {
    token: batch, book, changes: book.changes, layout, shards: new Map(), previousCustomers: [], createdCustomers: [], previousEvents: [],
    firstId: book.nextEventId, nextId: book.nextEventId, stamp, batch,
    aliases: aliasMap(removals),
    ...(Object.keys(removals.erased).length ? { erased: removals.erased } : {}),
    remember: { mapping, rules, rejectBlank, customTypes: Object.fromEntries(custom.map((c) => [c.at, c.type])), currency: options.currency ?? remembered?.currency },
    meta: custom.length ? [{ key: CUSTOM_FIELDS, value: [...known, ...custom.filter((c) => !known.some((k) => k.key === c.key)).map(({ key, label, type }) => ({ key, label, type }))] }] : [],
    preview: {
      token: batch, fileName: file.name, kind: options.kind, encoding: f.encoding, detectedEncoding: f.detected, headers, sample: [], mapping, missing,
      dateOrderNeeded: false, dateOrder, counts: { rows: 0, new: 0, updated: 0, unchanged: 0, rejected: 0, newCustomers: 0, skipped: 0, returns: 0, merged: 0 }, problems: [], problemsTotal: 0,
      remembered: !options.mapping && !!remembered, unreadable: 0,
      delimiter: f.delimiter, header: hasHeader, headerGuessed: options.header === undefined && guessedData, suggested: options.mapping || remembered ? headers.map(() => null) : guess.suggested,
      rules, skippedByRule: rules.map(() => 0), blanks: headers.map(() => 0), rejectBlank, twoDigitYears: 0, custom, grouped: null, currency, bookCurrency: bookCurrency(o),
    },
  };
  return { plan, convert };
}
