// One cell of an import file read by the type of the field it is mapped to (see records.ts):
// the choices' Chinese and English words, a glance that takes most cells of a program's file
// without parsing objects, whether a column's sample fits a field (for the mapping's guess),
// and the type of a custom field from its values.

import { CHANNELS, SEVERITIES, SIZES, TIERS } from '../types';
import { isValidIso } from '../dates';
import { EMAIL, PHONE } from '../validate';
import { unneutralise } from '../export/csv';
import type { CustomType } from '../custom-fields';
import type { FieldDef } from './fields';
import { halfWidth, parseAmount, parseBoolean, parseChoice, parseDate, parseInstant, parseInteger, plainAmount, type DateOrder, type Parsed } from './values';

const SYNONYMS: Record<string, Record<string, string>> = {
  size: { 大: 'large', 大型: 'large', l: 'large', 中: 'medium', 中型: 'medium', m: 'medium', 小: 'small', 小型: 'small', s: 'small' },
  tier: { 重点: 'key', 重點: 'key', 关键: 'key', 關鍵: 'key', vip: 'key', 大客户: 'key', 大客戶: 'key', 一般: 'general', 普通: 'general', 潜在: 'potential', 潛在: 'potential', prospect: 'potential' },
  severity: { 低: 'low', 中: 'medium', 一般: 'medium', 高: 'high', 严重: 'critical', 嚴重: 'critical', 紧急: 'critical', 緊急: 'critical' },
  channel: {
    拜访: 'visit', 拜訪: 'visit', 上门: 'visit', 上門: 'visit', 电话: 'call', 電話: 'call', phone: 'call', 邮件: 'email', 郵件: 'email', 'e-mail': 'email',
    电子邮件: 'email', 電子郵件: 'email', 在线: 'chat', 線上: 'chat', 聊天: 'chat', 微信: 'chat', im: 'chat', 社交: 'social', 社媒: 'social',
  },
  sentiment: { 正面: '1', 积极: '1', 積極: '1', positive: '1', '+1': '1', 中性: '0', neutral: '0', 负面: '-1', 負面: '-1', 消极: '-1', 消極: '-1', negative: '-1' },
};
const CHOICES: Record<string, readonly string[]> = { size: SIZES, tier: TIERS, severity: SEVERITIES, channel: CHANNELS, sentiment: ['1', '0', '-1'] };

/** A decimal number as people type it ("1,234.5", "１２", "-3"); null for an empty cell. */
export function parseNumber(cell: string): Parsed<number | null> {
  const s = halfWidth(cell).replace(/[,\s]/g, '');
  if (!s) return { ok: true, value: null };
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(s)) return { ok: false, code: 'not_number' };
  const n = Number(s);
  return Number.isFinite(n) && Math.abs(n) <= 1e15 ? { ok: true, value: n } : { ok: false, code: 'not_number' };
}

/** A custom field's cell by its type; null for an empty cell. */
export function parseCustom(type: CustomType, cell: string, dateOrder: DateOrder | null): Parsed<string | number | boolean | null> {
  const s = halfWidth(unneutralise(cell));
  if (!s) return { ok: true, value: null };
  switch (type) {
    case 'text':
      return { ok: true, value: s };
    case 'number':
      return parseNumber(s);
    case 'date': {
      const d = parseDate(s, dateOrder);
      return d.ok ? { ok: true, value: d.value || null } : d;
    }
    case 'boolean':
      return parseBoolean(s);
  }
}

/** A cell parsed by its field's type. Amounts need the row's currency (for its decimals). */
export function parseCell(def: FieldDef, cell: string, o: { dateOrder: DateOrder | null }, digits: number): Parsed<unknown> {
  switch (def.type) {
    case 'text':
      return { ok: true, value: halfWidthId(def.field, unneutralise(cell)) };
    case 'date':
      return parseDate(cell, o.dateOrder);
    case 'instant':
      return parseInstant(cell, o.dateOrder);
    case 'amount':
      return parseAmount(cell, digits);
    case 'integer':
      return parseInteger(cell);
    case 'number':
      return parseNumber(cell);
    case 'custom':
      return { ok: true, value: cell };
    case 'boolean':
      return parseBoolean(cell);
    case 'choice':
      return parseChoice(cell, CHOICES[def.field], SYNONYMS[def.field]);
    case 'tags':
      return { ok: true, value: unneutralise(cell).split(/[,;，；、|]/).map((t) => t.trim()).filter(Boolean) };
  }
}

