import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end tests train small models and build the site; give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
