// Receivables age from the due date: an invoice file without one (an ordinary export of invoice
// number, date and amount) gets each invoice due its issue date plus its customer's payment terms,
// and a customer without terms has its rows rejected, named — by the row-by-row path and by the
// chunked one that big files take.
import { afterAll, expect, test } from 'vitest';
import { engine } from '../../src/worker/client';
import { got } from '../support/result';

const api = engine();
const created: string[] = [];
afterAll(async () => {
  for (const id of created) await api.deleteWorkspace({ id });
});

test('invoices without a due date: due on issue plus the customer’s terms; none without terms', async () => {
  const w = got(await api.createWorkspace({ name: 'Terms', locale: 'en' }));
  created.push(w.id);
  const customers = new File(['id,name,payment terms\nC1,Acme,30\nC2,Beta,\n'], 'customers.csv');
  const pc = got(await api.previewImport({ file: customers, options: { kind: 'customer' } }));
  got(await api.commitImport({ token: pc.token }));
  const invoices = new File(['customer,invoice,date,amount\nC1,INV-1,2026-03-01,100.00\nC2,INV-2,2026-03-05,50.00\nC1,INV-3,2026-04-10,20.00\n'], 'invoices.csv');
  const p = got(await api.previewImport({ file: invoices, options: { kind: 'invoice' } }));
  expect(p.counts).toMatchObject({ rows: 3, new: 2, rejected: 1 });
  expect(p.problems).toEqual([{ row: 3, column: 'due', code: 'due_from_terms' }]);
  got(await api.commitImport({ token: p.token }));
  const c1 = got(await api.getCustomer({ id: 'C1' }));
  const dues = c1.events.filter((e) => e.kind === 'invoice').map((e) => (e.kind === 'invoice' ? [e.invoiceId, e.issued, e.due] : []));
  expect(dues.sort()).toEqual([['INV-1', '2026-03-01', '2026-03-31'], ['INV-3', '2026-04-10', '2026-05-10']]);

  // A quoted header takes the row-by-row path: the same rule.
  const quoted = new File(['"customer","invoice","date","amount"\nC2,INV-4,2026-03-05,50.00\nC1,INV-5,2026-06-01,70.00\n'], 'quoted.csv');
  const q = got(await api.previewImport({ file: quoted, options: { kind: 'invoice' } }));
  expect(q.counts).toMatchObject({ rows: 2, new: 1, rejected: 1 });
  expect(q.problems).toEqual([{ row: 2, column: 'due', code: 'due_from_terms' }]);
  got(await api.commitImport({ token: q.token }));
  const inv5 = got(await api.getCustomer({ id: 'C1' })).events.find((e) => e.kind === 'invoice' && e.invoiceId === 'INV-5');
  expect(inv5 && inv5.kind === 'invoice' ? inv5.due : null).toBe('2026-07-01');
});
