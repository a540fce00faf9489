// What an imported record is before its row's cells are set: a new customer's empty profile,
// and per kind of event its defaults (what an empty cell leaves) and its one object shape.

import type { Customer, EventKind } from '../types';

export const EMPTY_CUSTOMER: Omit<Customer, 'id' | 'name' | 'batch' | 'updatedAt' | 'currency'> = {
  industry: '', size: '', region: '', owner: '', tier: 'general', since: '', creditLimit: null, paymentTermsDays: null, contractEnd: '', tags: [], notes: '', contact: '', phone: '', email: '',
};

export const EVENT_DEFAULTS: Record<EventKind, Record<string, unknown>> = {
  order: { category: '', orderId: '' },
  invoice: { paid: '', paidAmount: 0 },
  complaint: { firstResponse: null, resolved: null, severity: 'medium', category: '', channel: 'call', reopened: false },
  survey: { csat: null, nps: null, comment: '' },
  interaction: { channel: 'call', sentiment: 0 },
};

/** An event of each kind with its defaults, as an object literal (one shape per kind; a spread per row costs). */
export const BLANK_EVENT: Record<EventKind, (batch: string) => Record<string, unknown>> = {
  order: (batch) => ({ id: 0, kind: 'order', customerId: '', date: '', amount: 0, currency: '', category: '', orderId: '', batch }),
  invoice: (batch) => ({ id: 0, kind: 'invoice', customerId: '', invoiceId: '', issued: '', due: '', amount: 0, currency: '', paid: '', paidAmount: 0, batch }),
  complaint: (batch) => ({
    id: 0, kind: 'complaint', customerId: '', opened: 0, firstResponse: null, resolved: null, severity: 'medium', category: '', channel: 'call', reopened: false, currency: '', batch,
  }),
  survey: (batch) => ({ id: 0, kind: 'survey', customerId: '', date: '', csat: null, nps: null, comment: '', currency: '', batch }),
  interaction: (batch) => ({ id: 0, kind: 'interaction', customerId: '', date: '', channel: 'call', sentiment: 0, currency: '', batch }),
};
