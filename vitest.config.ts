// Four test projects: domain and storage logic in Node, components in jsdom, engine and
// storage in real Chromium (Vitest browser mode), and the built app end to end (Playwright).

import { defineConfig, mergeConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import viteConfig from './vite.config.ts';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', environment: 'node', testTimeout: 30_000, include: ['test/domain/**/*.test.ts', 'test/storage/**/*.test.ts', 'test/worker/**/*.test.ts', 'test/i18n/**/*.test.ts', 'test/scripts/**/*.test.ts'] },
      },
      {
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['test/component/**/*.test.ts'],
          setupFiles: ['test/component/setup.ts'],
        },
      },
      mergeConfig(viteConfig, {
        // Pre-bundled up front, so that Vite does not reload the page mid-test when it finds them.
        optimizeDeps: { include: ['dexie', 'comlink', 'workbox-window', 'papaparse', '@stdlib/math-base-special-gammaln', '@stdlib/math-base-special-hyp2f1', '@stdlib/math-base-special-digamma'] },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      }),
      {
        test: { name: 'e2e', environment: 'node', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
      },
    ],
  },
});
