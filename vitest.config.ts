import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
    // Starts one throwaway PostgreSQL server for the whole run (or warns that it cannot).
    globalSetup: ['./test/support/global-setup.ts'],
    // Real databases, file systems and browsers are slower than unit tests; setup most of all.
    // These are hang detectors, not speed checks: on a machine whose cores are busy with other
    // work everything takes several times longer, and the suite must still pass.
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // expect.poll() waits for something that will happen (a page updating after a request);
    // its default of one second fails on a loaded machine, so it waits up to half a minute.
    expect: { poll: { timeout: 30_000 } },
    // Forks rather than threads: native addons (better-sqlite3, sharp) are safest one per process.
    pool: 'forks',
    // The CI machine has two cores; more workers only fight over them.
    maxWorkers: 2,
    // The CI script reads the counts from the default reporter's closing summary.
    reporters: ['default'],
  },
});
