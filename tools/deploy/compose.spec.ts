import { ALL_TOPICS, EXTRA_VARS, type Manifest, parseYaml, readText, services } from './platform';

/** docker-compose.yml against tools/services.json, the config classes and the topics of libs/contracts. */
const SERVICES = services();
const containers: Record<string, Manifest> = parseYaml(readText('docker-compose.yml'))[0].services;
const container = (name: string): Manifest => {
  if (!containers[name]) throw new Error(`docker-compose.yml has no service ${name}`);
  return containers[name];
};

describe('docker-compose.yml', () => {
  describe.each(SERVICES)('$name', (service) => {
    const own = () => container(service.name);

    test('runs its own image, built from the Dockerfile for this service', () => {
      expect(own().image).toBe(`jobplatform/${service.name}`);
      expect(own().build).toEqual({ context: '.', args: { SERVICE: service.name, PORT_VAR: service.portVar } });
    });

    test('sets every variable its config class validates, and none that it does not read', () => {
      const names = Object.keys(own().environment);
      expect(names).toEqual(expect.arrayContaining(service.needs));
      expect(names.filter((name) => !service.reads.includes(name) && !EXTRA_VARS.includes(name))).toEqual([]);
    });

    test('has the memory limit and heap settings of tools/services.json (ADR 0074)', () => {
      expect(own().mem_limit).toBe(`${service.memory.containerMi}m`);
      for (const [name, value] of Object.entries(service.memory.env)) {
        expect({ name, value: String(own().environment[name]) }).toEqual({ name, value });
      }
    });

    test('is reached by the other services on the port its port variable sets', () => {
      const port = Number(own().environment[service.portVar]);
      expect(port).toBeGreaterThan(0);
      for (const other of SERVICES) {
        const urlVar = `${service.name.toUpperCase()}_URL`;
        if (other.reads.includes(urlVar)) {
          expect(container(other.name).environment[urlVar]).toBe(`http://${service.name}:${port}`);
        }
      }
      if (service.name === 'gateway') expect(own().ports).toEqual([`127.0.0.1:4000:${port}`]);
      else expect(own().ports).toBeUndefined();
    });

    test('starts after its migrations, its database and its topics', () => {
      const dependsOn = own().depends_on ?? {};
      if (service.database) {
        const migrate = container(`${service.name}-migrate`);
        expect(migrate.image).toBe(own().image);
        expect(migrate.build).toEqual(own().build);
        expect(migrate.command.slice(0, 2)).toEqual(['node', `dist/services/${service.name}/src/migrate.js`]);
        expect(migrate.environment).toEqual(own().environment);
        expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
        expect(dependsOn[`${service.name}-migrate`]).toEqual({ condition: 'service_completed_successfully' });
        expect(new URL(own().environment.DATABASE_URL).host).toBe('postgres:5432');
      } else {
        expect(containers[`${service.name}-migrate`]).toBeUndefined();
      }
      if (service.reads.includes('KAFKA_BROKERS')) {
        expect(own().environment.KAFKA_BROKERS).toBe('kafka:19092');
        expect(dependsOn['kafka-topics']).toEqual({ condition: 'service_completed_successfully' });
      }
    });
  });

  test('the gateway starts when every service behind it is healthy', () => {
    const others = SERVICES.filter((s) => s.name !== 'gateway').map((s) => s.name);
    for (const name of others) {
      expect(container('gateway').depends_on[name]).toEqual({ condition: 'service_healthy' });
    }
  });

  test('creates every Kafka topic of libs/contracts, dead-letter topics included, before the services start', () => {
    const script: string = container('kafka-topics').command.join('\n');
    const created = [...script.matchAll(/^\s*topic (\S+) (\d+) (-?\d+)$/gm)].map((m) => m[1]);
    expect(created.sort()).toEqual([...ALL_TOPICS].sort());
    expect(container('kafka-topics').depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
    expect(script).toContain('--bootstrap-server kafka:19092');
  });

  test('creates the topics with the partitions and retention of their KafkaTopic definitions', () => {
    const script: string = container('kafka-topics').command.join('\n');
    const kafkaTopics = parseYaml(readText('k8s/base/kafka-topics.yaml'));
    for (const [, name, partitions, retention] of script.matchAll(/^\s*topic (\S+) (\d+) (-?\d+)$/gm)) {
      const definition = kafkaTopics.find((t) => t.metadata.name === name);
      expect({ name, partitions: Number(partitions), retention: Number(retention) }).toEqual({
        name,
        partitions: definition?.spec.partitions,
        retention: definition?.spec.config['retention.ms'],
      });
    }
  });
});
