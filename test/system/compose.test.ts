import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { onPath } from '../support/executables.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const composePath = join(root, 'docker-compose.yml');
const dockerfilePath = join(root, 'Dockerfile');
const nginxConfPath = join(root, 'deploy/nginx.conf');
/** The one service not built from the Dockerfile: the `scale` profile's load balancer, a pinned nginx image. */
const LOAD_BALANCER = 'load-balancer';
const REDIS = 'redis';

/** Every variable src/config.ts reads for the gateway. */
const GATEWAY_ENV = ['PORT', 'HOST', 'PARTNER_CENTER_URL', 'PARTNER_CENTER_APPLICATION', 'LOG_LEVEL', 'NODE_ENV', 'CURSOR_SECRET', 'REDIS_URL', 'GATEWAY_REPLICAS'];
/** Every variable the standalone simulator reads. */
const SIMULATOR_ENV = ['SIMULATOR_PORT', 'SIMULATOR_HOST', 'SIMULATOR_LATENCY_MS', 'SIMULATOR_SEED', 'NODE_ENV'];

interface Service {
  command?: string | string[];
  container_name?: string;
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: string[] | Record<string, string | number | boolean | null>;
  healthcheck?: { test?: string | string[] };
  ports?: (string | { target?: number; published?: number | string })[];
  build?: unknown;
  image?: string;
  profiles?: string[];
  expose?: (string | number)[];
  networks?: string[] | Record<string, { aliases?: string[] } | null>;
  deploy?: { replicas?: number };
  volumes?: (string | { source?: string; target?: string; read_only?: boolean })[];
  read_only?: boolean;
  tmpfs?: string | string[];
}

// merge: the file shares its build settings through a YAML anchor and `<<`, as Compose does.
const compose = parse(readFileSync(composePath, 'utf8'), { merge: true }) as { services?: Record<string, Service> };
const services = compose.services ?? {};

