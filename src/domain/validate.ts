// Validation of customers and events entered by hand (and, later, imported). Returns
// Issue lists with stable codes; the interface translates them. Never throws on bad input.

import { isValidIso } from './dates';
import { CHANNELS, SEVERITIES, SIZES, TIERS, type BookEvent, type Customer, type Issue } from './types';

/** Explicit limits, so that a pasted novel is refused with a message, not stored. */
export const LIMITS = { id: 64, name: 200, text: 200, notes: 4000, tags: 20, tag: 40, amount: 1e15 } as const;

type Check = (issues: Issue[], column: string, value: unknown) => void;

const required: Check = (issues, column, value) => {
  if (typeof value !== 'string' || value.trim() === '') issues.push({ column, code: 'required' });
};
const maxLength = (max: number): Check => (issues, column, value) => {
  if (typeof value === 'string' && value.length > max) issues.push({ column, code: 'too_long', params: { max } });
};
const optionalDate: Check = (issues, column, value) => {
  if (value !== '' && !(typeof value === 'string' && isValidIso(value))) issues.push({ column, code: 'invalid_date' });
};
const requiredDate: Check = (issues, column, value) => {
  if (!(typeof value === 'string' && isValidIso(value))) issues.push({ column, code: value ? 'invalid_date' : 'required' });
};
const oneOf = (choices: readonly string[]): Check => (issues, column, value) => {
  if (!choices.includes(value as string)) issues.push({ column, code: 'invalid_choice' });
};
const integerIn = (min: number, max: number, nullable: boolean): Check => (issues, column, value) => {
  if (value === null && nullable) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) issues.push({ column, code: 'not_integer' });
  else if (value < min || value > max) issues.push({ column, code: 'out_of_range', params: { min, max } });
};

/** Checks per field, in order; the first that fails reports. Tables built once, not per record. */
type Rules = Record<string, Check[]>;

function run(subject: Record<string, unknown>, rules: Rules): Issue[] {
  const issues: Issue[] = [];
  for (const column in rules) {
    const checks = rules[column];
    for (const check of checks) {
      const before = issues.length;
      check(issues, column, subject[column]);
      if (issues.length > before) break;
    }
  }
  return issues;
}

/** What an e-mail address and a phone number may look like (the import's mapping guess checks cells by them too). */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE = /^[+()\d\s\-.]*$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const CUSTOMER_RULES: Rules = {
  id: [required, maxLength(LIMITS.id)],
  name: [required, maxLength(LIMITS.name)],
  industry: [maxLength(LIMITS.text)],
  size: [oneOf(['', ...SIZES])],
  region: [maxLength(LIMITS.text)],
  owner: [maxLength(LIMITS.text)],
  tier: [oneOf(TIERS)],
  since: [optionalDate],
  creditLimit: [integerIn(0, LIMITS.amount, true)],
  paymentTermsDays: [integerIn(0, 365, true)],
  contractEnd: [optionalDate],
  notes: [maxLength(LIMITS.notes)],
  contact: [maxLength(LIMITS.text)],
  phone: [maxLength(LIMITS.text)],
  email: [maxLength(LIMITS.text)],
};

/** Everything wrong with a customer's profile; [] when it can be saved. */
export function validateCustomer(c: Customer): Issue[] {
  const issues = run(c as unknown as Record<string, unknown>, CUSTOMER_RULES);
  if (!issues.some((i) => i.column === 'id') && CONTROL.test(c.id)) issues.push({ column: 'id', code: 'invalid_chars' });
  if (c.email && !issues.some((i) => i.column === 'email') && !EMAIL.test(c.email)) issues.push({ column: 'email', code: 'invalid_email' });
  if (c.phone && !PHONE.test(c.phone)) issues.push({ column: 'phone', code: 'invalid_phone' });
  if (c.tags.length > LIMITS.tags) issues.push({ column: 'tags', code: 'too_many', params: { max: LIMITS.tags } });
  else if (c.tags.some((t) => t.length > LIMITS.tag)) issues.push({ column: 'tags', code: 'too_long', params: { max: LIMITS.tag } });
  return issues;
}

const amount = integerIn(-LIMITS.amount, LIMITS.amount, false);
const instant = integerIn(0, 8.64e15, false);
const optInstant = integerIn(0, 8.64e15, true);

const EVENT_RULES: Record<BookEvent['kind'], Rules> = {
  order: { date: [requiredDate], amount: [amount], currency: [required], category: [maxLength(LIMITS.text)] },
  invoice: {
    invoiceId: [maxLength(LIMITS.text)], issued: [requiredDate], due: [requiredDate], amount: [amount],
    currency: [required], paid: [optionalDate], paidAmount: [integerIn(0, LIMITS.amount, false)],
  },
  complaint: {
    opened: [instant], firstResponse: [optInstant], resolved: [optInstant],
    severity: [oneOf(SEVERITIES)], category: [maxLength(LIMITS.text)], channel: [oneOf(CHANNELS)],
  },
  survey: { date: [requiredDate], csat: [integerIn(1, 5, true)], nps: [integerIn(0, 10, true)], comment: [maxLength(LIMITS.notes)] },
  interaction: { date: [requiredDate], channel: [oneOf(CHANNELS)], sentiment: [integerIn(-1, 1, false)] },
};

/** Everything wrong with an event; [] when it can be saved. */
export function validateEvent(e: BookEvent): Issue[] {
  const subject = e as unknown as Record<string, unknown>;
  switch (e.kind) {
    case 'order':
      return run(subject, EVENT_RULES.order);
    case 'invoice': {
      const issues = run(subject, EVENT_RULES.invoice);
      if (!issues.length && e.due < e.issued) issues.push({ column: 'due', code: 'before', params: { other: 'issued' } });
      if (!issues.length && e.paid && e.paid < e.issued) issues.push({ column: 'paid', code: 'before', params: { other: 'issued' } });
      return issues;
    }
    case 'complaint': {
      const issues = run(subject, EVENT_RULES.complaint);
      for (const column of ['firstResponse', 'resolved'] as const) {
        const v = e[column];
        if (!issues.length && v !== null && v < e.opened) issues.push({ column, code: 'before', params: { other: 'opened' } });
      }
      return issues;
    }
    case 'survey': {
      const issues = run(subject, EVENT_RULES.survey);
      if (!issues.length && e.csat === null && e.nps === null) issues.push({ column: 'csat', code: 'survey_empty' });
      return issues;
    }
    case 'interaction':
      return run(subject, EVENT_RULES.interaction);
  }
}
