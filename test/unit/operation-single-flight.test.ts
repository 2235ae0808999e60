import { Writable } from 'node:stream';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { unverifiedCaller } from '../../src/auth/caller.js';
import { createLogger } from '../../src/observability/logger.js';
import type { Authenticator } from '../../src/auth/authenticator.js';
import { useAuthentication } from '../../src/plugins/security/use-authentication.js';
import { holdsAtMost, useOperationSingleFlight } from '../../src/plugins/performance/use-operation-single-flight.js';
import { eventually } from '../support/waiting.js';

const JOINED = 'sharing an identical operation in flight';

/** yoga with the plugin over one field whose resolver waits for a gate and ignores cancellation. */
function setUp() {
  const messages: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) messages.push((JSON.parse(line) as { msg: string }).msg);
        callback();
      },
    }),
  });
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const state = { executions: 0 };
  const schema = createSchema({
    typeDefs: 'type Query { slow: String }',
    resolvers: { Query: { slow: () => (state.executions += 1, gate.then(() => 'done')) } },
  });
  // The caller, as use-authentication records it before this plugin keys on it.
  const authenticator: Authenticator = {
    mode: 'passthrough',
    authenticate: async (request) => {
      const authorization = request.headers.get('authorization');
      return { caller: authorization ? unverifiedCaller(authorization) : undefined };
    },
  };
  const yoga = createYoga({
    schema,
    logging: false,
    // use-authentication refuses an operation whose context has no caller (the gateway's context factory sets it).
    plugins: [useAuthentication(authenticator, logger), { onContextBuilding: ({ extendContext }) => extendContext({ caller: unverifiedCaller('Bearer t') } as object) } satisfies Plugin, useOperationSingleFlight(logger, schema)],
  });
  const ask = (signal?: AbortSignal) =>
    yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ query: '{ slow }' }),
      ...(signal ? { signal } : {}),
    });
  return { ask, open, state, joined: () => messages.filter((m) => m === JOINED).length };
}

describe('useOperationSingleFlight', () => {
  it('a request arriving after every waiter has left starts afresh, even while the abandoned execution still runs', async () => {
    const { ask, open, state, joined } = setUp();
    const controller = new AbortController();
    const first = Promise.resolve(ask(controller.signal)).catch((error: unknown) => error);
    await eventually(() => state.executions === 1, 'the first execution');
    controller.abort();
    await first;

    // The abandoned execution is still waiting at the gate; a request that joined it would get its answer.
    const second = ask();
    await eventually(() => state.executions === 2 || joined() > 0, 'the second request to execute or join');
    expect([state.executions, joined()]).toEqual([2, 0]);
    open();
    expect(await (await second).json()).toEqual({ data: { slow: 'done' } });
  });

  it('shares while a waiter remains', async () => {
    const { ask, open, state, joined } = setUp();
    const first = ask();
    await eventually(() => state.executions === 1, 'the first execution');
    const second = ask();
    await eventually(() => joined() === 1, 'the second request to join');
    open();
    const bodies = await Promise.all([first, second].map(async (r) => (await r).json()));
    expect(bodies).toEqual([{ data: { slow: 'done' } }, { data: { slow: 'done' } }]);
    expect(state.executions).toBe(1);
  });

  it('refuses a schema with mutations or subscriptions: those must run once per request', () => {
    const logger = createLogger({ level: 'silent' });
    for (const typeDefs of ['type Query { a: String } type Mutation { b: String }', 'type Query { a: String } type Subscription { b: String }']) {
      expect(() => useOperationSingleFlight(logger, createSchema({ typeDefs }))).toThrow(/without mutations or subscriptions/);
    }
  });
});

describe('holdsAtMost', () => {
  it('counts every object, list, field and item, and stops at the limit', () => {
    const order = { id: 'o', lineItems: [{ offerId: 'a' }, { offerId: 'b' }] }; // 7 values
    const data = { customer: { orders: [order, order] } }; // 1 + 1 + 1 + 2 x 7 = 17
    expect(holdsAtMost(data, 17)).toBe(true);
    expect(holdsAtMost(data, 16)).toBe(false);
    expect([holdsAtMost(null, 1), holdsAtMost(undefined, 1), holdsAtMost({}, 1), holdsAtMost({ a: 1 }, 1)]).toEqual([true, true, true, false]);
    // A long list is refused before its items are even queued.
    expect(holdsAtMost({ items: Array.from({ length: 1_000_000 }, () => 1) }, 5_000)).toBe(false);
  });
});
