import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// One module per kind: the group indexes load every model of the group.
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseManifests, readChart, renderChart, renderTemplate, type Manifest, type RenderedChart } from '../support/helm-chart.js';

/**
 * deploy/kubernetes/ and the Helm chart: every object is checked against the Kubernetes (and Prometheus
 * Operator) schemas with kubernetes-models, and the values the README recommends are asserted. The schemas
 * accept unknown fields, so the fields that matter are asserted by value, where a misspelt one fails.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const k8sDir = join(root, 'deploy/kubernetes');
const chartDir = join(root, 'deploy/helm/partner-graph');

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/ServiceAccount': ServiceAccount,
  'v1/Service': Service,
  'v1/Secret': Secret,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
};

/** Throws, naming the object and the schema's complaint, unless it is a valid object of a known kind. */
function validate(manifest: Manifest): void {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const Model = MODELS[key];
  if (!Model) throw new Error(`no schema for ${key}`);
  try {
    new Model(manifest).validate();
  } catch (error) {
    throw new Error(`${key} ${manifest.metadata?.name}: ${(error as Error).message}`);
  }
}

const k8sFiles = readdirSync(k8sDir).filter((n) => n.endsWith('.yaml')).sort();
const k8sByFile = new Map(
  k8sFiles.filter((n) => n !== 'kustomization.yaml').map((n) => [n, parseManifests(readFileSync(join(k8sDir, n), 'utf8'), n)]),
);
const kustomization = parse(readFileSync(join(k8sDir, 'kustomization.yaml'), 'utf8')) as {
  resources: string[];
  images: { name: string; newName: string; newTag: string }[];
};
const k8s = [...k8sByFile.values()].flat();

function one(manifests: readonly Manifest[], kind: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0]!;
}

function container(manifests: readonly Manifest[]): Manifest {
  const containers = one(manifests, 'Deployment').spec.template.spec.containers as Manifest[];
  expect(containers).toHaveLength(1);
  return containers[0]!;
}

/** The container's env as name → value, or `secret:<name>/<key>` for a Secret reference. */
function env(c: Manifest): Record<string, string> {
  return Object.fromEntries(
    (c.env as Manifest[]).map((e) => [e.name, e.valueFrom ? `secret:${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}` : e.value]),
  );
}

/** What browsers and apps call; nothing else is routed. */
const ROUTED = ['/graphql', '/auth/login', '/auth/callback', '/auth/logout', '/auth/session', '/invoices/'];
const INTERNAL = ['/metrics', '/health', '/ready'];
/** Env the chart sets only for auth.mode obo/session or redis.enabled. */
const AUTH_ENV = ['AUTH_MODE', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'SESSION_SECRET', 'REDIS_URL'];

/** Whether an Ingress path sends requestPath to its backend, as networking.k8s.io/v1 matches (Prefix: whole segments). */
function routesTo(rule: Manifest, requestPath: string): boolean {
  if (rule.pathType === 'Exact') return rule.path === requestPath;
  const wanted = requestPath.split('/');
  return (rule.path as string).replace(/\/+$/, '').split('/').every((segment, i) => segment === wanted[i]);
}

/** The Ingress routes exactly these paths to the Service's http port, and never /metrics, /health or /ready. */
function expectRoutes(manifests: readonly Manifest[], expected: readonly string[]): void {
  const service = one(manifests, 'Service');
  const rules = (one(manifests, 'Ingress').spec.rules as Manifest[]).flatMap((r) => r.http.paths as Manifest[]);
  expect(rules).toEqual(
    expected.map((path) => ({
      path,
      pathType: path.endsWith('/') ? 'Prefix' : 'Exact',
      backend: { service: { name: service.metadata.name, port: { name: 'http' } } },
    })),
  );
  for (const path of INTERNAL) expect(rules.filter((rule) => routesTo(rule, path)), path).toEqual([]);
  expect(rules.some((rule) => routesTo(rule, '/invoices/D0400001/statement.pdf'))).toBe(true);
}

function podLabels(manifests: readonly Manifest[]): Record<string, string> {
  return one(manifests, 'Deployment').spec.template.metadata.labels;
}