function service(name: string): Service {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** Compose accepts environment as a map or as a list of NAME=value. */
function environment(svc: Service): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => {
      const at = entry.indexOf('=');
      return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

function words(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

/** Dockerfile instructions per stage, line continuations joined and comments dropped. */
function dockerStages(text: string): { keyword: string; args: string }[][] {
  const stages: { keyword: string; args: string }[][] = [];
  const logical = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((line) => line.trim());
  for (const line of logical) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (!match) continue;
    const keyword = match[1]!.toUpperCase();
    const args = match[2]!;
    if (keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push({ keyword, args });
  }
  return stages;
}

describe('docker-compose.yml', () => {
  it('has the simulator and the gateway, with no fixed container names', () => {
    expect(Object.keys(services).sort()).toEqual(expect.arrayContaining(['gateway', 'simulator']));
    for (const [name, svc] of Object.entries(services)) {
      expect(svc.container_name, `service ${name} sets container_name`).toBeUndefined();
      if (name === LOAD_BALANCER || name === REDIS) continue; // off-the-shelf images, checked below
      expect(svc.build, `service ${name} is not built from the Dockerfile`).toBeDefined();
    }
  });

  it('runs the simulator from the same image with its own command', () => {
    const simulator = service('simulator');
    expect(simulator.command).toEqual(['node', 'dist/simulator/main.js']);
    expect(service('gateway').command).toBeUndefined();
  });

  it("points the gateway at the simulator's service name and port", () => {
    const simulatorPort = environment(service('simulator')).SIMULATOR_PORT;
    expect(simulatorPort, 'the simulator sets SIMULATOR_PORT').toMatch(/^\d+$/);
    const upstream = new URL(environment(service('gateway')).PARTNER_CENTER_URL ?? '');
    expect(upstream.protocol).toBe('http:');
    expect(upstream.hostname).toBe('simulator');
    expect(upstream.port).toBe(simulatorPort);
  });

  it('publishes the port the gateway listens on, on all interfaces', () => {
    const env = environment(service('gateway'));
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.PORT).toBe('4000');
    expect(service('gateway').ports).toEqual(['4000:4000']);
  });

  it('sets only environment variables the services read', () => {
    for (const name of Object.keys(environment(service('gateway')))) expect(GATEWAY_ENV).toContain(name);
    for (const name of Object.keys(environment(service('simulator')))) expect(SIMULATOR_ENV).toContain(name);
  });

  it('starts the gateway only once the simulator and Redis are healthy', () => {
    expect(service('gateway').depends_on).toEqual({ simulator: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('shares state through one Redis that persists nothing', () => {
    const redis = service(REDIS) as Service & { image?: string; command?: string[] };
    expect(redis.image).toMatch(/^redis:7/);
    expect(redis.command).toEqual(['redis-server', '--save', '', '--appendonly', 'no']);
    expect(new URL(environment(service('gateway')).REDIS_URL ?? '').host).toBe('redis:6379');
  });

  it("checks each service's health endpoint with node (slim images have no curl)", () => {
    const cases = [
      ['gateway', '/health'],
      ['simulator', '/_simulator/health'],
    ] as const;
    for (const [name, path] of cases) {
      const test = service(name).healthcheck?.test;
      expect(Array.isArray(test) ? test[0] : undefined, `${name} healthcheck is an exec-form CMD`).toBe('CMD');
      const command = words(test);
      expect(command).toContain(`'${path}'`);
      expect(command).toMatch(/^CMD node /);
      expect(command).not.toMatch(/\b(curl|wget)\b/);
    }
  });

  it('runs the gateway and the simulator on a read-only filesystem with nothing writable mounted, as Kubernetes does', () => {
    for (const name of ['gateway', 'simulator']) {
      expect(service(name).read_only, name).toBe(true);
      expect(service(name).tmpfs, name).toBeUndefined();
      expect(service(name).volumes, name).toBeUndefined();
    }
  });

  const composeBinary = onPath('docker-compose');
  if (composeBinary || process.env.CI) {
    it('is accepted by `docker-compose config`', async () => {
      expect(composeBinary, 'docker-compose is not on PATH; .ci/run installs it').toBeDefined();
      const run = promisify(execFile);
      // config validates and interpolates the file; it needs no Docker engine.
      await expect(
        run(composeBinary!, ['-f', composePath, 'config', '-q'], { cwd: root, timeout: 15_000 }),
      ).resolves.toBeDefined();
    });
  } else {
    console.warn('compose.test: docker-compose not on PATH, so `docker-compose config` was not run (CI installs it)');
  }
});

describe('docker-compose.yml federation profile', () => {
  it('composes the gateway with the example CRM subgraph, only under the federation profile', () => {
    for (const name of ['crm-subgraph', 'supergraph']) {
      const svc = service(name) as Service & { profiles?: string[]; build?: { target?: string } };
      expect(svc.profiles).toEqual(['federation']);
      expect(svc.build?.target).toBe('examples');
    }
    const subgraphs = String(environment(service('supergraph')).SUBGRAPHS).split(',');
    const gatewayPort = environment(service('gateway')).PORT;
    const crmPort = environment(service('crm-subgraph')).CRM_PORT;
    expect(subgraphs).toEqual([`partner-graph=http://gateway:${gatewayPort}/graphql`, `crm=http://crm-subgraph:${crmPort}/`]);
    expect(Object.keys((service('supergraph') as Service & { depends_on?: object }).depends_on ?? {})).toEqual(['gateway', 'crm-subgraph']);
  });

  it('has an examples stage before the runtime stage, so the default build target stays the gateway', () => {
    const text = readFileSync(dockerfilePath, 'utf8');
    expect(text.indexOf('AS examples')).toBeGreaterThan(0);
    expect(text.indexOf('AS examples')).toBeLessThan(text.indexOf('AS runtime'));
  });
});

describe('docker-compose.yml scale profile', () => {
  const replica = () => service('gateway-replica');
  const balancer = () => service(LOAD_BALANCER);
  const nginx = () => readFileSync(nginxConfPath, 'utf8').replace(/#.*$/gm, '');

  it('adds replicas and a load balancer, only under the scale profile', () => {
    expect(replica().profiles).toEqual(['scale']);
    expect(balancer().profiles).toEqual(['scale']);
    expect(replica().deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(replica().build, 'the replicas run the gateway image').toBeDefined();
    expect(replica().command).toBeUndefined();
  });

  it('configures every replica exactly as the gateway, with one cursor key for all', () => {
    expect(environment(replica())).toEqual(environment(service('gateway')));
    expect(environment(replica()).CURSOR_SECRET, 'cursors must verify on any replica').toMatch(/.{32,}/);
    expect(replica().healthcheck).toEqual(service('gateway').healthcheck);
    expect(replica().depends_on).toEqual(service('gateway').depends_on);
  });

  it('publishes no host port from the replicas and answers to the name gateway', () => {
    const port = environment(service('gateway')).PORT;
    expect(replica().ports, 'a scaled service cannot publish one host port').toBeUndefined();
    expect(replica().expose?.map(String)).toEqual([port]);
    const networks = replica().networks;
    expect(Array.isArray(networks) ? undefined : networks?.default?.aliases).toEqual(['gateway']);
  });

  it('runs a pinned nginx with deploy/nginx.conf, published on a port of its own', () => {
    const lb = balancer();
    expect(lb.image).toBe('nginx:1.27-alpine');
    expect(lb.build).toBeUndefined();
    expect(lb.volumes).toEqual(['./deploy/nginx.conf:/etc/nginx/nginx.conf:ro']);
    const published = (lb.ports ?? []).map(String);
    expect(published).toHaveLength(1);
    const [host, container] = published[0]!.split(':');
    expect(host).not.toBe(environment(service('gateway')).PORT);
    expect(nginx()).toMatch(new RegExp(`\\blisten\\s+${container};`));
    expect(lb.depends_on).toEqual({ gateway: { condition: 'service_healthy' }, 'gateway-replica': { condition: 'service_healthy' } });
  });

  it('balances round-robin over gateway:PORT with keep-alive connections, re-resolving the replicas', () => {
    const conf = nginx();
    const port = environment(service('gateway')).PORT;
    const upstream = /upstream\s+(\w+)\s*\{([^}]*)\}/.exec(conf);
    expect(upstream, 'nginx.conf has an upstream block').not.toBeNull();
    const [, name, body] = upstream!;
    expect(body).toMatch(new RegExp(`\\bserver\\s+gateway:${port}\\s[^;]*\\bresolve\\b`));
    expect(body).toMatch(/\bzone\s+\w+/); // `resolve` needs a shared zone
    expect(body).toMatch(/\bkeepalive\s+\d+;/);
    expect(body, 'round-robin is the default; no other method').not.toMatch(/\b(least_conn|ip_hash|hash|random)\b/);
    expect(conf).toMatch(/\bresolver\s+127\.0\.0\.11\b/); // Docker's embedded DNS
    expect(conf).toContain(`proxy_pass http://${name};`);
    // Upstream keep-alive needs HTTP/1.1 and an empty Connection header.
    expect(conf).toMatch(/proxy_http_version\s+1\.1;/);
    expect(conf).toMatch(/proxy_set_header\s+Connection\s+"";/);
  });

  const composeBinary = onPath('docker-compose');
  if (composeBinary || process.env.CI) {
    it('is accepted by `docker-compose --profile scale config`', async () => {
      expect(composeBinary, 'docker-compose is not on PATH; .ci/run installs it').toBeDefined();
      const run = promisify(execFile);
      await expect(
        run(composeBinary!, ['-f', composePath, '--profile', 'scale', 'config', '-q'], { cwd: root, timeout: 15_000 }),
      ).resolves.toBeDefined();
    });
  }
});

describe('Dockerfile', () => {
  const stages = dockerStages(readFileSync(dockerfilePath, 'utf8'));
  const runtime = stages.at(-1) ?? [];
  const last = (keyword: string) => runtime.filter((i) => i.keyword === keyword).at(-1)?.args;

  it('builds in one stage and runs from a slim Node 20 image in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const text = readFileSync(dockerfilePath, 'utf8');
    expect(text).toMatch(/node:20(\.\d+)?-bookworm-slim/);
    expect(runtime.some((i) => i.keyword === 'RUN' && /npm ci --omit=dev/.test(i.args))).toBe(true);
    expect(runtime.some((i) => i.keyword === 'COPY' && /--from=\S+.*\bdist\b/.test(i.args))).toBe(true);
  });

  it('runs the gateway as the node user in production mode', () => {
    expect(JSON.parse(last('CMD') ?? 'null')).toEqual(['node', 'dist/main.js']);
    expect(last('USER')).toBe('node');
    expect(runtime.some((i) => i.keyword === 'ENV' && /\bNODE_ENV=production\b/.test(i.args))).toBe(true);
    expect(last('EXPOSE')).toBe('4000');
  });

  it('has a HEALTHCHECK on /health that uses node', () => {
    const healthcheck = last('HEALTHCHECK') ?? '';
    expect(healthcheck).toMatch(/CMD \["node",/);
    expect(healthcheck).toContain("'/health'");
    expect(healthcheck).not.toMatch(/\b(curl|wget)\b/);
  });
});
