import { randomUUID } from 'node:crypto';
import * as pg from 'pg';
import { DataSource } from 'typeorm';
import type { Kafka, Producer } from 'kafkajs';
import { createTestDatabase, ensureBroker, expectEventually } from '@platform/testing';
import {
  ensureTopics,
  IdempotentConsumer,
  PoisonMessageError,
  ProcessedEvent,
  stopLagMetrics,
} from '@platform/messaging';
import { metricsRegistry } from '@platform/observability';
import { SnakeNamingStrategy } from '@platform/persistence';

jest.setTimeout(120_000);

// The lag, dead-letter and freshness metrics of libs/messaging against the real broker (ADR 0075): read from the
// broker at scrape time, so the lag of a stopped consumer keeps rising. A topic of its own keeps other tests'
// traffic out of the figures.

/** The current values of a gauge, as a scrape would read them (its collect runs). */
async function scrape(name: string): Promise<{ labels: Record<string, string | number>; value: number }[]> {
  const metric = metricsRegistry.getSingleMetric(name);
  if (!metric) throw new Error(`${name} is not registered`);
  return (await metric.get()).values as { labels: Record<string, string | number>; value: number }[];
}

describe('consumer lag, dead letters and freshness metrics (real Kafka and PostgreSQL)', () => {
  const topic = `lag-test-${randomUUID()}`;
  const group = `lag-test-${randomUUID()}`;
  let kafka: Kafka;
  let producer: Producer;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let consumer: IdempotentConsumer<string> | undefined;
  let handled = 0;

  const newConsumer = () =>
    new IdempotentConsumer<string>(kafka, dataSource, {
      name: group,
      topics: [topic],
      fromBeginning: true,
      maxAttempts: 1,
      decode: (_type, payload) => {
        if (payload.toString() === 'poison') throw new PoisonMessageError('not an event');
        return payload.toString();
      },
      handle: () => {
        handled++;
        return Promise.resolve();
      },
    });

  const send = (count: number, value = 'event') =>
    producer.send({
      topic,
      messages: Array.from({ length: count }, (_, i) => ({
        key: `key-${i}`,
        value,
        headers: {
          ce_id: randomUUID(),
          ce_type: 'test.Event',
          ce_source: 'test',
          ce_time: new Date(Date.now() - 1500).toISOString(),
        },
      })),
    });

  const lag = async () => {
    const values = (await scrape('kafka_consumer_lag_messages')).filter((v) => v.labels.group === group);
    return { total: values.reduce((sum, v) => sum + v.value, 0), partitions: values.length };
  };

  beforeAll(async () => {
    kafka = await ensureBroker();
    await ensureTopics(kafka, [topic, `${topic}.dlq`]);
    producer = kafka.producer();
    await producer.connect();
    const database = await createTestDatabase('lag');
    drop = database.drop;
    dataSource = await new DataSource({
      type: 'postgres',
      driver: pg,
      url: database.url,
      entities: [ProcessedEvent],
      namingStrategy: new SnakeNamingStrategy(),
    }).initialize();
    await dataSource.query(
      'CREATE TABLE processed_event (event_id uuid, consumer text, processed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (event_id, consumer))',
    );
  });

  afterAll(async () => {
    await consumer?.stop();
    await stopLagMetrics();
    await producer?.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
    await dataSource?.destroy();
    await drop?.();
  });

  it('rises while the consumer is stopped and falls to 0 once it has caught up', async () => {
    consumer = newConsumer();
    await consumer.start();
    expect(await lag()).toEqual({ total: 0, partitions: 3 });

    await consumer.stop();
    consumer = undefined;
    await send(7);
    // Nothing consumes: every message is lag, on every partition it landed in.
    expect((await lag()).total).toBe(7);
    await send(3);
    expect((await lag()).total).toBe(10);

    consumer = newConsumer();
    await consumer.start();
    await expectEventually(async () => {
      expect(handled).toBe(10);
      expect((await lag()).total).toBe(0);
    });
  });

  it('reports how old the last applied event was when it was applied (projection freshness)', async () => {
    const [freshness] = (await scrape('consumer_last_applied_event_age_seconds')).filter(
      (v) => v.labels.consumer === group,
    );
    // The events were stamped 1.5 s before they were sent.
    expect(freshness.value).toBeGreaterThanOrEqual(1.5);
    expect(freshness.value).toBeLessThan(60);
  });

  it('counts a dead letter until it is re-driven', async () => {
    const dlq = async () =>
      (await scrape('kafka_dlq_messages')).find((v) => v.labels.topic === `${topic}.dlq`)?.value ?? 0;
    expect(await dlq()).toBe(0);
    await send(1, 'poison');
    await expectEventually(async () => expect(await dlq()).toBe(1));
    // The poison message was handled (dead-lettered): no lag is left behind it.
    await expectEventually(async () => expect((await lag()).total).toBe(0));
  });
});