/** Every selector of the set (Deployment, Service, PDB, NetworkPolicy, ServiceMonitor, spread) selects the pods. */
function expectSelectorsMatchPods(manifests: readonly Manifest[]): void {
  const labels = podLabels(manifests);
  const deployment = one(manifests, 'Deployment');
  const selectors: [string, Record<string, string>][] = [
    ['Deployment', deployment.spec.selector.matchLabels],
    ['Service', one(manifests, 'Service').spec.selector],
    ...deployment.spec.template.spec.topologySpreadConstraints.map((t: Manifest): [string, Record<string, string>] => ['spread', t.labelSelector.matchLabels]),
    ...(['PodDisruptionBudget', 'ServiceMonitor'] as const)
      .filter((kind) => manifests.some((m) => m.kind === kind))
      .map((kind): [string, Record<string, string>] => [kind, one(manifests, kind).spec.selector.matchLabels]),
    ...manifests.filter((m) => m.kind === 'NetworkPolicy').map((m): [string, Record<string, string>] => ['NetworkPolicy', m.spec.podSelector.matchLabels]),
  ];
  for (const [kind, selector] of selectors) {
    expect(Object.keys(selector).length, kind).toBeGreaterThan(0);
    expect(labels, kind).toMatchObject(selector);
  }
  // The ServiceMonitor finds the Service by the Service's own labels.
  if (manifests.some((m) => m.kind === 'ServiceMonitor')) {
    expect(one(manifests, 'Service').metadata.labels).toMatchObject(one(manifests, 'ServiceMonitor').spec.selector.matchLabels);
  }
}

/** The recommendations of the README's Kubernetes section, asserted on either set of manifests. */
function expectRecommendedDeployment(manifests: readonly Manifest[]): void {
  const deployment = one(manifests, 'Deployment');
  const pod = deployment.spec.template.spec;
  const c = container(manifests);
  const vars = env(c);

  expect(c.ports).toEqual([{ name: 'http', containerPort: 4000, protocol: 'TCP' }]);
  expect(vars.PORT).toBe('4000');
  expect(vars.HOST).toBe('0.0.0.0');
  expect(vars.PARTNER_CENTER_URL).toBe('https://api.partnercenter.microsoft.com');
  expect(c.command).toBeUndefined(); // the image's CMD: node as PID 1, so SIGTERM reaches the gateway

  expect(c.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 'http' }, periodSeconds: 2, failureThreshold: 1, timeoutSeconds: 1 });
  expect(c.livenessProbe).toEqual({ httpGet: { path: '/health', port: 'http' }, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 });

  // The drain (delay, then grace) ends before the kubelet's SIGKILL.
  expect(vars.SHUTDOWN_DELAY_MS).toBe('5000');
  expect(vars.SHUTDOWN_GRACE_MS).toBe('15000');
  expect(pod.terminationGracePeriodSeconds).toBe(30);
  expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(Number(vars.SHUTDOWN_DELAY_MS) + Number(vars.SHUTDOWN_GRACE_MS));

  expect(c.resources).toEqual({ requests: { cpu: '1', memory: '384Mi' }, limits: { memory: '768Mi' } });
  expect(vars.NODE_OPTIONS).toBe('--max-old-space-size=512'); // MiB, below the 768Mi limit

  expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
  expect(c.securityContext).toEqual({
    runAsNonRoot: true,
    runAsUser: 1000,
    runAsGroup: 1000,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  });
  // Read-only root and nothing writable mounted: the gateway writes nothing to disk.
  expect(pod.volumes).toBeUndefined();
  expect(c.volumeMounts).toBeUndefined();
  expect(pod.automountServiceAccountToken).toBe(false);
  expect(pod.serviceAccountName).toBe(one(manifests, 'ServiceAccount').metadata.name);
  expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });

  const hpa = one(manifests, 'HorizontalPodAutoscaler');
  expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
  expect(hpa.spec.minReplicas).toBe(3);
  expect(hpa.spec.maxReplicas).toBe(12);
  expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);

  expect(one(manifests, 'PodDisruptionBudget').spec).toMatchObject({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });

  const service = one(manifests, 'Service');
  expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);

  // Ports, not paths: only the ingress controller's and the monitoring namespace reach port http at all.
  const policy = one(manifests, 'NetworkPolicy');
  expect(policy.spec.policyTypes).toEqual(['Ingress']);
  expect(policy.spec.ingress).toEqual([
    {
      from: [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
      ],
      ports: [{ protocol: 'TCP', port: 'http' }],
    },
  ]);

  // The Ingress routes /graphql, the sign-in paths and statement PDFs alone, so /metrics (and /health,
  // /ready) are not reachable from outside.
  expectRoutes(manifests, ROUTED);

  // Passthrough: no auth or Redis settings; the budget is shared by the most replicas the HPA may run.
  for (const name of AUTH_ENV) expect(vars[name], name).toBeUndefined();
  expect(vars.GATEWAY_REPLICAS).toBe(String(hpa.spec.maxReplicas));

  const monitor = one(manifests, 'ServiceMonitor');
  expect(monitor.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s', scrapeTimeout: '10s' }]);

  expectSelectorsMatchPods(manifests);
}

