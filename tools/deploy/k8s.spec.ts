import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  ALL_TOPICS,
  EVENT_TOPICS,
  EXTRA_VARS,
  type Manifest,
  parseYaml,
  readText,
  ROOT,
  SECRET_VARS,
  type Service,
  services,
} from './platform';

/**
 * The Kubernetes manifests against tools/services.json, the config classes, the topics of libs/contracts and the
 * Kubernetes schemas (kubernetes-models): the base as written, and each overlay as `kubectl kustomize` builds it.
 */
const SERVICES = services();
const KUBECTL = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

function base(): Manifest[] {
  const { resources } = parseYaml(readText('k8s/base/kustomization.yaml'))[0];
  return (resources as string[]).flatMap((file) => parseYaml(readText(`k8s/base/${file}`)));
}

const overlay = (name: string) => (): Manifest[] => {
  // .ci/run provisions kubectl; without it the overlays cannot be checked, which is a failure, not a skip.
  if (!KUBECTL) throw new Error('kubectl is not on PATH: install it (Debian package kubectl) to build the overlays');
  return parseYaml(execFileSync('kubectl', ['kustomize', join(ROOT, 'k8s', 'overlays', name)], { encoding: 'utf8' }));
};

describe('k8s/base', () => checkManifests(base));

for (const name of ['dev', 'prod']) {
  describe(`k8s/overlays/${name} (kubectl kustomize)`, () => checkManifests(overlay(name), name));
}

