// The value of an engine Result, or the test fails with its code (for calls that must succeed).
import type { Result } from '../../src/worker/contract';

export function got<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected a value, got ${r.code}${r.detail ? ` (${r.detail})` : ''}`);
  return r.value;
}
