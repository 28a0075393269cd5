import {
  Partitioners,
  type Consumer,
  type EachMessagePayload,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import {
  contextFrom,
  eventsConsumed,
  lastAppliedEventAge,
  lastAppliedEventTime,
  runWithContext,
} from '@platform/observability';
import { isDatabaseUnavailable } from '@platform/persistence';
import { ConsumerPosition, ProcessedEvent } from './entities';
import { readHeaders } from './headers';
import { watchConsumerLag } from './lag';
import { superviseConsumer } from './supervision';

/** A consumed event after its headers and payload were validated. */
export interface ConsumedEvent<T = unknown> {
  id: string;
  type: string;
  key: string;
  time: string;
  headers: Record<string, string>;
  message: T;
}

/** Thrown by a decoder for a message that can never be handled: it goes to the DLQ without retries. */
export class PoisonMessageError extends Error {}

export interface IdempotentConsumerSpec<T> {
  /** Consumer name: the Kafka group id and the inbox scope. */
  name: string;
  topics: string[];
  /** Validates and decodes a payload; throw PoisonMessageError for anything unusable. */
  decode(type: string, payload: Buffer): T;
  /** Side effects, inside the same transaction that records the event as processed. */
  handle(manager: EntityManager, event: ConsumedEvent<T>): Promise<void>;
  maxAttempts?: number;
  fromBeginning?: boolean;
  onDeadLetter?: (event: { topic: string; error: string; attempts: number }) => void;
  /**
   * Record the position reached in each partition (table `consumer_position`) with every message, so that request
   * paths can wait until this consumer has caught up (ConsumerCatchUp). Default false.
   */
  trackPositions?: boolean;
}

interface Position {
  topic: string;
  partition: number;
  offset: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kafka consumer with an inbox: every event id is recorded in the same transaction as its side effects, so a
 * redelivery changes nothing. A message that keeps failing goes to `<topic>.dlq` after bounded retries, with
 * the reason in its headers, and the partition moves on.
 */
export class IdempotentConsumer<T> {
  private consumer?: Consumer;
  private producer?: Producer;
  private unwatch?: () => void;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly spec: IdempotentConsumerSpec<T>,
  ) {}

  async start(): Promise<void> {
    // The dead-letter producer; kafkajs warns about its partitioner default unless one is chosen.
    this.producer = this.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
    const consumer = this.kafka.consumer({
      groupId: this.spec.name,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 200,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.spec.topics, fromBeginning: this.spec.fromBeginning ?? true });
    // Lag stays reported after the consumer stops: that is when it matters.
    watchConsumerLag(this.kafka, this.spec.name, this.spec.topics);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ eachMessage: (payload) => this.onMessage(payload) });
    await joined;
    this.consumer = consumer;
    // Dependency faults (ADR 0051): kafkajs leaves a consumer stopped for good after a non-retriable crash.
    this.unwatch = superviseConsumer(consumer, { name: this.spec.name, restart: () => this.restart() });
  }

  /** Projection freshness: how old the event just applied was. */
  private applied(time: string | undefined): void {
    const now = Date.now();
    const eventTime = time ? Date.parse(time) : NaN;
    lastAppliedEventTime.set({ consumer: this.spec.name }, now / 1000);
    if (!Number.isNaN(eventTime))
      lastAppliedEventAge.set({ consumer: this.spec.name }, Math.max(0, (now - eventTime) / 1000));
  }

  async stop(): Promise<void> {
    this.unwatch?.();
    this.unwatch = undefined;
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  /** A fresh kafkajs consumer and producer after a crash kafkajs does not recover from (ADR 0051). */
  private async restart(): Promise<void> {
    await this.stop().catch(() => undefined);
    this.consumer = undefined;
    await this.start();
  }

  private async onMessage({ topic, partition, message }: EachMessagePayload): Promise<void> {
    const headers = readHeaders(message.headers);
    const maxAttempts = this.spec.maxAttempts ?? 3;
    const position: Position = { topic, partition, offset: message.offset };
    await runWithContext(contextFrom(headers.ce_id, headers.traceparent), async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const outcome = await this.process(headers, message, position);
          eventsConsumed.inc({ consumer: this.spec.name, outcome });
          if (outcome === 'processed') this.applied(headers.ce_time);
          return;
        } catch (error) {
          // Dependency faults (ADR 0051): with the database gone the message is not at fault; do not dead-letter it
          // but let kafkajs retry and, after its retries, restart from the last committed offset.
          if (isDatabaseUnavailable(error)) throw error;
          const poison = error instanceof PoisonMessageError;
          if (poison || attempt >= maxAttempts) {
            await this.deadLetter(topic, partition, message, headers, error as Error, attempt);
            if (this.spec.trackPositions) await this.dataSource.transaction((m) => this.advance(m, position));
            return;
          }
          await sleep(100 * 2 ** attempt);
        }
      }
    });
  }

  private async process(
    headers: Record<string, string>,
    message: KafkaMessage,
    position: Position,
  ): Promise<'processed' | 'duplicate'> {
    const id = headers.ce_id;
    const type = headers.ce_type;
    if (!id || !UUID.test(id)) throw new PoisonMessageError('header ce_id is missing or not a UUID');
    if (!type) throw new PoisonMessageError('header ce_type is missing');
    if (!message.value) throw new PoisonMessageError('message has no payload');
    const decoded = this.spec.decode(type, message.value);
    const event: ConsumedEvent<T> = {
      id,
      type,
      key: message.key?.toString('utf8') ?? '',
      time: headers.ce_time ?? '',
      headers,
      message: decoded,
    };
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(ProcessedEvent)
        .values({ eventId: id, consumer: this.spec.name })
        .orIgnore()
        .returning(['eventId'])
        .execute();
      if (this.spec.trackPositions) await this.advance(manager, position);
      if ((inserted.raw as unknown[]).length === 0) return 'duplicate';
      await this.spec.handle(manager, event);
      return 'processed';
    });
  }

  /** Moves this consumer's recorded position forward (never back: a rebalance may hand a partition over mid-way). */
  private async advance(manager: EntityManager, { topic, partition, offset }: Position): Promise<void> {
    const table = manager.connection.getMetadata(ConsumerPosition).tablePath;
    await manager.query(
      `INSERT INTO ${table} (consumer, topic, partition, "offset", updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (consumer, topic, partition)
       DO UPDATE SET "offset" = GREATEST(${table}."offset", EXCLUDED."offset"), updated_at = now()`,
      [this.spec.name, topic, partition, offset],
    );
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    headers: Record<string, string>,
    error: Error,
    attempts: number,
  ): Promise<void> {
    const producer = this.producer;
    if (!producer) throw new Error('consumer not started');
    await producer.send({
      topic: `${topic}.dlq`,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...headers,
            dlq_error: error.message.slice(0, 2000),
            dlq_consumer: this.spec.name,
            dlq_attempts: String(attempts),
            dlq_time: new Date().toISOString(),
            dlq_source: `${topic}/${partition}/${message.offset}`,
          },
        },
      ],
    });
    eventsConsumed.inc({ consumer: this.spec.name, outcome: 'dead_lettered' });
    this.spec.onDeadLetter?.({ topic, error: error.message, attempts });
  }
}
