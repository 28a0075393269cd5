import type { Span } from '@opentelemetry/api';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { Gauge } from 'prom-client';
import { eventsPublished, metricsRegistry } from '@platform/observability';
import { OutboxRecord } from './entities';
import { createRelayProducer } from './kafka';
import { endPublishSpans, startPublishSpan, uninstrumentedSendBatch } from './tracing';

export interface RelayOptions {
  /** Rows published per pass. */
  batchSize?: number;
  /** How long to wait for a notify() before polling again when idle. */
  idleMs?: number;
  /** Upper bound of the back-off while Kafka or the database is unavailable. */
  maxBackoffMs?: number;
  /** How often awaitPublished looks at the table for rows another replica's relay published. */
  publishedPollMs?: number;
  onError?: (error: Error) => void;
}

/** The outboxes of this process's relays (one per service), read at every scrape. */
const outboxes = new Map<string, DataSource>();

interface OutboxFigures {
  pending: string;
  oldest: number | null;
}

/** Rows not yet on the broker and the age of the oldest, per outbox table; a failed read keeps the last values. */
async function outboxFigures(each: (table: string, figures: OutboxFigures) => void): Promise<void> {
  await Promise.all(
    [...outboxes].map(async ([table, dataSource]) => {
      try {
        const [row] = await dataSource.query<OutboxFigures[]>(
          `SELECT count(*) AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
           FROM ${table} WHERE sent_at IS NULL`,
        );
        each(table, row);
      } catch {
        // database unreachable: /health says so
      }
    }),
  );
}

new Gauge({
  name: 'outbox_pending_events',
  help: 'Outbox rows not yet published to Kafka (the backlog), per outbox table',
  labelNames: ['outbox'],
  registers: [metricsRegistry],
  async collect() {
    await outboxFigures((outbox, { pending }) => this.set({ outbox }, Number(pending)));
  },
});

new Gauge({
  name: 'outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest outbox row not yet published (0 when none), per outbox table',
  labelNames: ['outbox'],
  registers: [metricsRegistry],
  async collect() {
    await outboxFigures((outbox, { oldest }) => this.set({ outbox }, oldest ?? 0));
  },
});

interface Waiter {
  pending: Set<string>;
  wake: () => void;
}