function checkManifests(load: () => Manifest[], overlayName?: string): void {
  let objects: Manifest[] = [];
  beforeAll(() => {
    objects = load();
  });
  const find = (kind: string, name: string): Manifest => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name}`);
    return found;
  };
  const config = (): Record<string, string> => find('ConfigMap', 'jobplatform-config').data;

  test('every object validates against the Kubernetes schema of its kind', async () => {
    for (const object of objects) {
      if (object.kind === 'KafkaTopic') continue; // a Strimzi resource, checked below
      const module = await import(`kubernetes-models/${object.apiVersion}/${object.kind}`);
      const Model = module[object.kind];
      expect(() => new Model(object).validate()).not.toThrow();
    }
  });

  test('defines every Kafka topic of libs/contracts (dead-letter topics included) for Strimzi', () => {
    const topics = objects.filter((o) => o.kind === 'KafkaTopic');
    expect(topics.map((t) => t.spec.topicName ?? t.metadata.name).sort()).toEqual([...ALL_TOPICS].sort());
    for (const topic of topics) {
      expect(topic.apiVersion).toBe('kafka.strimzi.io/v1beta2');
      expect(topic.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
      expect(topic.metadata.labels['strimzi.io/cluster']).toBe('jobplatform-kafka');
      expect(topic.spec.partitions).toBeGreaterThanOrEqual(1);
      expect(topic.spec.replicas).toBeGreaterThanOrEqual(1);
      expect(typeof topic.spec.config['retention.ms']).toBe('number');
      expect(topic.spec.config['min.insync.replicas']).toBeLessThanOrEqual(topic.spec.replicas);
    }
  });

  test('the ConfigMap holds only variables the services read, and no secret', () => {
    const read = new Set([...SERVICES.flatMap((s) => s.reads), ...EXTRA_VARS]);
    for (const key of Object.keys(config())) {
      expect({ key, read: read.has(key), secret: SECRET_VARS.includes(key) }).toEqual({
        key,
        read: true,
        secret: false,
      });
    }
  });

  test('the gateway is reached through the Ingress', () => {
    const service = find('Service', 'gateway');
    const backends = objects
      .filter((o) => o.kind === 'Ingress')
      .flatMap((ingress) => ingress.spec.rules.flatMap((rule: Manifest) => rule.http.paths))
      .map((path: Manifest) => path.backend.service);
    expect(backends).toContainEqual({ name: 'gateway', port: { name: service.spec.ports[0].name } });
  });

  if (overlayName === 'prod') {
    test('prod takes tokens from the identity provider and brings no secrets of its own', () => {
      expect(config().AUTH_JWKS_URL).toMatch(/^https:\/\//);
      expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    });
  }
  if (overlayName) {
    test('every image has a release tag', () => {
      const images = objects
        .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
        .flatMap((o) => o.spec.template.spec.containers.map((c: Manifest) => c.image as string));
      for (const image of images) expect(image).toMatch(/:(?!latest$)[\w.-]+$/);
    });
  }

  describe.each(SERVICES)('$name', (service: Service) => {
    const deployment = () => find('Deployment', service.name);
    const pod = () => deployment().spec.template;
    const container = () => pod().spec.containers.find((c: Manifest) => c.name === service.name);
    const port = () => Number(config()[service.portVar]);
    const metricsPort = () => Number(config()[service.metricsPortVar]);
    const containerPort = (nameOrNumber: string | number) =>
      typeof nameOrNumber === 'number'
        ? nameOrNumber
        : container().ports.find((p: Manifest) => p.name === nameOrNumber)?.containerPort;

    test('listens on the port its port variable sets, behind a Service on it, with /health probes', () => {
      expect(port()).toBeGreaterThan(0);
      expect(container().ports.map((p: Manifest) => p.containerPort)).toEqual([port(), metricsPort()]);
      const svc = find('Service', service.name);
      expect(svc.spec.selector).toEqual(pick(pod().metadata.labels, svc.spec.selector));
      expect(svc.spec.ports.map((p: Manifest) => containerPort(p.targetPort))).toEqual([port()]);
      expect(container().readinessProbe.httpGet.path).toBe('/health');
      expect(container().livenessProbe.httpGet.path).toBe('/health/live');
      for (const probe of [container().readinessProbe, container().livenessProbe]) {
        expect(containerPort(probe.httpGet.port)).toBe(port());
      }
      for (const other of SERVICES) {
        const urlVar = `${service.name.toUpperCase()}_URL`;
        if (other.reads.includes(urlVar))
          expect(config()[urlVar]).toBe(`http://${service.name}:${svc.spec.ports[0].port}`);
      }
    });

    test('is scraped on its internal metrics port, which its Service does not expose (ADR 0075)', () => {
      expect(metricsPort()).toBeGreaterThan(0);
      expect(metricsPort()).not.toBe(port());
      expect(containerPort('metrics')).toBe(metricsPort());
      expect(pod().metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(metricsPort()),
        'prometheus.io/path': '/metrics',
      });
      expect(find('Service', service.name).spec.ports.map((p: Manifest) => containerPort(p.targetPort))).not.toContain(
        metricsPort(),
      );
    });

    test('gets every variable its config class validates: from the ConfigMap, secrets from a Secret', () => {
      expectEnvironment(container(), service);
    });

    test('runs as non-root on a read-only root filesystem, with resource requests and limits', () => {
      expectHardened(pod().spec, container());
    });

    test('has the memory limit and heap settings of tools/services.json (ADR 0074)', () => {
      const { limits, requests } = container().resources;
      expect(limits.memory).toBe(`${service.memory.containerMi}Mi`);
      expect(mebibytes(requests.memory)).toBeLessThanOrEqual(service.memory.containerMi);
      const env: Manifest[] = container().env ?? [];
      for (const [name, value] of Object.entries(service.memory.env)) {
        expect(env.find((e) => e.name === name)).toEqual({ name, value });
      }
    });

    test('scales with a HorizontalPodAutoscaler (no further than the partitions) and has a disruption budget', () => {
      const hpa = find('HorizontalPodAutoscaler', service.name);
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: service.name });
      expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
      expect(deployment().spec.replicas).toBeUndefined();
      if (service.reads.includes('KAFKA_BROKERS')) {
        const partitions = EVENT_TOPICS.map((topic) => find('KafkaTopic', topic).spec.partitions);
        expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(Math.min(...partitions));
      }
      const pdb = find('PodDisruptionBudget', service.name);
      expect(pdb.spec.selector.matchLabels).toEqual(pick(pod().metadata.labels, pdb.spec.selector.matchLabels));
      expect(pdb.spec.maxUnavailable ?? 0).toBeGreaterThanOrEqual(1);
    });

    if (service.database) {
      test('has a migration Job with its image and its database', () => {
        const job = find('Job', `${service.name}-migrate`);
        const [migrate, ...others] = job.spec.template.spec.containers;
        expect(others).toEqual([]);
        expect(migrate.image).toBe(container().image);
        expect(migrate.command).toEqual(['node', `dist/services/${service.name}/src/migrate.js`]);
        const databaseUrl = (c: Manifest) => c.env.find((e: Manifest) => e.name === 'DATABASE_URL');
        expect(databaseUrl(migrate)).toEqual(databaseUrl(container()));
        expectHardened(job.spec.template.spec, migrate);
      });
    }
  });

  function expectEnvironment(container: Manifest, service: Service): void {
    const fromConfigMaps = (container.envFrom ?? []).flatMap((source: Manifest) =>
      Object.keys(find('ConfigMap', source.configMapRef.name).data),
    );
    const env: Manifest[] = container.env ?? [];
    expect([...fromConfigMaps, ...env.map((e) => e.name)]).toEqual(expect.arrayContaining(service.needs));
    const secrets = env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
    // Every secret the service reads, from a Secret; none that it does not read.
    expect(secrets.sort()).toEqual(SECRET_VARS.filter((name) => service.reads.includes(name)).sort());
    for (const { valueFrom } of env.filter((e) => e.valueFrom?.secretKeyRef)) {
      const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === valueFrom.secretKeyRef.name);
      if (secret) expect(Object.keys({ ...secret.data, ...secret.stringData })).toContain(valueFrom.secretKeyRef.key);
      else if (overlayName === 'dev') throw new Error(`dev has no Secret ${valueFrom.secretKeyRef.name}`);
    }
  }
}

function expectHardened(pod: Manifest, container: Manifest): void {
  expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
  expect(container.securityContext).toEqual({
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
  expect(container.resources).toEqual({
    requests: { cpu: expect.anything(), memory: expect.anything() },
    limits: { cpu: expect.anything(), memory: expect.anything() },
  });
}

/** A Kubernetes memory quantity in Mi or Gi, as MiB. */
const mebibytes = (quantity: string) => {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`write memory quantities in Mi or Gi, not ${quantity}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
};

/** The entries of `labels` named in `selector`: equal to the selector when the selector matches the labels. */
const pick = (labels: Record<string, string>, selector: Record<string, string>) =>
  Object.fromEntries(Object.keys(selector).map((key) => [key, labels[key]]));
