import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_AUTHORIZATION, SAMPLE_QUERY } from '../../src/plugins/http/sample-query.js';
import { launchChromium } from '../support/browser.js';
import { useGateway } from '../support/shared-gateway.js';

const SEED_ORDER_ID = '9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

// GraphiQL opens as `npm start` opens it on the embedded simulator.
const gw = useGateway({ graphiql: { defaultQuery: SAMPLE_QUERY, headers: JSON.stringify({ Authorization: DEV_AUTHORIZATION }) } });
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('GraphiQL in a real browser', () => {
  it('runs the sample query offline and shows the seed order', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    // Every request the page and its (blob:) Monaco workers make, to prove nothing comes from off the machine.
    const requested: { method: string; url: string; operationName: unknown }[] = [];
    page.on('request', (request) => {
      const body = request.method() === 'POST' ? (request.postDataJSON() as { operationName?: unknown }) : undefined;
      requested.push({ method: request.method(), url: request.url(), operationName: body?.operationName });
    });

    const response = await page.goto(`${gw.url}/graphql`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('partner-graph');

    // Monaco renders the default query asynchronously; run it only once it is in the editor.
    const operationEditor = page.locator('[aria-label="Operation Editor"]');
    await operationEditor.getByText('query CustomerOrders').waitFor();
    gw.resetUpstream();
    await page.locator('button.graphiql-execute-button').click();

    const result = page.locator('[aria-label="Result Window"]');
    await result.getByText(SEED_ORDER_ID).first().waitFor();
    // Monaco draws spaces as no-break spaces.
    const shown = (await result.textContent())?.replace(/\u00a0/g, ' ');
    expect(shown).toContain(`"id": "${SEED_ORDER_ID}"`);
    expect(shown).toContain('"companyName": "Relecloud"');
    // The run went through the gateway with GraphiQL's dev header: the profile and the filtered list.
    const calls = gw.upstream();
    expect(calls.map((call) => call.path).sort()).toEqual([
      '/v1/customers/b0d70a69-4c42-4b27-b17b-91a835d8686a',
      '/v1/customers/b0d70a69-4c42-4b27-b17b-91a835d8686a/orders',
    ]);
    expect(calls.map((call) => call.headers.authorization)).toEqual([DEV_AUTHORIZATION, DEV_AUTHORIZATION]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}graphiql.png` });

    const inMemory = (url: string) => /^(data|blob):/.test(url);
    expect(requested.filter(({ url }) => !inMemory(url) && !url.startsWith(`${gw.url}/`))).toEqual([]);
    // The page itself, GraphiQL's schema fetch and the run: nothing else went over the network.
    const overNetwork = requested.filter(({ url }) => !inMemory(url));
    expect(overNetwork.map(({ method, url, operationName }) => `${method} ${url} ${String(operationName)}`).sort()).toEqual([
      `GET ${gw.url}/graphql undefined`,
      `POST ${gw.url}/graphql CustomerOrders`,
      `POST ${gw.url}/graphql IntrospectionQuery`,
    ]);
    await context.close();
  });
});
