// How many cases a property test tries: as written, or scaled down for mutation testing
// (CUSTOS_PROPERTY_SCALE, set by vitest.mutate.config.ts), where each test runs once per mutant.
export const runs = (n: number): number => Math.max(20, Math.round(n * Number(process.env.CUSTOS_PROPERTY_SCALE ?? 1)));
