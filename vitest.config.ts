import { defineConfig } from 'vitest/config';

// Three projects, chosen by file name so a new test lands in the right one:
// - unit: tests next to the code (server/, web/, contracts/, bench/) named *.test.ts(x). Pure: no database (not even
//   PGlite), no server, no global setup; `npm run test:unit` takes seconds.
// - integration: everything under test/ except test/e2e/, and tests next to the code named *.int.test.ts.
//   They get a copy of the seeded database template (inject) and the built web app.
// - e2e: the browser tests in test/e2e/.
// Where a test lives: a test that talks to a running server (HTTP or the stream) lives in test/<feature>/,
// whatever feature it covers. Next to the code sit unit tests, and *.int.test.ts only for a platform
// module tested against a database on its own, with no server (audit-log, keyring).
// The template is made once per run and shared by integration and e2e (test/support/global-setup.ts).
const INT = '**/*.int.test.{ts,tsx}';
const E2E = 'test/e2e/**/*.test.ts';
const GLOBAL_SETUP = ['test/support/global-setup.ts', 'test/e2e/global-setup.ts'];

export default defineConfig({
  test: {
    // Two cores: integration files each start a server on their own database copy.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Background work (relay, bus, a browser) is slow on a busy machine: polls wait for the state.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'server/**/*.test.ts',
            'contracts/**/*.test.ts',
            'web/**/*.test.{ts,tsx}',
            'bench/**/*.test.ts',
          ],
          exclude: [INT],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', INT],
          exclude: [E2E],
          globalSetup: GLOBAL_SETUP,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: [E2E],
          globalSetup: GLOBAL_SETUP,
          // A browser test walks a whole flow, step by step.
          testTimeout: 60_000,
        },
      },
    ],
  },
});
