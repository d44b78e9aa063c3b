// One vitest configuration for every workspace: tests resolve workspace packages to their
// TypeScript sources (the "source" export condition) and run files one at a time, since
// integration tests share the machine's PostgreSQL and Redis.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
