// The backtest of the open book: "how good is this model here?" (see book/backtest.ts).

import { addDays, dayFromIso, isValidIso } from '../../domain/dates';
import { backtest, BACKTEST_WEEKS } from '../book/backtest';
import type { BacktestResult } from '../contract';
import { fail, ok, read } from './wrap';

export const backtests = {
  /**
   * Fits the lifetime models on the orders before `cut` (default: the analysis date less 26
   * weeks) and scores the book as of it, against what happened up to the analysis date. A
   * long job with progress and cancel; nothing is written.
   */
  runBacktest: read(async (o, { cut }: { cut?: string; job?: string }, job) => {
    const end = o.book.asOfDayNumber;
    const chosen = cut ?? addDays(o.book.asOf, -7 * BACKTEST_WEEKS);
    if (!isValidIso(chosen)) return fail('invalid', { issues: [{ column: 'cut', code: 'invalid_date' }] });
    // At least four weeks after the cut, so that something can have happened.
    if (dayFromIso(chosen) > end - 28) return fail('invalid', { issues: [{ column: 'cut', code: 'cut_too_late' }] });
    const result: BacktestResult = await backtest(o.book, chosen, job);
    return ok(result);
  }),
};