describe('deploy/kubernetes', () => {
  it('holds exactly the expected objects, each valid against its Kubernetes schema', () => {
    expect(k8s.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'Deployment/partner-graph',
      'HorizontalPodAutoscaler/partner-graph',
      'Ingress/partner-graph',
      'NetworkPolicy/partner-graph',
      'PodDisruptionBudget/partner-graph',
      'Secret/partner-graph',
      'Service/partner-graph',
      'ServiceAccount/partner-graph',
      'ServiceMonitor/partner-graph',
    ]);
    for (const manifest of k8s) validate(manifest);
  });

  it('the schemas refuse a wrong type, so validation is not a no-op', () => {
    const deployment = structuredClone(one(k8s, 'Deployment'));
    deployment.spec.replicas = '3';
    expect(() => validate(deployment)).toThrow(/replicas must be integer/);
  });

  it('kustomization.yaml applies every manifest but the Secret template, and sets the image the Deployment names', () => {
    expect([...kustomization.resources].sort()).toEqual(k8sFiles.filter((n) => n !== 'kustomization.yaml' && n !== 'secret.example.yaml'));
    expect(kustomization.images).toEqual([{ name: container(k8s).image, newName: 'registry.example.com/partner-graph', newTag: '0.1.0' }]);
  });

  it('runs 3 replicas with the probes, drain timing, resources and securityContext the README recommends', () => {
    expect(one(k8s, 'Deployment').spec.replicas).toBe(3);
    expect(one(k8s, 'HorizontalPodAutoscaler').spec.minReplicas).toBe(3);
    expectRecommendedDeployment(k8s);
  });

  it('reads CURSOR_SECRET from the Secret that secret.example.yaml describes, which also shows the session keys', () => {
    const secret = one(k8s, 'Secret');
    expect(env(container(k8s)).CURSOR_SECRET).toBe(`secret:${secret.metadata.name}/cursor-secret`);
    expect(Object.keys(secret.stringData)).toEqual(['cursor-secret', 'session-secret', 'oidc-client-secret', 'redis-url']);
    for (const value of Object.values(secret.stringData)) expect(value).toMatch(/REPLACE/);
  });

  it('routing by path matches Kubernetes: Exact whole paths, Prefix whole segments, so the check is not vacuous', () => {
    const rule = (path: string, pathType: string) => ({ path, pathType });
    expect(routesTo(rule('/', 'Prefix'), '/metrics')).toBe(true);
    expect(routesTo(rule('/invoices/', 'Prefix'), '/invoices')).toBe(true);
    expect(routesTo(rule('/invoices/', 'Prefix'), '/invoicesx/1')).toBe(false);
    expect(routesTo(rule('/graphql', 'Exact'), '/graphql/')).toBe(false);
  });
});

