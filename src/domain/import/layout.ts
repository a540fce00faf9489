// A file's layout as the import reads it (issue 15): whether its first row is a header or
// already a record, the names of a header-less file's columns, the custom fields a customer
// file's unmapped columns become, and what the import remembers of a layout for next time.

import { customKey, type CustomType } from '../custom-fields';
import { customTypeOf, parseNumber } from './cells';
import { CUSTOM, mappingGuess, type ImportKind } from './fields';
import type { RowRule } from './rules';
import { parseDate } from './values';

/** What the import remembers of a file layout once it is committed: the user's choices. */
export interface LayoutSettings {
  mapping: (string | null)[];
  rules?: RowRule[];
  rejectBlank?: number[];
  customTypes?: Record<number, CustomType>;
  currency?: string;
  /** Day or month first in the layout's slashed dates, as last settled (the same export writes them the same way). */
  dateOrder?: 'dmy' | 'mdy';
}

/** A remembered layout (older books kept only the mapping). */
export function settingsOf(stored: unknown): LayoutSettings | undefined {
  if (Array.isArray(stored)) return { mapping: stored as (string | null)[] };
  if (stored && typeof stored === 'object' && Array.isArray((stored as LayoutSettings).mapping)) return stored as LayoutSettings;
  return undefined;
}

/** Column names of a file without a header row: "#1", "#2" … (what problems name). */
export const numberedHeaders = (width: number): string[] => Array.from({ length: width }, (_, i) => `#${i + 1}`);

const valueLike = (c: string) => {
  const s = c.trim();
  if (!s) return false;
  const n = parseNumber(s);
  return (n.ok && n.value !== null) || (parseDate(s, 'dmy').ok && /\d/.test(s));
};

/**
 * Whether a file's first row looks like a record rather than a header: none of its cells names
 * a field, and one of them at least is a number or a date (a header is words).
 */
export function firstRowLooksLikeData(kind: ImportKind, first: readonly string[]): boolean {
  if (!first.some(valueLike)) return false;
  return mappingGuess(kind, first).mapping.every((f) => f === null);
}

/**
 * The custom fields of a customer file: each column mapped to CUSTOM, with a key from its
 * header (made unique) and a type from its sample values unless the user chose one.
 */
export function customColumns(headers: readonly string[], mapping: readonly (string | null)[], samples: readonly (readonly string[])[], chosen: Record<number, CustomType> = {}) {
  const used = new Set<string>();
  const out: { at: number; key: string; label: string; type: CustomType }[] = [];
  mapping.forEach((f, at) => {
    if (f !== CUSTOM) return;
    let key = customKey(headers[at] ?? `field ${at + 1}`);
    for (let k = 2; used.has(key); k++) key = `${customKey(headers[at] ?? '')}_${k}`;
    used.add(key);
    out.push({ at, key, label: headers[at] ?? `#${at + 1}`, type: chosen[at] ?? customTypeOf(samples.map((r) => r[at] ?? '')) });
  });
  return out;
}
