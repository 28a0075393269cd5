import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { eventsPublished, outboxLag } from '@platform/observability';
import { OutboxRecord } from './entities';
import { createRelayProducer } from './kafka';

export interface RelayOptions {
  /** Rows published per pass. */
  batchSize?: number;
  /** How long to wait for a notify() before polling again when idle. */
  idleMs?: number;
  /** Upper bound of the back-off while Kafka or the database is unavailable. */
  maxBackoffMs?: number;
  onError?: (error: Error) => void;
}

interface PendingRow {
  seq: string;
  topic: string;
  key: string;
  payload: Buffer;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows to Kafka in commit order and marks them sent. One relay is active per service at a
 * time (a transaction-scoped advisory lock), so per-key order holds even with several replicas. If Kafka is
 * down the rows simply wait; a publish that succeeded but was not marked is sent again, and consumers
 * de-duplicate on ce_id.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private producer?: Producer;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly options: RelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a transaction that wrote outbox rows commits, so they go out without waiting for a poll. */
  notify(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = undefined;
  }

  /** Publishes everything pending now; returns how many rows went out. For tools and tests. */
  async drain(): Promise<number> {
    let total = 0;
    for (let sent = await this.publishBatch(); sent > 0; sent = await this.publishBatch()) total += sent;
    return total;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const sent = await this.publishBatch();
        failures = 0;
        if (sent < this.batchSize) await this.idle(this.idleMs);
      } catch (error) {
        failures++;
        this.options.onError?.(error as Error);
        await this.resetProducer();
        await this.idle(Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(failures, 10)));
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = createRelayProducer(this.kafka);
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async publishBatch(): Promise<number> {
    const table = this.dataSource.getMetadata(OutboxRecord).tablePath;
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<Array<{ locked: boolean }>>(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
        [`outbox:${table}`],
      );
      if (!locked) return 0;
      const rows = await manager.query<PendingRow[]>(
        `SELECT seq, topic, key, payload, headers FROM ${table} WHERE sent_at IS NULL ORDER BY seq LIMIT $1`,
        [this.batchSize],
      );
      outboxLag.set(rows.length);
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, PendingRow[]>();
      for (const row of rows) {
        // Appended in place: copying the list per row made a large pass quadratic.
        const list = byTopic.get(row.topic);
        if (list) list.push(row);
        else byTopic.set(row.topic, [row]);
      }
      const producer = await this.connectedProducer();
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((row) => ({ key: row.key, value: row.payload, headers: row.headers })),
        })),
      });
      await manager.query(`UPDATE ${table} SET sent_at = now() WHERE seq = ANY($1::bigint[])`, [
        rows.map((r) => r.seq),
      ]);
      for (const [topic, list] of byTopic) eventsPublished.inc({ topic }, list.length);
      return rows.length;
    });
  }
}
