// CSV that Excel opens correctly and that cannot carry a formula (DESIGN §6): UTF-8 with a
// byte-order mark, CRLF line ends, and text cells that begin with = + - @ tab or CR prefixed
// with an apostrophe, which Excel shows as text. Numbers stay numbers. The importer takes the
// apostrophe off again, so that an export imports back to the same values.

import { amountText, minorDigits } from '../money';
import { fieldsOf } from '../columns';
import { FIELDS, type ImportKind } from '../import/fields';
import type { Locale } from '../types';

export const CSV_BOM = '\ufeff';
export const CRLF = '\r\n';

/** Text that a spreadsheet would run as a formula; already-neutralised text counts too, so that it round-trips. */
const TRIGGER = /^'*[=+\-@\t\r]/;

/** A text cell made safe: an apostrophe before a leading = + - @ tab or CR. */
export function neutralise(text: string): string {
  return TRIGGER.test(text) ? `'${text}` : text;
}

/** The text of a neutralised cell as it was (the importer's side of `neutralise`). */
export function unneutralise(cell: string): string {
  return cell.charCodeAt(0) === 39 && TRIGGER.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** One CSV field: text neutralised and quoted when it holds a comma, quote, line end or outer space. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const s = neutralise(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: readonly (string | number | null)[]): string => cells.map(csvField).join(',') + CRLF;

/** The header each field is exported under, per language; each is one the importer maps back. */
export const EXPORT_HEADERS: Record<string, Record<Locale, string>> = {
  id: { en: 'customer id', 'zh-CN': '客户编号', 'zh-TW': '客戶編號' },
  customerId: { en: 'customer id', 'zh-CN': '客户编号', 'zh-TW': '客戶編號' },
  name: { en: 'customer name', 'zh-CN': '客户名称', 'zh-TW': '客戶名稱' },
  industry: { en: 'industry', 'zh-CN': '行业', 'zh-TW': '行業' },
  size: { en: 'size', 'zh-CN': '规模', 'zh-TW': '規模' },
  region: { en: 'region', 'zh-CN': '地区', 'zh-TW': '地區' },
  owner: { en: 'owner', 'zh-CN': '负责人', 'zh-TW': '負責人' },
  tier: { en: 'tier', 'zh-CN': '客户等级', 'zh-TW': '客戶等級' },
  since: { en: 'customer since', 'zh-CN': '合作开始', 'zh-TW': '合作開始' },
  creditLimit: { en: 'credit limit', 'zh-CN': '信用额度', 'zh-TW': '信用額度' },
  currency: { en: 'currency', 'zh-CN': '币种', 'zh-TW': '幣別' },
  paymentTermsDays: { en: 'payment terms', 'zh-CN': '账期', 'zh-TW': '帳期' },
  contractEnd: { en: 'contract end', 'zh-CN': '合同到期', 'zh-TW': '合約到期' },
  tags: { en: 'tags', 'zh-CN': '标签', 'zh-TW': '標籤' },
  notes: { en: 'notes', 'zh-CN': '备注', 'zh-TW': '備註' },
  contact: { en: 'contact', 'zh-CN': '联系人', 'zh-TW': '聯絡人' },
  phone: { en: 'phone', 'zh-CN': '电话', 'zh-TW': '電話' },
  email: { en: 'email', 'zh-CN': '邮箱', 'zh-TW': '郵箱' },
  date: { en: 'date', 'zh-CN': '日期', 'zh-TW': '日期' },
  amount: { en: 'amount', 'zh-CN': '金额', 'zh-TW': '金額' },
  category: { en: 'category', 'zh-CN': '类别', 'zh-TW': '類別' },
  orderId: { en: 'order no', 'zh-CN': '订单号', 'zh-TW': '訂單號' },
  invoiceId: { en: 'invoice no', 'zh-CN': '发票号', 'zh-TW': '發票號' },
  issued: { en: 'invoice date', 'zh-CN': '开票日期', 'zh-TW': '開票日期' },
  due: { en: 'due date', 'zh-CN': '到期日', 'zh-TW': '到期日' },
  paid: { en: 'paid on', 'zh-CN': '付款日期', 'zh-TW': '付款日期' },
  paidAmount: { en: 'paid amount', 'zh-CN': '已付金额', 'zh-TW': '已付金額' },
  opened: { en: 'opened', 'zh-CN': '投诉时间', 'zh-TW': '投訴時間' },
  firstResponse: { en: 'first response', 'zh-CN': '首次响应', 'zh-TW': '首次回應' },
  resolved: { en: 'resolved', 'zh-CN': '解决时间', 'zh-TW': '解決時間' },
  severity: { en: 'severity', 'zh-CN': '严重程度', 'zh-TW': '嚴重程度' },
  channel: { en: 'channel', 'zh-CN': '渠道', 'zh-TW': '通路' },
  reopened: { en: 'reopened', 'zh-CN': '重开', 'zh-TW': '重開' },
  csat: { en: 'csat', 'zh-CN': '满意度', 'zh-TW': '滿意度' },
  nps: { en: 'nps', 'zh-CN': '推荐度', 'zh-TW': '推薦度' },
  comment: { en: 'comment', 'zh-CN': '评论', 'zh-TW': '評論' },
  sentiment: { en: 'sentiment', 'zh-CN': '情绪', 'zh-TW': '情緒' },
  // Only in exports of customers: what the risk model says of them (the importer leaves these alone).
  riskScore: { en: 'risk score', 'zh-CN': '风险评分', 'zh-TW': '風險評分' },
  riskGrade: { en: 'risk grade', 'zh-CN': '风险等级', 'zh-TW': '風險等級' },
};

const BOOLEAN: Record<Locale, [string, string]> = { en: ['no', 'yes'], 'zh-CN': ['否', '是'], 'zh-TW': ['否', '是'] };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** An instant as local date and time, to the millisecond when it has one ("2024-03-05 09:30:00.250"). */
export function instantText(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const base = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return d.getMilliseconds() ? `${base}.${pad(d.getMilliseconds(), 3)}` : base;
}

/** A record's cell for one field, by the field's import type: what the importer reads back to the same value. */
export type CellOf = (record: Record<string, unknown>) => string | number | null;

/** The columns of an export of `kind`: header and cell per field, in the importer's field order. */
export function exportColumns(kind: ImportKind, locale: Locale): { field: string; header: string; cell: CellOf }[] {
  const stored = new Set(fieldsOf(kind).map(([f]) => f));
  return FIELDS[kind]
    .filter((d) => stored.has(d.field))
    .map((d) => {
      const header = EXPORT_HEADERS[d.field]?.[locale] ?? d.field;
      const field = d.field;
      let cell: CellOf;
      switch (d.type) {
        case 'amount':
          cell = (r) => (r[field] === null || r[field] === undefined ? null : Number(amountText(r[field] as number, minorDigits(String(r.currency || '')))));
          break;
        case 'instant':
          cell = (r) => instantText(r[field] as number | null);
          break;
        case 'boolean':
          cell = (r) => BOOLEAN[locale][r[field] ? 1 : 0];
          break;
        case 'integer':
          cell = (r) => (r[field] === null || r[field] === undefined ? null : Number(r[field]));
          break;
        case 'tags':
          cell = (r) => ((r[field] as string[]) ?? []).join(', ');
          break;
        case 'choice':
          cell = (r) => (typeof r[field] === 'number' ? (r[field] as number) : String(r[field] ?? ''));
          break;
        default:
          cell = (r) => String(r[field] ?? '');
      }
      return { field, header, cell };
    });
}
