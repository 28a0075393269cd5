import { type Manifest, parseYaml, readText } from './platform';

/**
 * One broker version everywhere (issue 19, ADR 0076): the jars `npm start` and the tests run (tools/kafka/pom.xml),
 * the compose image and the Strimzi cluster of k8s/kafka; and the cluster is the one the topics name.
 */
const POM_VERSION = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readText('tools/kafka/pom.xml'))?.[1];
const cluster = parseYaml(readText('k8s/kafka/kafka.yaml'));
const ofKind = (kind: string): Manifest[] => cluster.filter((m) => m.kind === kind);

describe('the Kafka broker version', () => {
  it('is a 4.x release in tools/kafka/pom.xml', () => {
    expect(POM_VERSION).toMatch(/^4\.\d+\.\d+$/);
  });

  it('is the one the compose file runs', () => {
    const images = [...readText('docker-compose.yml').matchAll(/image:\s*apache\/kafka:(\S+)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([POM_VERSION]));
  });

  it('is the one the Strimzi cluster of k8s/kafka runs, in KRaft mode, under the name the topics use', () => {
    const [kafka] = ofKind('Kafka');
    expect(kafka.spec.kafka.version).toBe(POM_VERSION);
    expect(kafka.spec.zookeeper).toBeUndefined();
    const pools = ofKind('KafkaNodePool');
    expect(pools.flatMap((pool) => pool.spec.roles).sort()).toEqual(['broker', 'controller']);
    for (const pool of pools) expect(pool.metadata.labels['strimzi.io/cluster']).toBe(kafka.metadata.name);
    const topics = parseYaml(readText('k8s/base/kafka-topics.yaml'));
    expect(topics.length).toBeGreaterThan(0);
    for (const topic of topics) expect(topic.metadata.labels['strimzi.io/cluster']).toBe(kafka.metadata.name);
    // Every topic's replication and min.insync.replicas fit the cluster.
    const replicas = pools.reduce((n, pool) => n + (pool.spec.roles.includes('broker') ? pool.spec.replicas : 0), 0);
    for (const topic of topics) expect(topic.spec.replicas).toBeLessThanOrEqual(replicas);
  });
});
