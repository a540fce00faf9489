// The unit tests of src/domain alone, for mutation testing (npm run mutate): StrykerJS mutates
// src/domain and runs these against every mutant, property tests at a tenth of their cases.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'unit', environment: 'node', include: ['test/domain/**/*.test.ts'], env: { CUSTOS_PROPERTY_SCALE: '0.1' } },
});
