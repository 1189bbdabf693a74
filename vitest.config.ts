import { defineConfig } from 'vitest/config';

// Dates are tested in one zone everywhere (Bamako is UTC+0 all year, as the tests assume).
process.env.TZ = 'Africa/Bamako';
// Servers the tests start log nothing (one JSON line per request would bury the output); LOG_LEVEL=info shows it.
process.env.LOG_LEVEL ??= 'silent';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', include: ['tests/core/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'app',
          include: ['tests/app/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['tests/app/setup.ts'],
          provide: { sealed: false },
        },
      },
      {
        // The repositories' and sync's tests again, on a database sealed by the vault (tests/app/fixtures.ts).
        test: {
          name: 'app-sealed',
          include: [
            'tests/app/repositories/{drafts,outbox,listing,submissionVersions,reviewQueue,indicatorValues,coordinationEdits,coordinationDetail,toCorrect,flows}.test.ts',
            'tests/app/sync/{pull,push,engine,coordinationPull,mergedRows,exportFile,fetchMedia,batchLimits}.test.ts',
          ],
          environment: 'node',
          setupFiles: ['tests/app/setup.ts'],
          provide: { sealed: true },
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
