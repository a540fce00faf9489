// What an alert says fired, with its figures, in the user's language: the invoice, the days and
// the amount of an overdue invoice; a percentage for the rules measured in shares; the grades
// of a worsened grade; nothing invented for an alert raised before its figures were kept.
import { describe, expect, test } from 'vitest';
import { firedText } from '../../src/ui/risk/alert-text';
import { t18 } from '../../src/state/i18n.svelte';
import type { AlertView } from '../../src/worker/api';
import type { AlertFacts } from '../../src/domain/risk/alerts';

const alert = (ruleId: string, facts?: AlertFacts): AlertView =>
  ({ id: 'a', customerId: 'C1', ruleId, facts, currency: 'CNY', name: 'n', grade: 'high', tier: 'key', overdue: 0, atRisk: 0, actions: [], proposal: null }) as unknown as AlertView;

describe('an alert in words', () => {
  test('an overdue invoice: its number, its days, the overdue total and the threshold', () => {
    t18.set('en');
    expect(firedText(alert('days-past-due', { value: 64, threshold: 30, amount: 1_240_000, currency: 'CNY', invoice: 'INV-7', days: 64 }))).toBe(
      'Invoice INV-7 is 64 days overdue; CN¥12,400.00 overdue in all (threshold 30 days).',
    );
    t18.set('zh-CN');
    const zh = firedText(alert('days-past-due', { value: 64, threshold: 30, amount: 1_240_000, currency: 'CNY', invoice: 'INV-7', days: 64 }));
    expect(zh).toContain('INV-7');
    expect(zh).toContain('64');
    expect(zh).toContain('¥12,400.00');
    t18.set('en');
  });
  test('shares as percentages, a drop with its sign, grades by name', () => {
    t18.set('en');
    expect(firedText(alert('alive-low', { value: 0.18, threshold: 0.3 }))).toBe('Probability alive 18%, below 30%.');
    expect(firedText(alert('limit-exceeded', { value: 1.25, threshold: 1, amount: 500_000, currency: 'CNY' }))).toBe('Open balance CN¥5,000.00 is 125% of the credit limit.');
    expect(firedText(alert('csat-drop', { value: -2, threshold: 1.5 }))).toBe('CSAT -2 against the answers before (alert at a drop of 1.5).');
    expect(firedText(alert('grade-worsened', { value: 3, threshold: 1 }))).toBe('From Medium to Critical.');
    expect(firedText(alert('no-contact', { value: 120, threshold: 90 }))).toBe('No interaction for 120 days (threshold 90 days).');
  });
  test('an alert kept without its figures reads as its rule alone', () => {
    expect(firedText(alert('days-past-due'))).toBe('');
  });
});
