// The user's own fields of a customer (issue 15): any column of a customer file can be kept
// as a custom field, typed from its values. The book lists its custom fields (key, label,
// type); a customer holds its values by key. A numeric or yes/no field can be an indicator
// of the risk model (see risk/custom-indicators.ts), a filter of the list and a segment rule.

export const CUSTOM_TYPES = ['text', 'number', 'date', 'boolean'] as const;
export type CustomType = (typeof CUSTOM_TYPES)[number];

export interface CustomField {
  /** Stable key, from the header the field first came from ("Contract" → "contract"). */
  key: string;
  /** The header as the user's file wrote it. */
  label: string;
  type: CustomType;
}

/** A customer's custom values by key; a missing key is an empty value. Dates are ISO days. */
export type CustomValues = Record<string, string | number | boolean>;

/** A key from a header: lower case, words joined by '_', at most 40 characters (CJK kept). */
export function customKey(header: string): string {
  const k = header.normalize('NFKC').trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return k || 'field';
}

/** Custom values as stored in the customer column (JSON, keys sorted; '' for none). */
export function packCustom(values: CustomValues | undefined): string {
  if (!values) return '';
  const keys = Object.keys(values).filter((k) => values[k] !== '' && values[k] !== null && values[k] !== undefined).sort();
  if (!keys.length) return '';
  const out: CustomValues = {};
  for (const k of keys) out[k] = values[k];
  return JSON.stringify(out);
}

/** Custom values from the stored text. */
export function unpackCustom(text: string): CustomValues {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as CustomValues) : {};
  } catch {
    return {};
  }
}

/** A custom value as a number for the model and the filters: numbers as they are, yes/no as 1/0, others NaN. */
export function customNumber(v: string | number | boolean | undefined): number {
  return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : NaN;
}

/** The book's fields with `incoming` added (an existing key keeps its label and type). */
export function withFields(known: readonly CustomField[], incoming: readonly CustomField[]): CustomField[] {
  const out = [...known];
  for (const f of incoming) if (!out.some((k) => k.key === f.key)) out.push(f);
  return out;
}

/** Whether a value is a valid value of a field's type. */
export function validCustom(type: CustomType, v: unknown): boolean {
  switch (type) {
    case 'text':
      return typeof v === 'string' && v.length <= 4000;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'boolean':
      return typeof v === 'boolean';
  }
}

/** A condition on a custom field: has a value, equals one (text, yes/no as "true"/"false"), or at least / at most a number or date. */
export interface CustomCondition {
  key: string;
  op: 'set' | 'eq' | 'gte' | 'lte';
  value: string;
}

/** The parsed values of each stored JSON text (texts repeat across customers and calls). */
const parsed = new Map<string, CustomValues>();
function valuesOf(text: string): CustomValues {
  if (!text) return EMPTY;
  let v = parsed.get(text);
  if (!v) {
    if (parsed.size > 200_000) parsed.clear();
    parsed.set(text, (v = unpackCustom(text)));
  }
  return v;
}
const EMPTY: CustomValues = {};

/** A test of a customer's custom values (their stored JSON text) against a condition. */
export function customTest(c: CustomCondition): (text: string) => boolean {
  const want = c.value.trim().toLowerCase();
  const n = Number(c.value);
  return (text) => {
    const v = valuesOf(text)[c.key];
    if (v === undefined) return false;
    switch (c.op) {
      case 'set':
        return true;
      case 'eq':
        return String(v).toLowerCase() === want;
      case 'gte':
      case 'lte': {
        const x = typeof v === 'number' ? v : typeof v === 'string' && typeof c.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : NaN;
        if (typeof x === 'string') return c.op === 'gte' ? x >= c.value.trim() : x <= c.value.trim();
        if (x !== x || n !== n) return false;
        return c.op === 'gte' ? x >= n : x <= n;
      }
    }
  };
}

/** One custom field's values as numbers (yes/no as 1/0, NaN where missing), by list position: a model indicator's column. */
export function customColumn(texts: readonly string[], n: number, key: string): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = customNumber(valuesOf(texts[i] ?? '')[key]);
  return out;
}
