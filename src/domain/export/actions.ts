// The actions of a book as a table to take away (DESIGN §6): one row per action with the
// customer, the playbook step, who owns it and when it is due, how it ended, and the customer's
// score and grade when it was created, when it was closed and thirty days later — what a manager
// reviews in a spreadsheet. Words in the user's language; codes where a program reads them.

import type { Locale } from '../types';
import type { Action, EffectPoint } from '../respond/actions';

type Words = Record<Locale, string>;
type Cell = string | number | null;

const STATUS: Record<Action['status'], Words> = {
  open: { en: 'open', 'zh-CN': '未完成', 'zh-TW': '未完成' },
  done: { en: 'done', 'zh-CN': '已完成', 'zh-TW': '已完成' },
  skipped: { en: 'skipped', 'zh-CN': '已跳过', 'zh-TW': '已略過' },
};
const STRATEGY: Record<Action['strategy'], Words> = {
  avoid: { en: 'avoid', 'zh-CN': '规避', 'zh-TW': '規避' },
  reduce: { en: 'reduce', 'zh-CN': '降低', 'zh-TW': '降低' },
  transfer: { en: 'transfer', 'zh-CN': '转移', 'zh-TW': '轉移' },
  accept: { en: 'accept', 'zh-CN': '接受', 'zh-TW': '接受' },
};
const GRADE: Record<string, Words> = {
  low: { en: 'low', 'zh-CN': '低', 'zh-TW': '低' },
  medium: { en: 'medium', 'zh-CN': '中', 'zh-TW': '中' },
  high: { en: 'high', 'zh-CN': '高', 'zh-TW': '高' },
  critical: { en: 'critical', 'zh-CN': '严重', 'zh-TW': '嚴重' },
  insufficient: { en: 'insufficient data', 'zh-CN': '数据不足', 'zh-TW': '資料不足' },
};

/** An action with its customer's name, as the export reads it. */
export type ActionRow = Action & { customerName: string };

const score = (p: EffectPoint | null | undefined): Cell => (p && p.score !== null ? Math.round(p.score * 10) / 10 : null);
const grade = (p: EffectPoint | null | undefined, locale: Locale): Cell => (p ? GRADE[p.grade]?.[locale] ?? p.grade : '');

/** The columns of an actions export: header in the user's language, and the cell of a row. */
export function actionColumns(locale: Locale): { field: string; header: string; cell: (a: ActionRow) => Cell }[] {
  const col = (field: string, header: Words, cell: (a: ActionRow) => Cell) => ({ field, header: header[locale], cell });
  return [
    col('customerId', { en: 'customer id', 'zh-CN': '客户编号', 'zh-TW': '客戶編號' }, (a) => a.customerId),
    col('customerName', { en: 'customer name', 'zh-CN': '客户名称', 'zh-TW': '客戶名稱' }, (a) => a.customerName),
    col('playbook', { en: 'playbook', 'zh-CN': '应对方案', 'zh-TW': '應對方案' }, (a) => a.playbookId ?? ''),
    col('step', { en: 'step', 'zh-CN': '步骤', 'zh-TW': '步驟' }, (a) => (a.step === undefined ? null : a.step + 1)),
    col('strategy', { en: 'strategy', 'zh-CN': '策略', 'zh-TW': '策略' }, (a) => STRATEGY[a.strategy][locale]),
    col('title', { en: 'action', 'zh-CN': '行动', 'zh-TW': '行動' }, (a) => a.title),
    col('owner', { en: 'owner', 'zh-CN': '负责人', 'zh-TW': '負責人' }, (a) => a.owner),
    col('due', { en: 'due', 'zh-CN': '截止日期', 'zh-TW': '截止日期' }, (a) => a.due),
    col('status', { en: 'status', 'zh-CN': '状态', 'zh-TW': '狀態' }, (a) => STATUS[a.status][locale]),
    col('outcome', { en: 'outcome', 'zh-CN': '结果', 'zh-TW': '結果' }, (a) => a.outcome),
    col('created', { en: 'created', 'zh-CN': '创建日期', 'zh-TW': '建立日期' }, (a) => a.created),
    col('closed', { en: 'closed', 'zh-CN': '关闭日期', 'zh-TW': '關閉日期' }, (a) => a.closed ?? ''),
    col('scoreBefore', { en: 'score before', 'zh-CN': '之前评分', 'zh-TW': '之前評分' }, (a) => score(a.before)),
    col('gradeBefore', { en: 'grade before', 'zh-CN': '之前等级', 'zh-TW': '之前等級' }, (a) => grade(a.before, locale)),
    col('scoreAfter', { en: 'score at close', 'zh-CN': '关闭时评分', 'zh-TW': '關閉時評分' }, (a) => score(a.after)),
    col('gradeAfter', { en: 'grade at close', 'zh-CN': '关闭时等级', 'zh-TW': '關閉時等級' }, (a) => grade(a.after, locale)),
    col('scoreLater', { en: 'score 30 days after', 'zh-CN': '30 天后评分', 'zh-TW': '30 天後評分' }, (a) => score(a.later)),
    col('gradeLater', { en: 'grade 30 days after', 'zh-CN': '30 天后等级', 'zh-TW': '30 天後等級' }, (a) => grade(a.later, locale)),
  ];
}
