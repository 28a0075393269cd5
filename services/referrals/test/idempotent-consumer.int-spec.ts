import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import * as pg from 'pg';
import { create, decodeEvent, ReferralAcceptedSchema, REFERRALS_TOPIC, toBinary } from '@platform/contracts';
import { createTestDatabase, ensureBroker, expectEventually, TopicProbe } from '@platform/testing';
import { IdempotentConsumer, PoisonMessageError, ProcessedEvent } from '@platform/messaging';
import { SnakeNamingStrategy } from '@platform/persistence';
import type { Kafka, Producer } from 'kafkajs';

// The shared consumer of libs/messaging against the real broker; it lives with the first service that needs it
// because libs/testing (the harness) depends on libs/messaging.

/** What the test consumer's handler writes: one row per handled event. */
@Entity({ name: 'handled' })
class Handled {
  @PrimaryColumn('text')
  eventId: string;

  @Column('text')
  referralId: string;
}

const TYPE = 'referrals.events.v1.ReferralAccepted';

describe('idempotent consumer with dead letters (real Kafka and PostgreSQL)', () => {
  let kafka: Kafka;
  let producer: Producer;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let consumer: IdempotentConsumer<unknown>;
  const name = `consumer-test-${randomUUID()}`;
  let failOnce = new Set<string>();

  beforeAll(async () => {
    kafka = await ensureBroker();
    producer = kafka.producer();
    await producer.connect();
    const database = await createTestDatabase('messaging');
    drop = database.drop;
    // A throwaway database with just the inbox and the handler's table, created by hand (no migrations needed).
    dataSource = await new DataSource({
      type: 'postgres',
      driver: pg,
      url: database.url,
      entities: [ProcessedEvent, Handled],
      namingStrategy: new SnakeNamingStrategy(),
    }).initialize();
    await dataSource.query(
      'CREATE TABLE processed_event (event_id uuid, consumer text, processed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (event_id, consumer));' +
        ' CREATE TABLE handled (event_id text PRIMARY KEY, referral_id text NOT NULL);',
    );
    consumer = new IdempotentConsumer(kafka, dataSource, {
      name,
      topics: [REFERRALS_TOPIC],
      // A fresh group reading from the start also meets events of other tests: handled like any other.
      fromBeginning: true,
      maxAttempts: 3,
      decode: (type, payload) => {
        try {
          return decodeEvent(type, payload);
        } catch (error) {
          throw new PoisonMessageError((error as Error).message);
        }
      },
      handle: async (manager, event) => {
        if (failOnce.has(event.id)) {
          failOnce.delete(event.id);
          throw new Error('transient failure');
        }
        await manager.insert(Handled, { eventId: event.id, referralId: event.key });
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer?.disconnect();
    await dataSource?.destroy();
    await drop?.();
  });

  const send = (key: string, id: string, value: Buffer | Uint8Array, type = TYPE) =>
    producer.send({
      topic: REFERRALS_TOPIC,
      messages: [
        {
          key,
          value: Buffer.from(value),
          headers: { ce_id: id, ce_type: type, ce_source: 'test', ce_time: new Date().toISOString(), ce_subject: key },
        },
      ],
    });
  const accepted = (referralId: string) =>
    toBinary(
      ReferralAcceptedSchema,
      create(ReferralAcceptedSchema, { referralId, acceptedAt: new Date().toISOString() }),
    );

  it('dead-letters a poison message with the reason and goes on with the next one', async () => {
    const dlq = await new TopicProbe(kafka, [`${REFERRALS_TOPIC}.dlq`]).start();
    const key = randomUUID();
    const good1 = randomUUID();
    const poison = randomUUID();
    const good2 = randomUUID();
    await send(key, good1, accepted(key));
    await send(key, poison, Buffer.from([0xff, 0xff, 0xff, 0x01]));
    await send(key, good2, accepted(key));

    await expectEventually(async () =>
      expect(
        (await dataSource.manager.find(Handled, { where: { referralId: key } })).map((h) => h.eventId).sort(),
      ).toEqual([good1, good2].sort()),
    );
    const [letter] = await expectEventually(() => {
      const found = dlq.messages.filter((m) => m.headers.ce_id === poison);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(letter.key).toBe(key);
    expect(letter.headers.dlq_consumer).toBe(name);
    expect(letter.headers.dlq_error).toMatch(/Invalid referrals\.events\.v1\.ReferralAccepted payload/);
    expect(letter.headers.dlq_attempts).toBe('1');
    expect(letter.value).toEqual(Buffer.from([0xff, 0xff, 0xff, 0x01]));
    await dlq.stop();
  });

  it('handles a redelivered event once, and retries a transient failure', async () => {
    const key = randomUUID();
    const id = randomUUID();
    failOnce = new Set([id]);
    await send(key, id, accepted(key));
    await send(key, id, accepted(key));
    const marker = randomUUID();
    await send(key, marker, accepted(key));
    await expectEventually(async () => expect(await dataSource.manager.countBy(Handled, { eventId: marker })).toBe(1));
    expect(await dataSource.manager.countBy(Handled, { referralId: key })).toBe(2);
    expect(failOnce.size).toBe(0);
  });
});
