// The indicators a customer's profile alone gives (not its events): days to the contract's
// end, missing required fields, days since the profile was last changed. Apart from the
// event passes of facts.ts, so that a change of many profiles recomputes only these.

import type { Columns, StrColumn } from '../columns';
import { NO_DAY } from '../dates';
import { REQUIRED_FIELDS, indicatorIndex } from './indicators';

const DAY_MS = 86_400_000;

/** The indicators read from the profile alone (not from events): a change of profiles only needs these again. */
export const PROFILE_INDICATORS = (['churn.days_to_contract_end', 'data.missing_fields', 'data.days_since_update'] as const).map((id) => indicatorIndex(id));

/** The profile-only indicators of `customers` into `out` (one column per indicator, as `shardFacts` makes them). */
export function profileFacts(customers: Columns, asOfDay: number, out: Float32Array[]): void {
  const [c_churn_days_to_contract_end, c_data_missing_fields, c_data_days_since_update] = PROFILE_INDICATORS.map((k) => out[k]);
  const endOfDay = (asOfDay + 1) * DAY_MS;
  const required = REQUIRED_FIELDS.map((f) => customers.cols[f] as StrColumn);
  const updatedAt = customers.cols.updatedAt as Float64Array;
  const contractEnd = customers.cols.contractEnd as Int32Array;
  for (let p = 0; p < customers.n; p++) {
    c_churn_days_to_contract_end[p] = contractEnd[p] !== NO_DAY ? contractEnd[p] - asOfDay : NaN;
    let missing = 0;
    for (const col of required) if (!col.dict[col.idx[p]]) missing++;
    c_data_missing_fields[p] = missing;
    c_data_days_since_update[p] = updatedAt[p] > 0 ? Math.max(0, Math.floor((endOfDay - updatedAt[p]) / DAY_MS)) : NaN;
  }
}