interface PassResult {
  /** False when another replica's relay held the lock: nothing was looked at. */
  locked: boolean;
  sent: number;
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
  private readonly publishedPollMs: number;
  /** Set by notify(), cleared when a pass starts: a notify during a pass is not lost. */
  private notified = false;
  private lastNotifiedAt = 0;
  private readonly waiters = new Set<Waiter>();
  /** The last pass failed (broker or database unavailable): waiting for publication would only add latency. */
  private failing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly options: RelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 500;
    // Short: when the broker is back, what the outage held back must reach it before clients give up waiting.
    this.maxBackoffMs = options.maxBackoffMs ?? 1000;
    this.publishedPollMs = options.publishedPollMs ?? 25;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    outboxes.set(this.dataSource.getMetadata(OutboxRecord).tablePath, this.dataSource);
    this.loop = this.run();
  }

  /** Called after a transaction that wrote outbox rows commits, so they go out without waiting for a poll. */
  notify(): void {
    this.notified = true;
    this.lastNotifiedAt = Date.now();
    this.wake?.();
  }

  /**
   * Waits until the outbox rows with these seqs are marked sent (so on the broker), at most `timeoutMs`. Rows
   * this process's relay publishes resolve at once; rows another replica publishes are seen by a cheap poll of the
   * primary key. A seq with no row (rolled back) counts as done. Returns false when the bound passed first, or at
   * once while this relay's passes fail (the broker is down: the rows go out when it is back).
   */
  async awaitPublished(seqs: readonly string[], timeoutMs: number): Promise<boolean> {
    const waiter: Waiter = { pending: new Set(seqs.map(String)), wake: () => undefined };
    if (waiter.pending.size === 0) return true;
    if (this.failing) return false;
    const deadline = Date.now() + timeoutMs;
    const table = this.dataSource.getMetadata(OutboxRecord).tablePath;
    this.waiters.add(waiter);
    try {
      while (waiter.pending.size > 0) {
        const left = deadline - Date.now();
        if (left <= 0 || this.failing) return false;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(this.publishedPollMs, left));
          waiter.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (waiter.pending.size === 0) break;
        try {
          const unsent = await this.dataSource.query<Array<{ seq: string }>>(
            `SELECT seq FROM ${table} WHERE seq = ANY($1::bigint[]) AND sent_at IS NULL`,
            [[...waiter.pending]],
          );
          waiter.pending = new Set(unsent.map((row) => String(row.seq)));
        } catch {
          // The database is unreachable: keep waiting for the local relay until the bound.
        }
      }
      return true;
    } finally {
      this.waiters.delete(waiter);
    }
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
    for (let pass = await this.publishBatch(); pass.sent > 0; pass = await this.publishBatch()) total += pass.sent;
    return total;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        // Rows were committed here lately: if another replica's relay holds the lock, its pass may have begun
        // before they committed, so queue behind it (bounded) and publish them as soon as it ends, rather than
        // leave them for its idle poll.
        const waitForLock = Date.now() - this.lastNotifiedAt < this.idleMs;
        this.notified = false;
        const { sent } = await this.publishBatch(waitForLock);
        failures = 0;
        this.failing = false;
        if (sent < this.batchSize) await this.idle(this.idleMs);
      } catch (error) {
        failures++;
        this.failing = true;
        for (const waiter of this.waiters) waiter.wake();
        this.options.onError?.(error as Error);
        await this.resetProducer();
        await this.idle(Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(failures, 10)));
      }
    }
  }

  private idle(ms: number): Promise<void> {
    if (this.notified || !this.running) return Promise.resolve();
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

  private async publishBatch(waitForLock = false): Promise<PassResult> {
    const table = this.dataSource.getMetadata(OutboxRecord).tablePath;
    const pass = await this.dataSource.transaction(async (manager): Promise<PassResult & { seqs: string[] }> => {
      const locked = waitForLock
        ? await this.waitForLock(manager, `outbox:${table}`)
        : (
            await manager.query<Array<{ locked: boolean }>>(
              `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
              [`outbox:${table}`],
            )
          )[0].locked;
      if (!locked) return { locked: false, sent: 0, seqs: [] };
      const rows = await manager.query<PendingRow[]>(
        `SELECT seq, topic, key, payload, headers FROM ${table} WHERE sent_at IS NULL ORDER BY seq LIMIT $1`,
        [this.batchSize],
      );
      if (rows.length === 0) return { locked: true, sent: 0, seqs: [] };
      const byTopic = new Map<string, PendingRow[]>();
      for (const row of rows) {
        // Appended in place: copying the list per row made a large pass quadratic.
        const list = byTopic.get(row.topic);
        if (list) list.push(row);
        else byTopic.set(row.topic, [row]);
      }
      const producer = await this.connectedProducer();
      const spans: Span[] = [];
      const topicMessages = [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((row) => {
          const { span, headers } = startPublishSpan(topic, row.key, row.headers);
          spans.push(span);
          return { key: row.key, value: row.payload, headers };
        }),
      }));
      try {
        await uninstrumentedSendBatch(producer)({ acks: -1, topicMessages });
        endPublishSpans(spans);
      } catch (error) {
        endPublishSpans(spans, error);
        throw error;
      }
      await manager.query(`UPDATE ${table} SET sent_at = now() WHERE seq = ANY($1::bigint[])`, [
        rows.map((r) => r.seq),
      ]);
      for (const [topic, list] of byTopic) eventsPublished.inc({ topic }, list.length);
      return { locked: true, sent: rows.length, seqs: rows.map((r) => String(r.seq)) };
    });
    // Committed: the rows are marked sent, so their waiters may answer.
    if (pass.seqs.length > 0) this.resolveWaiters(pass.seqs);
    return { locked: pass.locked, sent: pass.sent };
  }

  /** Takes the relay lock, waiting at most idleMs for the replica that holds it. */
  private async waitForLock(manager: EntityManager, name: string): Promise<boolean> {
    try {
      // No parameters, so one round trip for the three statements; the name is a table path (no quotes).
      await manager.query(
        `SET LOCAL lock_timeout = '${this.idleMs}ms'; SELECT pg_advisory_xact_lock(hashtext('${name.replace(/'/g, "''")}')); ` +
          `SET LOCAL lock_timeout = DEFAULT`,
      );
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') return false;
      throw error;
    }
  }

  private resolveWaiters(seqs: string[]): void {
    for (const waiter of this.waiters) {
      for (const seq of seqs) waiter.pending.delete(seq);
      if (waiter.pending.size === 0) waiter.wake();
    }
  }
}
