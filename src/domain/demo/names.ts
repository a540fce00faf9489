// Locale-specific vocabulary of the demo books: company names, regions, people, tags.
// Names are built from the customer's index by a bijection, so no two are the same.

import type { Locale } from '../types';

interface Vocabulary {
  /** City and the region it belongs to. */
  cities: [string, string][];
  brands: string[];
  /** Second part of a brand, never the same list as the first, so no 'NorthNorth'. */
  brands2: string[];
  /** Industry name and the word it puts in a company name. */
  industries: [string, string][];
  companyName(city: string, b1: string, b2: string, word: string, variant: number): string;
  surnames: string[];
  given: string[];
  person(surname: string, given: string): string;
  owners: string[];
  tags: string[];
  orderCategories: string[];
  complaintCategories: string[];
  detractorComments: string[];
  praiseComments: string[];
  currency: string;
  phone(digits: string): string;
}

const ZH_BRANDS = '华盛鼎恒达信瑞丰安泰宏远通博嘉源汇隆兴锦创新宇辰';
const TW_BRANDS = '華盛鼎恆達信瑞豐安泰宏遠通博嘉源匯隆興錦創新宇辰';

const zhCN: Vocabulary = {
  cities: [
    ['上海', '华东'], ['杭州', '华东'], ['南京', '华东'], ['苏州', '华东'], ['北京', '华北'], ['天津', '华北'],
    ['广州', '华南'], ['深圳', '华南'], ['厦门', '华南'], ['武汉', '华中'], ['长沙', '华中'], ['成都', '西南'],
    ['重庆', '西南'], ['西安', '西北'], ['沈阳', '东北'],
  ],
  brands: [...ZH_BRANDS],
  brands2: [...'通顺发利鑫明光德福康美佳和元昌荣星海天成力祥运晟'],
  industries: [
    ['制造', '机械'], ['零售', '商贸'], ['物流', '物流'], ['科技', '科技'], ['餐饮', '餐饮'], ['建筑', '建设'],
    ['医疗', '医药'], ['教育', '教育'], ['金融', '投资'], ['能源', '能源'], ['传媒', '文化传媒'], ['农业', '农业'],
  ],
  companyName: (city, b1, b2, word, variant) => `${city}${b1}${b2}${word}${variant % 3 === 0 ? '股份有限公司' : '有限公司'}`,
  surnames: [...'王李张刘陈杨黄赵吴周'],
  given: ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '晓东', '海燕'],
  person: (s, g) => s + g,
  owners: ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强'],
  tags: ['战略', '出口', '渠道', '新客户', '政府', '连锁'],
  orderCategories: ['产品', '服务', '备件', '订阅'],
  complaintCategories: ['质量', '交付', '账单', '服务态度'],
  detractorComments: ['交货一再延误', '质量明显下降', '客服回复太慢', '价格上涨却没有说明'],
  praiseComments: ['合作顺利', '响应及时', '质量稳定'],
  currency: 'CNY',
  phone: (d) => `1${d.slice(0, 2)}${d.slice(2, 6)}${d.slice(6, 10)}`,
};

const zhTW: Vocabulary = {
  ...zhCN,
  cities: [
    ['台北', '北部'], ['新北', '北部'], ['基隆', '北部'], ['桃園', '北部'], ['新竹', '北部'], ['宜蘭', '東部'],
    ['台中', '中部'], ['彰化', '中部'], ['嘉義', '南部'], ['台南', '南部'], ['高雄', '南部'], ['屏東', '南部'],
    ['花蓮', '東部'], ['香港', '港澳'], ['澳門', '港澳'],
  ],
  brands: [...TW_BRANDS],
  brands2: [...'通順發利鑫明光德福康美佳和元昌榮星海天成力祥運晟'],
  industries: [
    ['製造', '機械'], ['零售', '商貿'], ['物流', '物流'], ['科技', '科技'], ['餐飲', '餐飲'], ['建築', '營造'],
    ['醫療', '醫藥'], ['教育', '教育'], ['金融', '投資'], ['能源', '能源'], ['傳媒', '文化傳媒'], ['農業', '農業'],
  ],
  surnames: [...'王李張劉陳楊黃趙吳周'],
  given: ['偉', '芳', '娜', '敏', '靜', '麗', '強', '磊', '軍', '洋', '曉東', '海燕'],
  owners: ['張偉', '王芳', '李娜', '劉洋', '陳靜', '楊磊', '趙敏', '黃強'],
  tags: ['策略', '出口', '通路', '新客戶', '政府', '連鎖'],
  orderCategories: ['產品', '服務', '備件', '訂閱'],
  complaintCategories: ['品質', '交付', '帳單', '服務態度'],
  detractorComments: ['交貨一再延誤', '品質明顯下降', '客服回覆太慢', '漲價卻沒有說明'],
  praiseComments: ['合作順利', '回應及時', '品質穩定'],
  currency: 'TWD',
  phone: (d) => `09${d.slice(0, 2)}-${d.slice(2, 5)}-${d.slice(5, 8)}`,
};

