/**
 * What an unauthenticated document costs the gateway at most: hostile shapes, each built as large as the default
 * limits let it be (or just over them, to time the refusal), sent without a token through the app in-process. Every
 * request's text is new (a unique comment), so nothing is served from the document cache. Prints the CPU time per
 * request (median and worst of RUNS) and the answer. `npx tsx bench/document-cost.ts [shape]`.
 */
import { loadConfig } from '../src/config.js';
import { createGateway } from '../src/app/gateway.js';
import { createLogger } from '../src/observability/logger.js';

const RUNS = Number(process.env.RUNS ?? 21);
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PARTNER_CENTER_URL: 'http://127.0.0.1:9' });
const { app } = createGateway({ config, logger: createLogger({ level: 'silent' }), baseUrl: 'http://127.0.0.1:9' });
const { maxFieldRepeats: K, maxFields, maxQueryBytes, maxTokens, maxAliases } = config.limits;
const C = 'b0d70a69-4c42-4b27-b17b-91a835d8686a';
const rep = (n: number, f: (i: number) => string, sep = ' ') => Array.from({ length: n }, (_, i) => f(i)).join(sep);
/** The largest n whose document `make(n)` stays within the byte and token limits (tokens estimated as words). */
const largest = (make: (n: number) => string) => {
  let n = 1;
  while (n < 100_000 && fits(make(n * 2))) n *= 2;
  for (let step = n / 2; step >= 1; step /= 2) if (fits(make(n + step))) n += step;
  return make(n);
};
const fits = (text: string) => Buffer.byteLength(text) <= maxQueryBytes - 40 && (text.match(/[A-Za-z_][\w]*|"[^"]*"|\.\.\.|[{}()[\]:!=@$]/g)?.length ?? 0) <= maxTokens - 2;

const shapes: Record<string, string> = {
  // Issue 13's document: `orders { id }` 1,000 times under one customer (refused: repeats).
  'orders x1000': `{ customer(id: "${C}") { ${rep(1000, () => 'orders { id }')} } }`,
  // K repeats at each of three levels: K³ leaves, every path at the repeat limit.
  'repeats K at 3 levels': (() => {
    const k = Math.floor(Math.cbrt(maxFields)) - 1;
    return `{ customer(id: "${C}") { ${rep(Math.min(K, k), () => `orders { ${rep(Math.min(K, k), () => `lineItems { ${rep(Math.min(K, k), () => 'offerId')} }`)} }`)} } }`;
  })(),
  // Repeats K at every path of a wide tree: aliases spread the paths.
  'aliases x repeats': largest((n) => `{ ${rep(Math.min(n, maxAliases + 1), (a) => `c${a}: customer(id: "${C}") { ${rep(K, () => `orders { ${rep(K, () => 'id')} }`)} }`)} }`),
  // Unknown fields, each once: one error each (graphql-js stops at 100) and a suggestion search per error.
  'unknown fields': largest((n) => `{ ${rep(n, (i) => `x${i}`)} }`),
  // Many fragments spread in one selection: graphql-js compares every pair of fragments.
  'fragment pairs': largest((n) => `{ customer(id: "${C}") { ${rep(n, (i) => `...F${i}`)} } } ${rep(n, (i) => `fragment F${i} on Customer { x${i} }`)}`),
  // A chain of fragments, each spreading the next, spread from every level of the selection.
  'fragment chain': largest((n) => `{ ...F0 } ${rep(n, (i) => `fragment F${i} on Query { __typename ...F${i + 1} }`)} fragment F${n} on Query { __typename }`),
  // Doubling fragments: as written 2 per level, 2^levels if expanded naively.
  'fragment doubling': largest((n) => `{ ...A0 } ${rep(n, (i) => `fragment A${i} on Query { ...A${i + 1} ...B${i + 1} } fragment B${i} on Query { ...A${i + 1} ...B${i + 1} }`)} fragment A${n} on Query { __typename } fragment B${n} on Query { __typename }`),
  // The same field under K aliases with different arguments: every pair conflicts.
  'conflicting arguments': largest((n) => `{ ${rep(Math.min(n, maxAliases + 1), (i) => `c: customer(id: "${i}") { id }`)} }`),
  // Deep nesting of selections (refused by depth after parsing).
  'deep selections': largest((n) => `{ ${'customer(id: "x") { '.repeat(n)}id${' }'.repeat(n)} }`),
  // Deep nesting of a list argument.
  'deep list argument': largest((n) => `{ customer(id: ${'['.repeat(n)}"x"${']'.repeat(n)}) { id } }`),
  // A string literal filling the byte limit.
  'huge string': `{ customer(id: "${'x'.repeat(maxQueryBytes - 60)}") { id } }`,
  // Variables, all unused.
  'many variables': largest((n) => `query(${rep(n, (i) => `$v${i}: [ID!]`)}) { __typename }`),
  // Many operations in one document.
  'many operations': largest((n) => rep(n, (i) => `query Q${i} { __typename }`)),
  // Many directives (refused by the directive limit) and unknown ones.
  'many directives': largest((n) => `{ __typename ${rep(n, (i) => `@d${i}`)} }`),
  // Token-dense document just under the byte limit (refused: tokens).
  'dense tokens': `{ ${'a '.repeat(Math.floor((maxQueryBytes - 10) / 2))}}`,
};

const only = process.argv[2];
for (const [name, query] of Object.entries(shapes)) {
  if (only && name !== only) continue;
  const times: number[] = [];
  let answer = '';
  for (let run = 0; run < RUNS; run++) {
    const body = JSON.stringify({ query: `# ${run} ${Math.random()}\n${query}` });
    const before = process.cpuUsage();
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body,
    });
    const result = (await response.json()) as { errors?: { message: string; extensions?: { code?: string; limit?: string } }[] };
    const cpu = process.cpuUsage(before);
    times.push((cpu.user + cpu.system) / 1000);
    const first = result.errors?.[0];
    answer = `${response.status} ${result.errors?.length ?? 0} error(s) ${first?.extensions?.code ?? ''} ${first?.extensions?.limit ?? ''} ${first?.message.slice(0, 60) ?? ''}`;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`${name.padEnd(22)} ${String(Buffer.byteLength(query)).padStart(6)} B  median ${median.toFixed(1).padStart(6)} ms  max ${times.at(-1)!.toFixed(1).padStart(6)} ms  ${answer}`);
}
