import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Vite would give our sources graphql's .mjs build while Pothos, loaded by Node, gets the CJS
    // one: two graphql instances ("Cannot use GraphQLObjectType from another module or realm").
    // Node itself resolves both to the CJS build, so tests do the same.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real servers on port 0; they are independent, so files run in parallel.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