const en: Vocabulary = {
  cities: [
    ['Boston', 'Northeast'], ['New York', 'Northeast'], ['Philadelphia', 'Northeast'], ['Chicago', 'Midwest'],
    ['Detroit', 'Midwest'], ['Minneapolis', 'Midwest'], ['Atlanta', 'South'], ['Dallas', 'South'], ['Miami', 'South'],
    ['Nashville', 'South'], ['Denver', 'West'], ['Seattle', 'West'], ['Portland', 'West'], ['San Diego', 'West'],
    ['Phoenix', 'West'],
  ],
  brands: [
    'North', 'Blue', 'Silver', 'Oak', 'Harbor', 'Summit', 'River', 'Stone', 'Bright', 'Cedar', 'Iron', 'Golden',
    'Maple', 'Pine', 'Red', 'Clear', 'Eagle', 'Falcon', 'Lake', 'Prairie', 'Granite', 'Coastal', 'Pioneer', 'Union',
  ],
  brands2: [
    'wood', 'field', 'gate', 'bridge', 'point', 'view', 'ridge', 'stone', 'brook', 'haven', 'crest', 'dale',
    'ford', 'mont', 'side', 'vale', 'well', 'worth', 'line', 'way', 'land', 'port', 'star', 'peak',
  ],
  industries: [
    ['Manufacturing', 'Machinery'], ['Retail', 'Trading'], ['Logistics', 'Logistics'], ['Technology', 'Technologies'],
    ['Food & beverage', 'Foods'], ['Construction', 'Builders'], ['Healthcare', 'Health'], ['Education', 'Learning'],
    ['Finance', 'Capital'], ['Energy', 'Energy'], ['Media', 'Media'], ['Agriculture', 'Farms'],
  ],
  companyName: (city, b1, b2, word, variant) =>
    `${b1}${b2} ${word} ${['Inc', 'LLC', 'Ltd', 'Co', 'Group', 'Partners'][variant % 6]} (${city})`,
  surnames: ['Chen', 'Carter', 'Davis', 'Evans', 'Foster', 'Garcia', 'Hughes', 'Kim', 'Lopez', 'Patel'],
  given: ['Alice', 'Ben', 'Chloe', 'Daniel', 'Emma', 'Frank', 'Grace', 'Henry', 'Isla', 'Jack', 'Maya', 'Noah'],
  person: (s, g) => `${g} ${s}`,
  owners: ['Alice Chen', 'Ben Carter', 'Chloe Davis', 'Daniel Evans', 'Emma Foster', 'Frank Green', 'Grace Hill', 'Henry Irving'],
  tags: ['strategic', 'export', 'channel', 'new', 'public sector', 'chain'],
  orderCategories: ['product', 'service', 'spare parts', 'subscription'],
  complaintCategories: ['quality', 'delivery', 'billing', 'attitude'],
  detractorComments: ['Deliveries keep slipping', 'Quality has dropped', 'Support is far too slow', 'Prices went up without notice'],
  praiseComments: ['Smooth cooperation', 'Quick to respond', 'Reliable quality'],
  currency: 'USD',
  phone: (d) => `+1 555 ${d.slice(0, 3)} ${d.slice(3, 7)}`,
};

export const VOCABULARY: Record<Locale, Vocabulary> = { 'zh-CN': zhCN, 'zh-TW': zhTW, en };

/** How many distinct company names a locale can make. */
export function nameSpace(v: Vocabulary): number {
  return v.cities.length * v.brands.length * v.brands2.length * v.industries.length;
}

/** Company facts of name number `n` (0 ≤ n < nameSpace): a bijection, so names never repeat. */
export function companyOf(v: Vocabulary, n: number) {
  const city = v.cities[n % v.cities.length];
  n = Math.floor(n / v.cities.length);
  const b1 = v.brands[n % v.brands.length];
  n = Math.floor(n / v.brands.length);
  const b2 = v.brands2[n % v.brands2.length];
  n = Math.floor(n / v.brands2.length);
  const industry = v.industries[n % v.industries.length];
  return { city: city[0], region: city[1], industry: industry[0], name: v.companyName(city[0], b1, b2, industry[1], n + b1.length) };
}

/** A second spelling of the same company, as a hurried clerk would type it. */
export function variantName(locale: Locale, name: string): string {
  if (locale === 'en') return name.replace(/ (Inc|LLC|Ltd|Co|Group|Partners) \(/, ' (').toUpperCase();
  return name.replace(/(股份)?有限公司$/, '');
}
