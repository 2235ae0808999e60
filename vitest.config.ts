import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Vite would give our sources graphql's .mjs build while Pothos, loaded by Node, gets the CJS one: two
// graphql instances ("Cannot use GraphQLObjectType from another module or realm"). Node itself resolves
// both to the CJS build, so tests do the same.
const resolve = { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] };

// Vitest's default is cores - 1: on two cores every in-process file would run on one, the other core idle.
const inProcessWorkers = Math.max(2, availableParallelism() - 1);

/**
 * Three projects, named in the output: unit (pure modules), integration (the app over loopback HTTP, and the
 * simulator), system (spawned processes, a real browser, Redis, nginx, compose, codegen, soak and memory).
 * `npm test` runs all three. Servers listen on port 0, so files run in parallel (unit and integration on two
 * workers at least).
 */
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      // Pure modules share one module graph per worker: they hold no state between files.
      { resolve, extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false, maxWorkers: inProcessWorkers, sequence: { groupOrder: 0 } } },
      { resolve, extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/simulator/**/*.test.ts'], isolate: false, maxWorkers: inProcessWorkers, sequence: { groupOrder: 0 } } },
      // After the others (groupOrder): spawned gateways, browsers and memory bounds must not compete with the
      // in-process suites for two cores. Processes start slowly on a busy machine: generous limits of their own.
      // One module graph too: each file would otherwise import the gateway's whole source again.
      {
        resolve,
        extends: true,
        test: { name: 'system', include: ['test/system/**/*.test.ts'], isolate: false, testTimeout: 120_000, hookTimeout: 120_000, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
