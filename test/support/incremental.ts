import { request } from 'undici';
import { TOKEN, type TestGateway } from './gateway.js';

/** One payload of an incremental response (the GraphQL incremental delivery format yoga writes). */
export interface Payload {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  incremental?: {
    data?: Record<string, unknown> | null;
    items?: unknown[];
    path: (string | number)[];
    label?: string;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  }[];
  hasNext?: boolean;
}

export type Transport = 'multipart/mixed' | 'text/event-stream';

/** POSTs a document accepting `accept` and returns every payload the response carried, in order. */
export async function incrementalQuery(gw: TestGateway, query: string, accept: Transport, headers: Record<string, string> = {}) {
  const response = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: TOKEN, ...headers },
    body: JSON.stringify({ query }),
  });
  const text = await response.body.text();
  const contentType = String(response.headers['content-type']);
  const payloads = contentType.startsWith('multipart/mixed') ? fromMultipart(text) : contentType.startsWith('text/event-stream') ? fromEventStream(text) : [JSON.parse(text) as Payload];
  return { status: response.statusCode, headers: response.headers, contentType, payloads };
}

/** An incremental response read as it arrives: `payloads(n)` resolves once `n` payloads are in, `rest()` with all of them at its end. */
export async function openIncremental(gw: TestGateway, query: string, accept: Transport, headers: Record<string, string> = {}) {
  const response = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, authorization: TOKEN, ...headers },
    body: JSON.stringify({ query }),
  });
  const multipart = String(response.headers['content-type']).startsWith('multipart/mixed');
  const chunks = response.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let text = '';
  return {
    status: response.statusCode,
    headers: response.headers,
    /** The payloads received whole so far, once there are at least `n`. */
    async payloads(n: number): Promise<Payload[]> {
      for (;;) {
        const whole = multipart ? wholeParts(text) : wholeEvents(text);
        if (whole.length >= n) return whole;
        const chunk = await chunks.next();
        if (chunk.done) throw new Error(`the response ended after ${whole.length} payloads`);
        text += chunk.value.toString('utf8');
      }
    },
    /** Every payload, once the response has ended (and closed its stream properly). */
    async rest(): Promise<Payload[]> {
      for (let chunk = await chunks.next(); !chunk.done; chunk = await chunks.next()) text += chunk.value.toString('utf8');
      return multipart ? fromMultipart(text) : fromEventStream(text);
    },
    /** Goes away: the connection is closed before the response's end. */
    leave(): void {
      response.body.destroy();
    },
  };
}

/** The multipart parts received whole: those followed by the next boundary. */
function wholeParts(text: string): Payload[] {
  const end = text.lastIndexOf('\r\n---');
  return end < 0 ? [] : text.slice(0, end).split('\r\n---').filter((part) => part.includes('\r\n\r\n')).map((part) => JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4)) as Payload);
}

/** The `next` events received whole: those followed by their blank line. */
function wholeEvents(text: string): Payload[] {
  return text
    .split('\n\n')
    .slice(0, -1)
    .filter((block) => block.startsWith('event: next'))
    .map((block) => JSON.parse(block.slice(block.indexOf('data:') + 'data:'.length).trim()) as Payload);
}

/** multipart/mixed with boundary "-": each part a JSON body after its headers; "-----" ends the stream. */
function fromMultipart(text: string): Payload[] {
  if (!text.trimEnd().endsWith('-----')) throw new Error(`multipart stream not closed: ${text.slice(-40)}`);
  return text
    .split('\r\n---')
    .filter((part) => part.includes('\r\n\r\n'))
    .map((part) => JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4)) as Payload);
}

/** text/event-stream: `event: next` events carry the payloads, one `event: complete` ends the stream. */
function fromEventStream(text: string): Payload[] {
  const events = text
    .split('\n\n')
    .filter((block) => block.startsWith('event:'))
    .map((block) => {
      const lines = block.split('\n');
      const event = lines[0]!.slice('event:'.length).trim();
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice('data:'.length).trim()).join('\n');
      return { event, data };
    });
  if (events.at(-1)?.event !== 'complete') throw new Error(`event stream not completed: ${text.slice(-60)}`);
  return events.filter((e) => e.event === 'next').map((e) => JSON.parse(e.data) as Payload);
}

/** The final result the payloads add up to: deferred data merged at its path, streamed items appended to their list. */
export function assemble(payloads: readonly Payload[]): { data: unknown; errors: NonNullable<Payload['errors']> } {
  const [initial, ...rest] = payloads;
  const data = structuredClone(initial?.data ?? null) as unknown;
  const errors = [...(initial?.errors ?? [])];
  for (const payload of rest) {
    for (const entry of payload.incremental ?? []) {
      errors.push(...(entry.errors ?? []));
      if (entry.items) {
        const list = at(data, entry.path.slice(0, -1)) as unknown[];
        list.splice(Number(entry.path.at(-1)), entry.items.length, ...entry.items);
      } else if (entry.data) {
        Object.assign(at(data, entry.path) as object, entry.data);
      }
    }
  }
  return { data, errors };
}

function at(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}
