import { describe, expect, it } from 'vitest';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { mergeHooks } from '../../src/plugins/merged-hooks.js';

const schema = createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } });

/** Runs `{ hello }` through yoga with the plugins as given, or merged. */
async function run(plugins: Plugin[]): Promise<unknown> {
  const yoga = createYoga({ schema, plugins, logging: false });
  const response = await yoga.fetch('http://yoga.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ hello }' }) });
  return response.json();
}

/** Plugins that record what they see, in the order their hooks ran. */
function recorders(seen: string[], { stopAt }: { stopAt?: string } = {}): Plugin[] {
  const named = (name: string): Plugin => ({
    onParams: () => void seen.push(`${name}:params`),
    onExecute({ executeFn, setExecuteFn, setResultAndStopExecution }) {
      seen.push(`${name}:execute`);
      if (name === stopAt) return void setResultAndStopExecution({ data: { hello: `stopped by ${name}` } });
      setExecuteFn(async (args) => {
        seen.push(`${name}:executeFn`);
        return executeFn(args);
      });
      return {
        onExecuteDone({ result, setResult }) {
          seen.push(`${name}:done`);
          const data = (result as { data: { hello: string } }).data;
          setResult({ data: { hello: `${data.hello}+${name}` } });
        },
      };
    },
  });
  return [named('a'), { onParams: () => void seen.push('between:params') }, named('b'), named('c')];
}

describe('mergeHooks', () => {
  it('leaves one onParams and one onExecute hook, each at the first one\'s place, and the plugins\' other hooks where they were', () => {
    expect(mergeHooks(recorders([])).map((plugin) => Object.keys(plugin))).toEqual([['onParams'], ['onExecute']]);
    const init = () => undefined;
    const merged = mergeHooks<Plugin>([{ onPluginInit: init }, { onExecute: init, onResponse: init }, { onParams: init }, { onExecute: init }, { onParams: init }]);
    expect(merged.map((plugin) => Object.keys(plugin))).toEqual([['onPluginInit'], ['onExecute'], ['onResponse'], ['onParams']]);
  });

  it('runs every onParams hook with the params the ones before it set, also after one set a result', async () => {
    const seen: string[] = [];
    const plugins: Plugin[] = [
      { onParams: ({ params, setParams }) => setParams({ ...params, query: '{ __typename }' }) },
      { onParams: ({ params, setResult }) => { seen.push(params.query ?? ''); setResult({ data: { answeredBy: 'second' } }); } },
      { onParams: async ({ params }) => { await new Promise((resolve) => setImmediate(resolve)); seen.push(`async:${params.query}`); } },
      { onParams: ({ params }) => void seen.push(`last:${params.query}`) },
    ];
    const expected = ['{ __typename }', 'async:{ __typename }', 'last:{ __typename }'];
    expect(await run(plugins)).toEqual({ data: { answeredBy: 'second' } });
    expect(seen.splice(0)).toEqual(expected);
    expect(await run(mergeHooks(plugins))).toEqual({ data: { answeredBy: 'second' } });
    expect(seen).toEqual(expected);
  });

  it('answers as the separate hooks do: the same order, each executeFn wrapping the one set before, each result passed on', async () => {
    const separate: string[] = [];
    const merged: string[] = [];
    const expected = { data: { hello: 'world+a+b+c' } };
    expect(await run(recorders(separate))).toEqual(expected);
    expect(await run(mergeHooks(recorders(merged)))).toEqual(expected);
    expect(merged).toEqual(separate);
    expect(merged).toEqual(['a:params', 'between:params', 'b:params', 'c:params', 'a:execute', 'b:execute', 'c:execute', 'c:executeFn', 'b:executeFn', 'a:executeFn', 'a:done', 'b:done', 'c:done']);
  });

  it('stops the hooks after one that answers with setResultAndStopExecution, and still runs the done hooks of those before it', async () => {
    const separate: string[] = [];
    const merged: string[] = [];
    const expected = { data: { hello: 'stopped by b+a' } };
    expect(await run(recorders(separate, { stopAt: 'b' }))).toEqual(expected);
    expect(await run(mergeHooks(recorders(merged, { stopAt: 'b' })))).toEqual(expected);
    expect(merged).toEqual(separate);
    expect(merged.filter((step) => !step.endsWith(':params'))).toEqual(['a:execute', 'b:execute', 'a:done']);
  });

  it('waits for a hook that returns a promise before the next runs', async () => {
    const seen: string[] = [];
    const slow: Plugin = {
      async onExecute() {
        await new Promise((resolve) => setImmediate(resolve));
        seen.push('slow');
        return { onExecuteDone: async () => void seen.push('slow:done') };
      },
    };
    const quick: Plugin = { onExecute: () => ({ onExecuteDone: () => void seen.push('quick:done') }) };
    const after: Plugin = { onExecute: () => void seen.push('after') };
    expect(await run(mergeHooks([slow, quick, after]))).toEqual({ data: { hello: 'world' } });
    expect(seen).toEqual(['slow', 'after', 'slow:done', 'quick:done']);
  });
});
