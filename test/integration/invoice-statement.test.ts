import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { statementPdf } from '../../src/simulator/statement-pdf.js';
import { BIG_INVOICE_ID, ONETIME_INVOICE_ID } from '../../src/simulator/invoices.js';
import { TOKEN } from '../support/gateway.js';
import { useGateway } from '../support/shared-gateway.js';

const gw = useGateway();
const client = new Agent();
afterAll(() => client.close());

const statement = (id: string, headers: Record<string, string> = { authorization: TOKEN }, method: 'GET' | 'HEAD' = 'GET') =>
  request(`${gw.url}/invoices/${id}/statement.pdf`, { method, headers, dispatcher: client });

describe('GET /invoices/{id}/statement.pdf', () => {
  it('streams the statement from Partner Center with the caller\'s token, byte for byte', async () => {
    const response = await statement(ONETIME_INVOICE_ID, { authorization: TOKEN, 'ms-correlationid': 'b3a5c7e9-1234-4abc-9def-0123456789ab' });
    const body = Buffer.from(await response.body.arrayBuffer());
    const expected = statementPdf(ONETIME_INVOICE_ID);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename=Invoice_${ONETIME_INVOICE_ID}.pdf`);
    expect(response.headers['content-length']).toBe(String(expected.length));
    expect(response.headers['ms-correlationid']).toBe('b3a5c7e9-1234-4abc-9def-0123456789ab');
    expect(body.equals(expected)).toBe(true);
    expect(body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(body.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    expect(expected.length).toBeGreaterThan(100_000); // many chunks, not one write
    const calls = gw.upstream();
    expect(calls.map((c) => c.path)).toEqual([`/v1/invoices/${ONETIME_INVOICE_ID}/documents/statement`]);
    expect(calls[0]!.headers).toMatchObject({ authorization: TOKEN, 'ms-correlationid': 'b3a5c7e9-1234-4abc-9def-0123456789ab' });
    expect(calls[0]!.headers['ms-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 401 without a token and 400 for a malformed id, with no upstream call', async () => {
    const anonymous = await statement(ONETIME_INVOICE_ID, {});
    expect(anonymous.statusCode).toBe(401);
    expect(await anonymous.body.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    for (const id of ['..%2F..%2Fcustomers', 'D04%2000005U', 'x', 'unbilled']) {
      const bad = await statement(id);
      expect(bad.statusCode).toBe(400);
      expect(await bad.body.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST', argument: 'id' } }] });
    }
    expect(gw.upstream()).toEqual([]);
  });

  it('answers 404 NOT_FOUND with Partner Center\'s code for an unknown invoice', async () => {
    const response = await statement('D049999999');
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND', upstream: { status: 404, code: '1000' } } }] });
    expect(gw.upstream()).toHaveLength(1);
  });

  it('aborts the response when the statement fails midway: the client gets an error, never a shorter file', async () => {
    gw.sim.inject({ match: { path: `/v1/invoices/${BIG_INVOICE_ID}/documents/statement` }, fault: { kind: 'cut-body', afterBytes: 50_000 }, times: 1 });
    const response = await statement(BIG_INVOICE_ID);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBe(String(statementPdf(BIG_INVOICE_ID).length));
    await expect(response.body.arrayBuffer()).rejects.toThrow();
    // The gateway is fine afterwards.
    const again = await statement(BIG_INVOICE_ID);
    expect(Buffer.from(await again.body.arrayBuffer()).equals(statementPdf(BIG_INVOICE_ID))).toBe(true);
  });

  it('passes bytes on as they arrive: the client reads the start while Partner Center still holds the rest', async () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    gw.sim.inject({ match: { path: `/v1/invoices/${ONETIME_INVOICE_ID}/documents/statement` }, fault: { kind: 'gate-body', afterBytes: 32 * 1024, open: opened }, times: 1 });
    const response = await statement(ONETIME_INVOICE_ID);
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body) {
      chunks.push(chunk as Buffer);
      received += (chunk as Buffer).length;
      // Only the first 32 kB have left Partner Center: the gateway did not wait for the whole file.
      if (received >= 16 * 1024) open();
    }
    expect(received).toBeGreaterThan(0);
    expect(Buffer.concat(chunks).equals(statementPdf(ONETIME_INVOICE_ID))).toBe(true);
  });

  it('answers HEAD with the headers only', async () => {
    const response = await statement(ONETIME_INVOICE_ID, { authorization: TOKEN }, 'HEAD');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    await response.body.dump();
  });
});
