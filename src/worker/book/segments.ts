// The open book's segments: the pure segmentation (domain/segments/book.ts) over the book's
// columns, cached per book until its data, scores or segment settings change.

import { indicatorIndex, type IndicatorId } from '../../domain/risk/indicators';
import { customerSegments, segmentColumns, segmentation, segmentMask, type SegmentColumns, type SegmentInput } from '../../domain/segments/book';
import type { RuleSegment } from '../../domain/segments/rules';
import type { SegmentSettings } from '../../domain/segments/settings';
import type { CustomerSegments, Segmentation } from '../contract';
import type { Book } from './book';

const cache = new WeakMap<Book, { changes: number; columns: SegmentColumns }>();

function inputOf(book: Book): SegmentInput {
  return {
    table: book.list, asOfDay: book.asOfDayNumber, lifetime: book.risk.lifetime, riskCut: book.risk.model.grades.medium,
    indicator: (id: IndicatorId) => book.risk.values[indicatorIndex(id)],
  };
}

/** Every customer's segments under `settings`, computed once while the book and the settings stand. */
function columnsOf(book: Book, settings: SegmentSettings): SegmentColumns {
  const hit = cache.get(book);
  if (hit?.changes === book.changes && hit.columns.settings === settings) return hit.columns;
  const columns = segmentColumns(inputOf(book), settings);
  cache.set(book, { changes: book.changes, columns });
  return columns;
}

export function bookSegmentation(book: Book, settings: SegmentSettings, rules: readonly RuleSegment[]): Segmentation {
  const started = performance.now();
  const out = segmentation(inputOf(book), columnsOf(book, settings), rules);
  out.ms = performance.now() - started;
  return out;
}

/** Membership of one group over the book's positions; null when the reference names none. */
export function bookSegmentMask(book: Book, ref: string, settings: SegmentSettings, rules: readonly RuleSegment[]): Uint8Array | null {
  return segmentMask(inputOf(book), columnsOf(book, settings), ref, rules);
}

export function bookCustomerSegments(book: Book, position: number, settings: SegmentSettings): CustomerSegments {
  return customerSegments(columnsOf(book, settings), position);
}
