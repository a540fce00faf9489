import { render, screen } from '@testing-library/svelte';
import { describe, expect, test } from 'vitest';
import CustomerRowView from '../../src/ui/customers/CustomerRowView.svelte';
import type { CustomerRow } from '../../src/domain/query';
import type { CustomerId } from '../../src/domain/types';

const row: CustomerRow = {
  id: 'C000042' as CustomerId, name: 'Northwood Machinery Inc', industry: 'Manufacturing', size: 'large', region: 'West', owner: 'Alice Chen',
  tier: 'key', tags: [], currency: 'USD', revenue12m: 1_234_567_89, lastOrder: '2026-10-31', openBalance: 5000_00, overdueBalance: 0, daysPastDue: 0, events: 12,
  score: 62.4, grade: 'high', computedGrade: 'high', trend: 6,
};

describe('a customer list line', () => {
  test('shows name, id, tier, revenue in the currency, and links to the customer', () => {
    render(CustomerRowView, { row });
    expect(screen.getByText('Northwood Machinery Inc')).toBeInTheDocument();
    expect(screen.getByText(/C000042 · Key · Manufacturing · West/)).toBeInTheDocument();
    expect(screen.getByText('$1,234,567.89')).toBeInTheDocument();
    expect(screen.getByRole('link')).toHaveAttribute('href', '#/customers/C000042');
  });
  test('an overdue balance is marked as such', () => {
    const { container } = render(CustomerRowView, { row: { ...row, overdueBalance: 250_00 } });
    expect(container.querySelector('.line')).toHaveClass('late');
    expect(screen.getByText('Overdue $250.00')).toHaveClass('error');
  });
  test('with the days past due of the oldest overdue invoice', () => {
    render(CustomerRowView, { row: { ...row, overdueBalance: 250_00, daysPastDue: 47 } });
    expect(screen.getByText('Overdue $250.00 · 47 days')).toHaveClass('error');
  });
  test('a row still on its way is a busy placeholder', () => {
    const { container } = render(CustomerRowView, { row: undefined });
    expect(container.querySelector('[aria-busy=true]')).toBeInTheDocument();
  });
});
