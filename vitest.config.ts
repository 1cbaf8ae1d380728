import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

/**
 * `npm test`: unit (domain modules on real SQLite files, the shell with a stand-in electron), hostile
 * (malformed and cross-origin requests at the real LAN server over raw TCP),
 * component (Vue components in happy-dom) and e2e (the built app served on 127.0.0.1, driven in Chromium).
 */
export default defineConfig({
  test: {
    // The default summary, then every skipped test with its reason: a skip is never silent.
    reporters: ['default', './tests/reporters/skipSummary.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        // Hostile input at the transports: raw TCP, cross-origin, rebinding, floods (issue 11).
        test: {
          name: 'hostile',
          include: ['tests/hostile/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file starts its own server and browser; two cores cannot run many at once.
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
