// What each kind of import file can hold, and the headers (English, simplified and traditional
// Chinese) that map to each field automatically. A mapping is header index → field.

export const IMPORT_KINDS = ['customer', 'order', 'invoice', 'complaint', 'survey', 'interaction'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type FieldType = 'text' | 'date' | 'instant' | 'amount' | 'integer' | 'number' | 'boolean' | 'choice' | 'tags' | 'custom';

export interface FieldDef {
  field: string;
  type: FieldType;
  required?: boolean;
  /** Headers recognised for this field, compared after `normalizeHeader`. */
  headers: readonly string[];
  /** Read into the row but not a field of the record (quantity and unit price make an order's amount). */
  part?: boolean;
  /** Whether a column is mapped to it only when its values pass the field's check (see `mappingGuess`). */
  checked?: boolean;
}

/** The mapping value of a column kept as a custom field of the customer (its key from its header). */
export const CUSTOM = 'custom';

const customerId = (required = true): FieldDef => ({
  field: 'customerId', type: 'text', required,
  headers: ['customer id', 'customerid', 'customer', 'customer no', 'customer number', 'client id', 'account id', 'account', '客户编号', '客户代码', '客户id', '客户号', '客戶編號', '客戶代碼', '客戶id', '客戶號'],
});
const currency: FieldDef = { field: 'currency', type: 'text', headers: ['currency', 'ccy', '币种', '货币', '幣別', '幣種', '貨幣'] };
const amount: FieldDef = { field: 'amount', type: 'amount', required: true, checked: true, headers: ['amount', 'value', 'total', 'sum', 'net amount', '金额', '总额', '金額', '總額', '订单金额', '訂單金額', '发票金额', '發票金額'] };
const date = (required = true): FieldDef => ({ field: 'date', type: 'date', required, checked: true, headers: ['date', 'order date', 'day', '日期', '订单日期', '訂單日期', '下单日期', '下單日期', '调查日期', '調查日期', '联系日期', '聯繫日期'] });
const channel: FieldDef = { field: 'channel', type: 'choice', checked: true, headers: ['channel', 'via', '渠道', '方式', '通路', '管道'] };

export const FIELDS: Record<ImportKind, readonly FieldDef[]> = {
  customer: [
    { ...customerId(), field: 'id' },
    // Without a name column a new customer is named by its id.
    { field: 'name', type: 'text', headers: ['name', 'customer name', 'company', 'company name', 'client', '客户名称', '客户名', '公司名称', '名称', '客戶名稱', '客戶名', '公司名稱', '名稱'] },
    { field: 'industry', type: 'text', headers: ['industry', 'sector', '行业', '行業', '产业', '產業'] },
    { field: 'size', type: 'choice', checked: true, headers: ['size', 'company size', '规模', '規模', '企业规模', '企業規模'] },
    { field: 'region', type: 'text', headers: ['region', 'area', 'territory', 'province', 'city', '地区', '区域', '地區', '區域', '省份', '城市'] },
    { field: 'owner', type: 'text', headers: ['owner', 'account manager', 'sales rep', 'salesperson', '负责人', '客户经理', '销售', '負責人', '客戶經理', '業務'] },
    { field: 'tier', type: 'choice', checked: true, headers: ['tier', 'level', 'class', 'customer tier', '客户等级', '等级', '级别', '客戶等級', '等級', '級別'] },
    { field: 'since', type: 'date', checked: true, headers: ['since', 'customer since', 'created', 'start date', '合作开始', '开始日期', '建档日期', '合作開始', '開始日期', '建檔日期'] },
    { field: 'creditLimit', type: 'amount', checked: true, headers: ['credit limit', 'limit', '信用额度', '授信额度', '信用額度', '授信額度'] },
    currency,
    { field: 'paymentTermsDays', type: 'integer', checked: true, headers: ['payment terms', 'terms', 'terms days', '账期', '付款期限', '帳期', '付款條件'] },
    { field: 'contractEnd', type: 'date', checked: true, headers: ['contract end', 'contract end date', 'renewal', 'renewal date', '合同到期', '合同到期日', '合約到期', '合約到期日'] },
    { field: 'tags', type: 'tags', headers: ['tags', 'labels', '标签', '標籤'] },
    { field: 'notes', type: 'text', headers: ['notes', 'note', 'remarks', 'comment', '备注', '備註', '说明', '說明'] },
    { field: 'contact', type: 'text', headers: ['contact', 'contact person', 'contact name', '联系人', '聯絡人', '聯繫人'] },
    { field: 'phone', type: 'text', checked: true, headers: ['phone', 'telephone', 'mobile', 'tel', '电话', '手机', '電話', '手機'] },
    { field: 'email', type: 'text', checked: true, headers: ['email', 'e-mail', 'mail', '邮箱', '电子邮件', '郵箱', '電子郵件'] },
  ],
  order: [
    customerId(), date(), amount, currency,
    { field: 'category', type: 'text', headers: ['category', 'product', 'product line', '品类', '类别', '产品', '品類', '類別', '產品'] },
    // Line items: lines with one order number are one order, each line's amount its quantity × unit price.
    { field: 'orderId', type: 'text', headers: ['order', 'order id', 'order no', 'order number', 'invoice', 'invoice no', 'invoice number', 'invoiceno', '订单号', '订单编号', '单号', '訂單號', '訂單編號', '單號'] },
    { field: 'quantity', type: 'number', part: true, checked: true, headers: ['quantity', 'qty', 'units', '数量', '數量'] },
    { field: 'unitPrice', type: 'amount', part: true, checked: true, headers: ['unit price', 'unitprice', 'price', '单价', '單價', '价格', '價格'] },
  ],
  invoice: [
    customerId(),
    { field: 'invoiceId', type: 'text', required: true, headers: ['invoice', 'invoice id', 'invoice no', 'invoice number', '发票号', '发票编号', '发票号码', '發票號', '發票編號', '發票號碼'] },
    { field: 'issued', type: 'date', required: true, checked: true, headers: ['issued', 'invoice date', 'issue date', 'date', '开票日期', '发票日期', '日期', '開票日期', '發票日期'] },
    // Without one, an invoice is due its issue date plus the customer's payment terms (see the planner).
    { field: 'due', type: 'date', checked: true, headers: ['due', 'due date', '到期日', '到期日期', '应付日期', '應付日期'] },
    amount, currency,
    { field: 'paid', type: 'date', checked: true, headers: ['paid', 'paid on', 'payment date', 'paid date', '付款日期', '付款日', '回款日期', '收款日期'] },
    { field: 'paidAmount', type: 'amount', checked: true, headers: ['paid amount', 'amount paid', 'payment', '已付金额', '付款金额', '回款金额', '已付金額', '付款金額', '回款金額'] },
  ],
  complaint: [
    customerId(),
    { field: 'opened', type: 'instant', required: true, checked: true, headers: ['opened', 'date', 'created', 'complaint date', '投诉日期', '投诉时间', '日期', '投訴日期', '投訴時間'] },
    { field: 'firstResponse', type: 'instant', checked: true, headers: ['first response', 'responded', 'response', '首次响应', '响应时间', '首次回應', '回應時間'] },
    { field: 'resolved', type: 'instant', checked: true, headers: ['resolved', 'closed', 'resolved on', '解决时间', '解决日期', '结案', '解決時間', '解決日期', '結案'] },
    { field: 'severity', type: 'choice', checked: true, headers: ['severity', 'priority', '严重程度', '严重性', '优先级', '嚴重程度', '嚴重性', '優先級'] },
    { field: 'category', type: 'text', headers: ['category', 'type', 'complaint', 'complaint type', '投诉类型', '类别', '投诉', '投訴類型', '類別', '投訴'] },
    channel,
    { field: 'reopened', type: 'boolean', checked: true, headers: ['reopened', 're-opened', '重开', '重新打开', '重開', '重新開啟'] },
  ],
  survey: [
    customerId(), date(),
    { field: 'csat', type: 'integer', checked: true, headers: ['csat', 'satisfaction', 'score', '满意度', '满意度评分', '滿意度', '滿意度評分'] },
    { field: 'nps', type: 'integer', checked: true, headers: ['nps', 'recommend', 'likelihood to recommend', '推荐度', '净推荐值', '推薦度', '淨推薦值'] },
    { field: 'comment', type: 'text', headers: ['comment', 'comments', 'feedback', 'verbatim', '评论', '意见', '反馈', '評論', '意見', '回饋'] },
  ],
  interaction: [
    customerId(), date(), channel,
    { field: 'sentiment', type: 'choice', checked: true, headers: ['sentiment', 'tone', 'mood', '情绪', '态度', '情緒', '態度'] },
  ],
};

/** A header compared case- and width-insensitively, without spaces, underscores or a unit in brackets. */
export function normalizeHeader(h: string): string {
  return h.normalize('NFKC').toLowerCase().replace(/[（(][^)）]*[)）]/g, '').replace(/[\s_\-.:：*#]+/g, ' ').trim();
}

/** A header's words: camelCase and digits split ("PhoneService" is "phone service"), then normalised. */
export function headerWords(h: string): string {
  return normalizeHeader(h.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Za-z])(\d)/g, '$1 $2'));
}

