import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['e2e/**/*.test.ts'],
    // Hubs, npm and Chromium start for real here.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
