// What the lifetime models see of each customer: repeat purchases, the time from the first to
// the last, and the time since the first, summarised from purchases.

/** What the models see of each customer, in time units (weeks by default). */
export interface Summary {
  n: number;
  /** Repeat purchases: distinct purchase days − 1 (same-day purchases merge). */
  x: Float64Array;
  /** Time from the first to the last purchase. */
  tx: Float64Array;
  /** Time from the first purchase to the end of the calibration period. */
  T: Float64Array;
  /** Mean value of the repeat purchase days; NaN without a repeat purchase. */
  spend: Float64Array;
}

/**
 * Summaries from purchases (customer index, day number, value), counting days up to and
 * including `endDay`, in units of `unitDays` days. Customers without a purchase by then
 * have x = 0, tx = 0, T = NaN (they are left out of fits).
 */
export function summarize(customers: number, customer: ArrayLike<number>, day: ArrayLike<number>, value: ArrayLike<number>, endDay: number, unitDays = 7): Summary {
  const order = Array.from({ length: customer.length }, (_, i) => i).filter((i) => day[i] <= endDay);
  order.sort((i, j) => customer[i] - customer[j] || day[i] - day[j]);
  const s: Summary = {
    n: customers, x: new Float64Array(customers), tx: new Float64Array(customers), T: new Float64Array(customers).fill(NaN), spend: new Float64Array(customers).fill(NaN),
  };
  let k = 0;
  while (k < order.length) {
    const c = customer[order[k]];
    const first = day[order[k]];
    let last = first, days = 0, repeatValue = 0, sameDay = 0;
    for (; k < order.length && customer[order[k]] === c; k++) {
      const d = day[order[k]];
      if (d !== last || days === 0) {
        if (days > 1) repeatValue += sameDay;
        days++;
        sameDay = 0;
        last = d;
      }
      sameDay += value[order[k]];
    }
    if (days > 1) repeatValue += sameDay;
    s.x[c] = days - 1;
    s.tx[c] = (last - first) / unitDays;
    s.T[c] = (endDay - first) / unitDays;
    s.spend[c] = days > 1 ? repeatValue / (days - 1) : NaN;
  }
  return s;
}
