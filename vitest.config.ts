import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.{ts,tsx}',
      'tests/unit/**/*.test.ts',
      'scripts/**/*.test.ts',
      'tests/content/**/*.test.ts',
      'supabase/**/*.test.ts',
      'tests/security/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
  },
});