/** Objects compared across the two sets: labels and selectors (the chart adds Helm's) and the image aside. */
function comparable(manifest: Manifest): Manifest {
  const copy = structuredClone(manifest);
  const strip = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(strip);
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    for (const key of ['labels', 'matchLabels']) if (key in obj) obj[key] = '<labels>';
    for (const value of Object.values(obj)) strip(value);
  };
  strip(copy);
  if (copy.kind === 'Service') copy.spec.selector = '<labels>';
  if (copy.kind === 'Deployment') {
    delete copy.spec.replicas;
    const c = copy.spec.template.spec.containers[0];
    delete c.image;
    c.env = [...c.env].sort((a: Manifest, b: Manifest) => a.name.localeCompare(b.name));
  }
  return copy;
}

describe('Helm chart deploy/helm/partner-graph', async () => {
  const chart = readChart(chartDir);
  const defaults: RenderedChart = await renderChart(chartDir);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };

  it('has a Helm 3 Chart.yaml whose appVersion is the package version', () => {
    expect(chart.meta).toMatchObject({ apiVersion: 'v2', name: pkg.name, type: 'application', appVersion: pkg.version });
    expect(chart.meta.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('renders with its default values to valid objects, the same as deploy/kubernetes (the Secret template aside)', () => {
    for (const manifest of defaults.manifests) validate(manifest);
    const kinds = (set: readonly Manifest[]) => set.map((m) => m.kind).sort();
    expect(kinds(defaults.manifests)).toEqual(kinds(k8s.filter((m) => m.kind !== 'Secret')));
    for (const manifest of defaults.manifests) {
      expect(comparable(manifest), manifest.kind).toEqual(comparable(one(k8s, manifest.kind)));
    }
    expectRecommendedDeployment(defaults.manifests);
  });

  it('leaves replicas to the HPA by default, and renders replicaCount without one', async () => {
    expect(one(defaults.manifests, 'Deployment').spec.replicas).toBeUndefined();
    expect(chart.values.replicaCount).toBe((chart.values.autoscaling as { minReplicas: number }).minReplicas);
    const fixed = await renderChart(chartDir, { values: { autoscaling: { enabled: false }, replicaCount: 5 } });
    expect(one(fixed.manifests, 'Deployment').spec.replicas).toBe(5);
    expect(env(container(fixed.manifests)).GATEWAY_REPLICAS).toBe('5');
    expect(fixed.manifests.some((m) => m.kind === 'HorizontalPodAutoscaler')).toBe(false);
  });

  it('names every object after the release and selects the pods by name and instance', async () => {
    const rendered = await renderChart(chartDir, { releaseName: 'pg-eu', namespace: 'bff' });
    for (const manifest of rendered.manifests) validate(manifest);
    expect(new Set(rendered.manifests.map((m) => m.metadata.name))).toEqual(new Set(['pg-eu']));
    expect(podLabels(rendered.manifests)).toEqual({ 'app.kubernetes.io/name': 'partner-graph', 'app.kubernetes.io/instance': 'pg-eu' });
    expectSelectorsMatchPods(rendered.manifests);
    expect(rendered.notes).toContain('kubectl -n bff create secret generic pg-eu --from-literal=cursor-secret=');
  });

  it('takes the cursor key from an existing Secret, from a value it stores, or tells how to create one', async () => {
    expect(env(container(defaults.manifests)).CURSOR_SECRET).toBe('secret:partner-graph/cursor-secret');
    expect(defaults.files.get('secret.yaml')).toEqual([]);

    const existing = await renderChart(chartDir, { values: { cursorSecret: { existingSecret: 'shared-keys', key: 'cursor', value: 'x'.repeat(40) } } });
    expect(env(container(existing.manifests)).CURSOR_SECRET).toBe('secret:shared-keys/cursor');
    expect(existing.manifests.some((m) => m.kind === 'Secret')).toBe(false);
    expect(existing.notes).not.toContain('create secret');

    const stored = await renderChart(chartDir, { values: { cursorSecret: { value: 'k"'.repeat(20) } } });
    const secret = one(stored.manifests, 'Secret');
    validate(secret);
    expect(secret.stringData).toEqual({ 'cursor-secret': 'k"'.repeat(20) });
    expect(env(container(stored.manifests)).CURSOR_SECRET).toBe('secret:partner-graph/cursor-secret');
  });

  it('leaves the sign-in paths unrouted with ingress.authRoutes=false, and never routes /metrics, /health or /ready', async () => {
    expect(chart.values.ingress).toMatchObject({ authRoutes: true });
    expectRoutes(defaults.manifests, ROUTED);
    expect(defaults.notes).toContain('and the sign-in paths under /auth/, never /metrics, /health or /ready.');
    const rendered = await renderChart(chartDir, { values: { ingress: { authRoutes: false } } });
    for (const manifest of rendered.manifests) validate(manifest);
    expectRoutes(rendered.manifests, ['/graphql', '/invoices/']);
    expect(rendered.notes).toContain('/invoices/ (statement PDFs), never /metrics, /health or /ready.');
  });

  it('passes the session settings through with auth.mode=session, secrets from the Secret, and REDIS_URL with redis.enabled', async () => {
    // The keys the chart reads by default are the ones secret.example.yaml shows.
    const values = chart.values as { cursorSecret: { key: string }; auth: Record<string, string>; redis: { urlKey: string } };
    expect([values.cursorSecret.key, values.auth.sessionSecretKey, values.auth.clientSecretKey, values.redis.urlKey]).toEqual(Object.keys(one(k8s, 'Secret').stringData));

    const session = await renderChart(chartDir, {
      releaseName: 'pg',
      values: {
        auth: { mode: 'session', issuer: 'https://login.microsoftonline.com/t1/v2.0', clientId: 'app-1' },
        redis: { enabled: true },
        cursorSecret: { existingSecret: 'pg-keys' },
        autoscaling: { maxReplicas: 6 },
        config: { CORS_ORIGINS: 'https://app.example.com' },
      },
    });
    for (const manifest of session.manifests) validate(manifest);
    const vars = env(container(session.manifests));
    expect(Object.fromEntries(AUTH_ENV.map((name) => [name, vars[name]]))).toEqual({
      AUTH_MODE: 'session',
      OIDC_ISSUER: 'https://login.microsoftonline.com/t1/v2.0',
      OIDC_CLIENT_ID: 'app-1',
      OIDC_CLIENT_SECRET: 'secret:pg-keys/oidc-client-secret',
      PUBLIC_URL: 'https://partner-graph.example.com',
      SESSION_SECRET: 'secret:pg-keys/session-secret',
      REDIS_URL: 'secret:pg-keys/redis-url',
    });
    expect(vars.GATEWAY_REPLICAS).toBe('6');
    expect(vars.CORS_ORIGINS).toBe('https://app.example.com');
    expectRoutes(session.manifests, ROUTED);

    const obo = await renderChart(chartDir, {
      values: {
        auth: { mode: 'obo', issuer: 'https://issuer.example.com', clientId: 'app-2', clientSecretKey: 'cs', publicUrl: 'https://bff.example.org' },
        config: { AUTH_AUDIENCE: 'api://app-2' },
      },
    });
    const oboVars = env(container(obo.manifests));
    expect(Object.fromEntries(AUTH_ENV.filter((name) => name in oboVars).map((name) => [name, oboVars[name]]))).toEqual({
      AUTH_MODE: 'obo',
      OIDC_ISSUER: 'https://issuer.example.com',
      OIDC_CLIENT_ID: 'app-2',
      OIDC_CLIENT_SECRET: 'secret:partner-graph/cs',
    });

    const explicit = await renderChart(chartDir, { values: { auth: { mode: 'session', publicUrl: 'https://bff.example.org' } } });
    expect(env(container(explicit.manifests)).PUBLIC_URL).toBe('https://bff.example.org');
  });

  it('drops the PDB, NetworkPolicy, Ingress and ServiceMonitor when switched off', async () => {
    const off = await renderChart(chartDir, {
      values: { pdb: { enabled: false }, networkPolicy: { enabled: false }, ingress: { enabled: false }, serviceMonitor: { enabled: false } },
    });
    expect(off.manifests.map((m) => m.kind).sort()).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Service', 'ServiceAccount']);
    expect(off.notes).toContain('kubectl -n default port-forward service/partner-graph 4000:80');
    expect(off.notes).not.toContain('NetworkPolicy');
  });

  it('passes every other value through to valid objects', async () => {
    const rendered = await renderChart(chartDir, {
      values: {
        image: { repository: 'ghcr.io/acme/partner-graph', tag: '1.2.3', pullPolicy: 'Always' },
        imagePullSecrets: ['regcred'],
        config: { LOG_LEVEL: 'debug', CORS_ORIGINS: 'https://app.example.com', MAX_QUERY_COST: 30000 },
        shutdown: { delayMs: 10000, graceMs: 20000 },
        terminationGracePeriodSeconds: 45,
        nodeOptions: '--max-old-space-size=1024',
        resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: 2, memory: '1536Mi' } },
        probes: { readiness: { periodSeconds: 3 } },
        podAnnotations: { 'example.com/team': 'bff' },
        nodeSelector: { 'kubernetes.io/arch': 'amd64' },
        service: { type: 'NodePort', port: 8080 },
        autoscaling: { minReplicas: 2, maxReplicas: 20, targetCPUUtilizationPercentage: 70 },
        pdb: { maxUnavailable: 2 },
        networkPolicy: { ingressControllerNamespace: 'traefik', monitoringNamespace: 'observability' },
        ingress: { className: 'traefik', host: 'bff.example.org', tlsSecretName: '' },
        serviceMonitor: { interval: '15s', scrapeTimeout: '5s', labels: { release: 'kube-prometheus-stack' } },
      },
    });
    for (const manifest of rendered.manifests) validate(manifest);
    const deployment = one(rendered.manifests, 'Deployment');
    const pod = deployment.spec.template.spec;
    const c = container(rendered.manifests);
    expect(c.image).toBe('ghcr.io/acme/partner-graph:1.2.3');
    expect(c.imagePullPolicy).toBe('Always');
    expect(pod.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(env(c)).toEqual({
      HOST: '0.0.0.0',
      PORT: '4000',
      PARTNER_CENTER_URL: 'https://api.partnercenter.microsoft.com',
      LOG_LEVEL: 'debug',
      CORS_ORIGINS: 'https://app.example.com',
      MAX_QUERY_COST: '30000',
      SHUTDOWN_DELAY_MS: '10000',
      SHUTDOWN_GRACE_MS: '20000',
      NODE_OPTIONS: '--max-old-space-size=1024',
      CURSOR_SECRET: 'secret:partner-graph/cursor-secret',
      GATEWAY_REPLICAS: '20',
    });
    expect(pod.terminationGracePeriodSeconds).toBe(45);
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '1536Mi' } });
    expect(c.readinessProbe.periodSeconds).toBe(3);
    expect(c.readinessProbe.failureThreshold).toBe(1);
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'example.com/team': 'bff' });
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/arch': 'amd64' });
    expect(one(rendered.manifests, 'Service').spec).toMatchObject({ type: 'NodePort', ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }] });
    expect(one(rendered.manifests, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 2, maxReplicas: 20 });
    expect(one(rendered.manifests, 'HorizontalPodAutoscaler').spec.metrics[0].resource.target.averageUtilization).toBe(70);
    expect(one(rendered.manifests, 'PodDisruptionBudget').spec.maxUnavailable).toBe(2);
    const from = one(rendered.manifests, 'NetworkPolicy').spec.ingress[0].from as Manifest[];
    expect(from.map((f) => f.namespaceSelector.matchLabels['kubernetes.io/metadata.name'])).toEqual(['traefik', 'observability']);
    const ingress = one(rendered.manifests, 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('traefik');
    expect(ingress.spec.rules[0].host).toBe('bff.example.org');
    expect(ingress.spec.tls).toBeUndefined();
    const monitor = one(rendered.manifests, 'ServiceMonitor');
    expect(monitor.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(monitor.spec.endpoints[0]).toMatchObject({ interval: '15s', scrapeTimeout: '5s' });
  });

  it("renders with Go's text/template, which fails on a value missing from values.yaml", async () => {
    // Helm would print nothing for it; here every key a template reads must exist in values.yaml.
    await expect(renderTemplate('{{ .Values.nope }}', { Values: chart.values })).rejects.toThrow(/no entry for key "nope"/);
    await expect(renderTemplate('{{ include "x" . }}', {})).rejects.toThrow(/function "include" not defined/);
  });
});
