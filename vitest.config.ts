import { defineConfig } from 'vitest/config';

/**
 * Three projects: `fast` (everything in-process; `npm test`), `processes` (the entry points run as
 * real child processes: the CLI, npm start, start:http, fetch; `npm run test:processes`) and
 * `sharding` (discord.js's ShardingManager across real processes; `npm run test:sharding`).
 * `npx vitest run` runs all three; CI runs each.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One worker per core. vitest's default leaves one core free (a single worker on a 2-core
    // machine), but a good share of the suite waits on child processes and sockets: measured on
    // 2 cores, 2 workers took 20-26 s where 1 took 29-36 s (3 were slower again).
    maxWorkers: '100%',
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts'],
          exclude: ['test/sharding.e2e.test.ts', 'test/processes/**'],
          // The test files share a worker's modules instead of importing discord.js & co. afresh for
          // each file (measured: about 40% less CPU for the suite). No test mocks modules or globals,
          // and each one closes what it opens, so files cannot see each other's state.
          pool: 'threads',
          isolate: false,
        },
      },
      // The tests whose point is a real child process (npm run ask/fetch, npm start, start:http,
      // a bad configuration at start-up): about a third of the suite's CPU, in a project of their own.
      { extends: true, test: { name: 'processes', include: ['test/processes/**/*.test.ts'] } },
      { extends: true, test: { name: 'sharding', include: ['test/sharding.e2e.test.ts'] } },
    ],
  },
});