export const SLOW = Symbol('slow');
const PLAIN_NUMBER = /^-?\d{1,15}(\.\d{1,9})?$/;

/** Whether a text cell is as it will be stored: no outer space, no apostrophe of an export, no full-width form. */
/** Whether `trim` would take this character off (ASCII and Unicode spaces, the byte-order mark). */
const trimmed = (c: number) => c <= 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

function plainText(cell: string, scan: boolean): boolean {
  const n = cell.length;
  if (n === 0 || trimmed(cell.charCodeAt(0)) || trimmed(cell.charCodeAt(n - 1)) || cell.charCodeAt(0) === 39) return false;
  if (!scan) return true;
  for (let i = 0; i < n; i++) {
    const c = cell.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) return false;
  }
  return true;
}

/** The value of a plain cell (an ISO date, a plain number, plain text) without parsing objects; SLOW for any other. */
export function quickCell(def: FieldDef, cell: string, digits: number): unknown {
  switch (def.type) {
    case 'text':
      if (def.field === 'currency') return SLOW;
      return plainText(cell, def.field === 'id' || def.field === 'customerId' || def.field === 'invoiceId' || def.field === 'orderId') ? cell : SLOW;
    case 'date':
      return cell.length === 10 && cell.charCodeAt(4) === 45 && isValidIso(cell) ? cell : SLOW;
    case 'amount': {
      const v = plainAmount(cell, digits);
      return v === undefined ? SLOW : v;
    }
    case 'number':
      return PLAIN_NUMBER.test(cell) ? Number(cell) : SLOW;
    default:
      return SLOW;
  }
}

/** Ids and codes lose stray spaces and full-width forms ("Ｃ００１ " is C001); other text only its outer spaces. */
function halfWidthId(field: string, cell: string): string {
  if (field === 'currency') return halfWidth(cell).toUpperCase();
  return field === 'id' || field === 'customerId' || field === 'invoiceId' || field === 'orderId' ? halfWidth(cell) : cell.trim();
}

const BOOLEAN_WORDS = new Set(['yes', 'no', 'y', 'n', 'true', 'false', '是', '否', '有', '无', '無', 't', 'f']);


/** Whether a (non-empty) cell fits a field well enough for the mapping to guess the field for its column. */
export function fits(def: FieldDef, cell: string): boolean {
  if (def.field === 'phone') return PHONE.test(cell.trim()) && cell.replace(/\D/g, '').length >= 5;
  if (def.field === 'email') return EMAIL.test(cell.trim());
  // A text field (an owner, a region) is not a column of yes and no.
  if (def.type === 'text' || def.type === 'tags' || def.type === 'custom') return !BOOLEAN_WORDS.has(halfWidth(cell).toLowerCase());
  // A slashed date fits in either order of day and month (the file's order is settled later).
  let parsed = parseCell(def, cell, { dateOrder: 'dmy' }, 2);
  if (!parsed.ok && (def.type === 'date' || def.type === 'instant')) parsed = parseCell(def, cell, { dateOrder: 'mdy' }, 2);
  // A date column's cells are dates, not small numbers that Excel would read as days of 1900.
  if (parsed.ok && (def.type === 'date' || def.type === 'instant') && /^\d{1,4}(\.\d+)?$/.test(halfWidth(cell))) return false;
  return parsed.ok && parsed.value !== null && parsed.value !== '';
}

/**
 * The type of a custom field from its column's values: yes/no when every value is a yes/no
 * word (or 0 and 1 only), a number when every value is one, a date when every value is one,
 * else text. Empty cells say nothing.
 */
export function customTypeOf(cells: Iterable<string>): CustomType {
  let yesNo = true, zeroOne = true, number = true, date = true, any = false;
  for (const raw of cells) {
    const c = halfWidth(raw).toLowerCase();
    if (!c) continue;
    any = true;
    if (!BOOLEAN_WORDS.has(c)) yesNo = false;
    if (c !== '0' && c !== '1') zeroOne = false;
    if (number && !parseNumber(c).ok) number = false;
    if (date && (!parseDate(c, 'dmy').ok || /^[-+]?\d+(\.\d+)?$/.test(c))) date = false;
    if (!yesNo && !zeroOne && !number && !date) return 'text';
  }
  if (!any) return 'text';
  return yesNo || zeroOne ? 'boolean' : number ? 'number' : date ? 'date' : 'text';
}

