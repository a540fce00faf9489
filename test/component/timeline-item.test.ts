import { render, screen } from '@testing-library/svelte';
import { describe, expect, test, vi } from 'vitest';
import TimelineItem from '../../src/ui/customer/TimelineItem.svelte';
import type { BatchId, BookEvent, CustomerId, EventId } from '../../src/domain/types';

vi.mock('../../src/state/today', () => ({ todayIso: () => '2026-06-30' }));
const base = { id: 1 as EventId, customerId: 'C1' as CustomerId, batch: 'demo' as BatchId };

describe('a timeline event', () => {
  test('an unpaid invoice past due says how many days', () => {
    const e: BookEvent = { ...base, kind: 'invoice', invoiceId: 'INV-9', issued: '2026-05-01', due: '2026-05-31', amount: 100_00, currency: 'USD', paid: '', paidAmount: 0 };
    render(TimelineItem, { event: e, onedit: () => {}, ondelete: () => {} });
    expect(screen.getByText(/30 days past due/)).toHaveClass('error');
  });
  test('a late payment says how late', () => {
    const e: BookEvent = { ...base, kind: 'invoice', invoiceId: '', issued: '2026-01-01', due: '2026-01-31', amount: 100_00, currency: 'USD', paid: '2026-02-10', paidAmount: 100_00 };
    render(TimelineItem, { event: e, onedit: () => {}, ondelete: () => {} });
    expect(screen.getByText(/paid 10 days late/)).toBeInTheDocument();
  });
  test('an open critical complaint shows its response time and that it is open', () => {
    const opened = Date.UTC(2026, 5, 1, 9);
    const e: BookEvent = { ...base, kind: 'complaint', opened, firstResponse: opened + 30 * 3_600_000, resolved: null, severity: 'critical', category: 'quality', channel: 'call', reopened: true };
    render(TimelineItem, { event: e, onedit: () => {}, ondelete: () => {} });
    expect(screen.getByText('Critical')).toHaveClass('error');
    expect(screen.getByText('open')).toHaveClass('error');
    expect(screen.getByText(/30 hours/)).toBeInTheDocument();
  });
  test('edit and delete call back', async () => {
    const onedit = vi.fn(), ondelete = vi.fn();
    render(TimelineItem, { event: { ...base, kind: 'interaction', date: '2026-01-01', channel: 'visit', sentiment: -1 }, onedit, ondelete });
    expect(screen.getByText('Visit · Negative')).toBeInTheDocument();
    screen.getByRole('button', { name: 'Edit' }).click();
    screen.getByRole('button', { name: 'Delete' }).click();
    expect(onedit).toHaveBeenCalledOnce();
    expect(ondelete).toHaveBeenCalledOnce();
  });
});
