import { defineConfig } from 'vitest/config';

/**
 * Two projects: `fast` (everything in-process plus a few spawned smoke tests; `npm test`) and
 * `sharding` (discord.js's ShardingManager across real processes; `npm run test:sharding`).
 * `npx vitest run` runs both.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts'],
          exclude: ['test/sharding.e2e.test.ts'],
          // The test files share a worker's modules instead of importing discord.js & co. afresh for
          // each file (measured: about 40% less CPU for the suite). No test mocks modules or globals,
          // and each one closes what it opens, so files cannot see each other's state.
          pool: 'threads',
          isolate: false,
        },
      },
      { extends: true, test: { name: 'sharding', include: ['test/sharding.e2e.test.ts'] } },
    ],
  },
});
