// Mutation testing of the pure domain (npm run mutate; slow, not part of npm test): every
// mutant of src/domain must make a unit test fail. The report is in reports/mutation/.
import { resolve } from 'node:path';

// The tests run in a sandbox copy of the project, where the CDNOW reference beside it
// (../shared) is not found: point the tests at it from here, or they skip the reference fit.
process.env.CUSTOS_CDNOW ??= resolve(import.meta.dirname, '../shared/data/cdnow/CDNOW_sample.txt');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ['src/domain/**/*.ts', '!src/domain/**/*.d.ts'],
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants: the header aliases of the import fields, the default
  // model's numbers) need every test run for each one and are mostly aliases no single test names;
  // they are left out, and the run reuses earlier results for what did not change.
  ignoreStatic: true,
  incremental: process.env.CUSTOS_MUTATE_FRESH !== '1',
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 2,
  timeoutMS: 20000,
  thresholds: { high: 80, low: 60, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