const CJK = /[\u3400-\u9fff]/;

/**
 * Whether a header names a field: one of its headers (or the field's own name, as our export
 * writes it) exactly, or as whole words of a longer header ("Customer ID (CRM)", "Order Date"
 * but not "PhoneService" for phone nor "employment since" … see `mappingGuess`); Chinese headers,
 * which have no spaces between words, by containment.
 */
function names(def: FieldDef, h: string, words: string): 'exact' | 'words' | null {
  if (def.headers.includes(h) || normalizeHeader(def.field) === h) return 'exact';
  const padded = ` ${words} `;
  return def.headers.some((x) => (CJK.test(x) ? x.length >= 2 && h.includes(x) : padded.includes(` ${x} `))) ? 'words' : null;
}

export interface MappingGuess {
  mapping: (string | null)[];
  /** Per column, a field its header names but its values do not fit (left unmapped, suggested). */
  suggested: (string | null)[];
}

/**
 * Field per column (null: not imported) from the headers and the first rows, each field used
 * at most once: exact header names first, then whole words. A checked field (a date, an
 * amount, a phone, a tier …) is taken only when most of the column's sample values pass its
 * check (`fits`); else the column stays unmapped and the field is suggested for it. A
 * required field named exactly is the exception: unmapped it would stop the import with
 * "map a column", where mapped each bad cell is named by row and column.
 */
