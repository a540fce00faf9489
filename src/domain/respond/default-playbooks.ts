// The playbooks Custos ships (DESIGN §4): for each dimension, the four classic strategies made
// concrete, each a list of steps with due-date offsets, in the three interface languages.

import type { Playbook } from './playbooks';

type T = { en: string; 'zh-CN': string; 'zh-TW': string };
const t = (en: string, zhCN: string, zhTW: string): T => ({ en, 'zh-CN': zhCN, 'zh-TW': zhTW });
const step = (offsetDays: number, title: T, strategy?: Playbook['strategy']) => ({ offsetDays, title, ...(strategy ? { strategy } : {}) });

export const DEFAULT_PLAYBOOKS: Playbook[] = [
  {
    id: 'credit-collect', dimension: 'credit', strategy: 'reduce', name: t('Collect what is overdue', '催收逾期款项', '催收逾期款項'),
    indicators: ['credit.max_days_past_due', 'credit.overdue_share', 'credit.late_share_12m', 'credit.avg_days_late'],
    steps: [
      step(1, t('Send a payment reminder listing the overdue invoices', '发送付款提醒，列明逾期发票', '發送付款提醒，列明逾期發票')),
      step(3, t('Call the customer’s accounts payable and agree a payment date', '致电客户财务，约定付款日期', '致電客戶財務，約定付款日期')),
      step(7, t('Send a formal dunning letter', '发出正式催款函', '發出正式催款函')),
      step(14, t('Hold new orders until paid; decide on a collection agency', '暂停新订单直至付清；决定是否委托催收', '暫停新訂單直至付清；決定是否委託催收'), 'avoid'),
    ],
  },
  {
    id: 'credit-limit', dimension: 'credit', strategy: 'reduce', name: t('Lower the credit limit', '下调信用额度', '下調信用額度'),
    indicators: ['credit.limit_utilisation'],
    steps: [
      step(1, t('Review the limit against the last 12 months of payments', '对照近12个月付款记录复核额度', '對照近12個月付款紀錄複核額度')),
      step(3, t('Agree the lower limit with the customer in writing', '与客户书面确认新的较低额度', '與客戶書面確認新的較低額度')),
      step(14, t('Check the open balance against the new limit', '核对未结余额是否在新额度内', '核對未結餘額是否在新額度內')),
    ],
  },
  {
    id: 'credit-prepay', dimension: 'credit', strategy: 'avoid', name: t('Require prepayment', '要求预付款', '要求預付款'),
    steps: [
      step(1, t('Tell the customer new orders need prepayment or cash on delivery', '通知客户新订单须预付或货到付款', '通知客戶新訂單須預付或貨到付款')),
      step(30, t('Review whether normal terms can be restored', '评估能否恢复正常账期', '評估能否恢復正常帳期')),
    ],
  },
  {
    id: 'credit-insure', dimension: 'credit', strategy: 'transfer', name: t('Insure or factor the receivables', '投保信用险或保理应收款', '投保信用險或保理應收款'),
    steps: [
      step(3, t('Ask the credit insurer for cover on this customer', '向信用保险公司申请该客户的承保', '向信用保險公司申請該客戶的承保')),
      step(14, t('Confirm the cover, or factor the open invoices', '确认承保，或将未结发票保理', '確認承保，或將未結發票保理')),
    ],
  },
  {
    id: 'churn-retain', dimension: 'churn', strategy: 'reduce', name: t('Win the customer back', '挽留客户', '挽留客戶'),
    indicators: ['churn.days_since_order', 'churn.recency_vs_rhythm', 'churn.probability_alive', 'churn.orders_90d_vs_prev', 'churn.revenue_90d_vs_prev'],
    steps: [
      step(1, t('Retention call: ask how things are going and what has changed', '挽留电话：了解近况及变化原因', '挽留電話：了解近況及變化原因')),
      step(3, t('Send an offer tailored to what they used to buy', '根据其购买习惯发送专属优惠', '根據其購買習慣發送專屬優惠')),
      step(14, t('Follow up on the offer and note the answer', '跟进优惠反馈并记录结果', '跟進優惠回饋並記錄結果')),
    ],
  },
  {
    id: 'churn-sponsor', dimension: 'churn', strategy: 'reduce', name: t('Executive sponsor for the renewal', '高层出面推动续约', '高層出面推動續約'),
    indicators: ['churn.days_to_contract_end'],
    steps: [
      step(3, t('Ask an executive sponsor to meet the customer’s decision maker', '请高层与客户决策人会面', '請高層與客戶決策人會面')),
      step(7, t('Propose the renewal terms', '提出续约条款', '提出續約條款')),
      step(30, t('Confirm the renewal is signed', '确认续约已签署', '確認續約已簽署')),
    ],
  },
  {
    id: 'churn-accept', dimension: 'churn', strategy: 'accept', name: t('Let the customer go', '接受客户流失', '接受客戶流失'),
    steps: [step(7, t('Record why the customer left and stop active selling', '记录流失原因并停止主动销售', '記錄流失原因並停止主動銷售'))],
  },
  {
    id: 'service-recover', dimension: 'service', strategy: 'reduce', name: t('Recover the service', '服务补救', '服務補救'),
    steps: [
      step(1, t('Escalate the open complaints to a team lead', '将未结投诉升级至主管', '將未結投訴升級至主管')),
      step(7, t('Find and record the root cause', '查明并记录根本原因', '查明並記錄根本原因')),
      step(14, t('Send a service-recovery follow-up survey', '发送服务补救回访问卷', '發送服務補救回訪問卷')),
    ],
  },
  {
    id: 'satisfaction-plan', dimension: 'satisfaction', strategy: 'reduce', name: t('Improvement plan', '满意度改进计划', '滿意度改進計畫'),
    steps: [
      step(3, t('Call to understand the low score', '致电了解低分原因', '致電了解低分原因')),
      step(7, t('Agree an improvement plan with the customer', '与客户商定改进计划', '與客戶商定改進計畫')),
      step(30, t('Survey again', '再次调查满意度', '再次調查滿意度')),
    ],
  },
  {
    id: 'engagement-contact', dimension: 'engagement', strategy: 'reduce', name: t('Get back in touch', '恢复联系', '恢復聯繫'),
    steps: [
      step(1, t('Plan a visit or a call', '安排拜访或电话', '安排拜訪或電話')),
      step(14, t('Check the contact happened and note the mood', '确认已联系并记录客户态度', '確認已聯繫並記錄客戶態度')),
    ],
  },
  {
    id: 'data-clean', dimension: 'data', strategy: 'reduce', name: t('Clean up the record', '清理客户资料', '清理客戶資料'),
    steps: [
      step(1, t('Fill in the missing profile fields', '补全缺失的资料字段', '補全缺失的資料欄位')),
      step(7, t('Merge or remove suspected duplicates', '合并或删除疑似重复记录', '合併或刪除疑似重複紀錄')),
    ],
  },
  {
    id: 'dependency-diversify', dimension: 'dependency', strategy: 'reduce', name: t('Diversify the revenue', '分散收入来源', '分散收入來源'),
    steps: [
      step(14, t('Name other customers to grow in the same segment', '在同一细分市场中确定可发展的其他客户', '在同一細分市場中確定可發展的其他客戶')),
      step(60, t('Review this customer’s share of revenue', '复核该客户的收入占比', '複核該客戶的收入占比')),
    ],
  },
];
