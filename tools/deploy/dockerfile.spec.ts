import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml, readText, ROOT, services } from './platform';

/** The Dockerfile as text (no Docker engine in CI): what the images must be, and that they can run every service. */
const dockerfile = readText('Dockerfile').replace(/\\\n\s*/g, ' '); // continuation lines joined
const instructions = (keyword: string) =>
  [...dockerfile.matchAll(new RegExp(`^${keyword} (.+)$`, 'gm'))].map((m) => m[1].trim());

describe('Dockerfile', () => {
  test('is multi-stage on Node 24', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24[\w.-]*$/m);
    expect(instructions('FROM').length).toBeGreaterThanOrEqual(3);
    for (const from of instructions('FROM')) expect(from).toMatch(/^\$\{NODE_IMAGE\}( AS \w+)?$/);
  });

  test('ships the build output and production dependencies only', () => {
    expect(dockerfile).toContain('RUN npm run build');
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(instructions('COPY').filter((c) => c.includes('--from=build'))).toEqual([
      '--from=build /src/dist/libs dist/libs',
      '--from=build /src/dist/services/${SERVICE} dist/services/${SERVICE}',
    ]);
    const ignored = readText('.dockerignore').split('\n');
    expect(ignored[ignored.findIndex((line) => !line.startsWith('#'))]).toBe('*');
  });

  test('runs as the non-root user the Kubernetes pods run as', () => {
    const [user] = instructions('USER');
    expect(user).toBe('1000:1000');
    const pods = parseYaml(readText('k8s/base/referrals.yaml') + '\n---\n' + readText('k8s/base/gateway.yaml'))
      .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
      .map((o) => o.spec.template.spec.securityContext);
    for (const pod of pods) expect(`${pod.runAsUser}:${pod.runAsGroup}`).toBe(user);
  });

  test('checks health on /health at the port variable of its service, listening on every interface', () => {
    const [healthcheck] = instructions('HEALTHCHECK');
    expect(healthcheck).toContain('/health');
    expect(healthcheck).toContain('process.env[process.env.PORT_VAR]');
    expect(instructions('ENV').join(' ')).toMatch(/(^| )HOST=0\.0\.0\.0( |$)/);
  });

  test.each(services())('has the entry points of $name', (service) => {
    expect(instructions('CMD')).toEqual([
      '["/bin/sh", "-c", "exec node --enable-source-maps dist/services/${SERVICE}/src/main.js"]',
    ]);
    expect(existsSync(join(ROOT, 'services', service.name, 'src', 'main.ts'))).toBe(true);
    expect(existsSync(join(ROOT, 'services', service.name, 'src', 'migrate.ts'))).toBe(service.database);
  });
});
