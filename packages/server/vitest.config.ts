import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Each test builds its own hub on a temporary data folder; scrypt makes sign-in deliberately slow.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
