// What a file's converter (records.ts) is told, and what it tells back of the cells it read.

import type { BatchId } from '../types';
import type { CustomType } from '../custom-fields';
import type { RowRule } from './rules';
import type { DateOrder } from './values';

export interface ConvertOptions {
  /** For slashed dates with the year last that the data cannot settle. */
  dateOrder: DateOrder | null;
  /** Currency of amounts in a file without a currency column. */
  currency: string;
  batch: BatchId;
  /** Rows skipped before they are read (see rules.ts). */
  rules?: readonly RowRule[];
  /** Columns whose blank cells reject their row (else a blank is left empty). */
  rejectBlank?: readonly number[];
  /** Columns kept as custom fields of the customer, with their keys and types. */
  custom?: readonly { at: number; key: string; type: CustomType }[];
}

/** What a file's cells said as they were read: the date evidence, blanks per column, rows skipped per rule. */
export interface ConvertStats {
  slashed: number;
  ambiguous: number;
  order: DateOrder | null | 'conflict';
  /** Dates read with a two-digit year. */
  twoDigitYears: number;
  /** Blank cells per file column (counted columns only; others 0). */
  blanks: number[];
  /** Rows skipped per rule. */
  skipped: number[];
}
