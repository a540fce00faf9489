// What an import preview asks and answers (see worker/import/preview.ts; the contract re-exports these): the options a user
// sets on the mapping screen, and everything the screen shows of a file before it is imported.

import type { ImportCounts, Issue } from '../types';
import type { RowRule } from './rules';
import type { CustomType } from '../custom-fields';
import type { Encoding } from './encoding';
import type { ImportKind } from './fields';
import type { DateOrder } from './values';

export interface ImportOptions {
  kind: ImportKind;
  /** Overrides the detected encoding. */
  encoding?: Encoding;
  /** Field per column; automatic (or remembered for this layout) when absent. */
  mapping?: (string | null)[];
  dateOrder?: DateOrder | null;
  /** Events of customers not in the book: rejected, or the customer is created. */
  unknownCustomers?: 'reject' | 'create';
  /** Whether the first row is a header (true) or already a record (false); guessed when absent. */
  header?: boolean;
  /** Rows skipped by a rule (see domain/import/rules.ts). */
  rules?: RowRule[];
  /** Columns whose blank cells reject the row. */
  rejectBlank?: number[];
  /** Types chosen for custom-field columns (by column), over the ones guessed from the values. */
  customTypes?: Record<number, CustomType>;
  /** The currency of the file's amounts (where it has no currency column); the book's by default. */
  currency?: string;
}

export interface ImportPreview {
  token: string;
  fileName: string;
  kind: ImportKind;
  encoding: Encoding;
  detectedEncoding: Encoding;
  headers: string[];
  /** The first rows as read, for the mapping screen. */
  sample: string[][];
  mapping: (string | null)[];
  /** Required fields no column is mapped to (the import cannot go ahead). */
  missing: string[];
  /** Whether slashed dates need the user to say day-first or month-first. */
  dateOrderNeeded: boolean;
  dateOrder: DateOrder | null;
  counts: ImportCounts;
  /** The first problems (row, column, code); `problemsTotal` counts them all. */
  problems: Issue[];
  problemsTotal: number;
  /** Whether the mapping came from an earlier import of this layout. */
  remembered: boolean;
  /** Characters the encoding could not read (U+FFFD): more than none means the file is probably in another encoding. */
  unreadable: number;
  /** How cells are separated ('whitespace': runs of spaces or tabs). */
  delimiter: ',' | ';' | '\t' | '|' | 'whitespace';
  /** Whether the first row was read as a header, and whether that was guessed from the file (not chosen). */
  header: boolean;
  headerGuessed: boolean;
  /** Per column, a field its header names but whose values do not fit it (left unmapped). */
  suggested: (string | null)[];
  rules: RowRule[];
  /** Rows each rule skipped. */
  skippedByRule: number[];
  /** Blank cells per column (number and date columns), and the columns whose blanks reject the row. */
  blanks: number[];
  rejectBlank: number[];
  /** Dates read with a two-digit year (00–29 as 20xx, 30–99 as 19xx). */
  twoDigitYears: number;
  /** Columns kept as custom fields, with key and type. */
  custom: { at: number; key: string; label: string; type: CustomType }[];
  /** Line items grouped into orders by their order number. */
  grouped: { lines: number; orders: number } | null;
  /** The currency the file's amounts are read in, and the book's. */
  currency: string;
  bookCurrency: string;
}
