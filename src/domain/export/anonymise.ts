// Anonymised export (DESIGN §6): names, personal data and free text replaced by pseudonyms
// derived from the record and a secret salt kept in the workspace, so that the same customer
// gets the same pseudonym in every file of an export (customers and their orders still join)
// while nobody without the salt can go back. Figures, dates, grades and categories are kept.

import type { Customer, Locale } from '../types';

/** 53 bits of a string under a seed (cyrb53): 100,000 ids collide with odds below one in a million. */
export function hash53(s: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed, h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const WORDS: Record<Locale, { customer: string; contact: string; owner: string }> = {
  en: { customer: 'Customer', contact: 'Contact', owner: 'Manager' },
  'zh-CN': { customer: '客户', contact: '联系人', owner: '经理' },
  'zh-TW': { customer: '客戶', contact: '聯絡人', owner: '經理' },
};

export class Pseudonyms {
  private readonly seed: number;

  /** `salt`: the workspace's secret (see `pseudonymSalt`). */
  constructor(salt: string, private readonly locale: Locale) {
    this.seed = hash53(salt, 0x9e3779b9) % 4294967296;
  }

  /** A code for `text` in `space` (ids and names of one space never meet another's). */
  code(space: string, text: string): string {
    return hash53(`${space}\u0000${text}`, this.seed).toString(36).toUpperCase().padStart(11, '0');
  }

  id(id: string): string {
    return `A${this.code('id', id)}`;
  }

  /** The customer with its identifying fields replaced; figures and classifications kept. */
  customer(c: Customer): Customer {
    const code = this.code('id', c.id);
    const w = WORDS[this.locale];
    return {
      ...c,
      id: this.id(c.id) as Customer['id'],
      name: `${w.customer} ${code.slice(-6)}`,
      owner: c.owner ? `${w.owner} ${this.code('owner', c.owner).slice(-4)}` : '',
      contact: c.contact ? `${w.contact} ${code.slice(-6)}` : '',
      phone: '',
      email: c.email ? `${code.toLowerCase()}@example.invalid` : '',
      notes: '',
    };
  }

  /** An event with its customer id pseudonymised and its free text dropped. */
  event<E extends { customerId: string }>(e: E): E {
    const out: Record<string, unknown> = { ...e, customerId: this.id(e.customerId) };
    if ('comment' in out) out.comment = '';
    if (typeof out.invoiceId === 'string' && out.invoiceId) out.invoiceId = `I${this.code('invoice', out.invoiceId)}`;
    return out as E;
  }
}