export function mappingGuess(kind: ImportKind, headers: readonly string[], samples: readonly (readonly string[])[] = [], fits: (def: FieldDef, cell: string) => boolean = () => true): MappingGuess {
  const defs = FIELDS[kind];
  const norm = headers.map(normalizeHeader);
  const words = headers.map(headerWords);
  const mapping: (string | null)[] = headers.map(() => null);
  const suggested: (string | null)[] = headers.map(() => null);
  const used = new Set<string>();
  // A header named in whole words is a weaker sign: its values are checked for any field.
  const valuesFit = (def: FieldDef, i: number, strength: 'exact' | 'words'): boolean => {
    if (!def.checked && strength === 'exact') return true;
    const cells = samples.map((r) => r[i] ?? '').filter((c) => c.trim());
    return !cells.length || cells.filter((c) => fits(def, c)).length >= Math.ceil(cells.length * 0.8);
  };
  for (const strength of ['exact', 'words'] as const) {
    norm.forEach((h, i) => {
      if (mapping[i] || !h) return;
      for (const def of defs) {
        if (used.has(def.field) || names(def, h, words[i]) !== strength) continue;
        // A required field named exactly is taken whatever its values: the row checks then name each bad cell.
        if (!(def.required && strength === 'exact') && !valuesFit(def, i, strength)) {
          suggested[i] ??= def.field;
          continue;
        }
        mapping[i] = def.field;
        suggested[i] = null;
        used.add(def.field);
        return;
      }
    });
  }
  return { mapping, suggested };
}

/** Field per column from the headers alone (see `mappingGuess`). */
export function autoMapping(kind: ImportKind, headers: readonly string[]): (string | null)[] {
  return mappingGuess(kind, headers).mapping;
}

/** The fields required for `kind` that `mapping` leaves out. */
export function missingRequired(kind: ImportKind, mapping: readonly (string | null)[]): string[] {
  // An order's amount may be its quantity × unit price.
  const priced = mapping.includes('quantity') && mapping.includes('unitPrice');
  return FIELDS[kind].filter((d) => d.required && !mapping.includes(d.field) && !(d.field === 'amount' && priced)).map((d) => d.field);
}

/** A key for a file layout (kind and headers), under which the user's mapping is remembered. */
export function layoutKey(kind: ImportKind, headers: readonly string[]): string {
  return `${kind}|${headers.map(normalizeHeader).join('|')}`;
}
