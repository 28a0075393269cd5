import { Partitioners, type Admin, type Kafka, type PartitionMetadata } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { ConsumerPosition } from './entities';

/** The consumer could not be shown to have caught up within the bound (broker down, consumer stopped or slow). */
export class CatchUpTimeoutError extends Error {
  override readonly name = 'CatchUpTimeoutError';
}

export interface CatchUpOptions {
  /** How often the recorded positions are read while waiting. */
  pollMs?: number;
  /** How long a topic's partition count is trusted before it is asked again. */
  metadataTtlMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The partition kafkajs' default partitioner (the relay's) gives a key: the Java client's murmur2, keyed. */
const partitioner = Partitioners.DefaultPartitioner();

export function partitionOfKey(topic: string, key: string, partitions: PartitionMetadata[]): number {
  return partitioner({ topic, partitionMetadata: partitions, message: { key, value: null } });
}

/**
 * Read-your-writes for a projection: waits until a consumer group has handled every message that was on a key's
 * partition when the wait began. The end offsets come from the broker (one admin call); the consumer's progress
 * from the `consumer_position` table that the consumer writes with every message, so any replica of the service
 * can wait, whichever replica owns the partition.
 */
export class ConsumerCatchUp {
  private admin?: Promise<Admin>;
  private partitions?: { list: PartitionMetadata[]; at: number };
  private readonly pollMs: number;
  private readonly metadataTtlMs: number;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly consumer: string,
    private readonly topic: string,
    options: CatchUpOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 10;
    this.metadataTtlMs = options.metadataTtlMs ?? 60_000;
  }

  /**
   * Resolves once the consumer has handled everything that was on the keys' partitions; throws
   * CatchUpTimeoutError when that cannot be shown within `timeoutMs` (the broker cannot be asked, or the consumer
   * is behind for longer).
   */
  async waitFor(keys: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CatchUpTimeoutError(`${this.consumer} has not caught up on ${this.topic} in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      const targets = await Promise.race([this.targets(keys), expired]);
      let askedGroup = false;
      while (targets.size > 0) {
        const rows = await Promise.race([
          this.dataSource.query<Array<{ partition: number; offset: string }>>(
            `SELECT partition, "offset" FROM ${this.dataSource.getMetadata(ConsumerPosition).tablePath}
             WHERE consumer = $1 AND topic = $2 AND partition = ANY($3::int[])`,
            [this.consumer, this.topic, [...targets.keys()]],
          ),
          expired,
        ]);
        for (const row of rows) {
          const target = targets.get(row.partition);
          if (target !== undefined && BigInt(row.offset) >= target) targets.delete(row.partition);
        }
        if (targets.size === 0) return;
        // A partition this consumer has handled nothing of may lie wholly before where its group began (a group
        // started at the end of the topic): then the group's committed offset already covers the target.
        const unseen = [...targets.keys()].filter((p) => !rows.some((row) => row.partition === p));
        if (!askedGroup && unseen.length > 0) {
          askedGroup = true;
          for (const [partition, committed] of await Promise.race([this.committed(), expired])) {
            const target = targets.get(partition);
            if (target !== undefined && unseen.includes(partition) && committed > target) targets.delete(partition);
          }
          if (targets.size === 0) return;
        }
        if (Date.now() >= deadline) await expired;
        await Promise.race([sleep(this.pollMs), expired]);
      }
    } catch (error) {
      if (!(error instanceof CatchUpTimeoutError)) this.forgetAdmin();
      throw error instanceof CatchUpTimeoutError ? error : new CatchUpTimeoutError((error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }

  /** The last offset to wait for in each partition that holds one of the keys (empty partitions need no wait). */
  private async targets(keys: string[]): Promise<Map<number, bigint>> {
    const admin = await this.connectedAdmin();
    const partitions = await this.partitionList(admin);
    const wanted = new Set(keys.map((key) => partitionOfKey(this.topic, key, partitions)));
    const offsets = await admin.fetchTopicOffsets(this.topic);
    const targets = new Map<number, bigint>();
    for (const { partition, offset, low } of offsets) {
      if (!wanted.has(partition)) continue;
      const high = BigInt(offset);
      if (high > BigInt(low)) targets.set(partition, high - 1n);
    }
    return targets;
  }

  /** The group's committed offsets (the next offset it will read) per partition; none where it has none. */
  private async committed(): Promise<Map<number, bigint>> {
    const admin = await this.connectedAdmin();
    const [entry] = await admin.fetchOffsets({ groupId: this.consumer, topics: [this.topic] });
    return new Map(
      (entry?.partitions ?? [])
        .filter((p) => Number(p.offset) >= 0)
        .map((p) => [p.partition, BigInt(p.offset)] as const),
    );
  }

  private async partitionList(admin: Admin): Promise<PartitionMetadata[]> {
    if (!this.partitions || Date.now() - this.partitions.at > this.metadataTtlMs) {
      const { topics } = await admin.fetchTopicMetadata({ topics: [this.topic] });
      this.partitions = { list: topics[0].partitions, at: Date.now() };
    }
    return this.partitions.list;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin({ retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 } });
      await admin.connect();
      return admin;
    })();
    this.admin.catch(() => this.forgetAdmin());
    return this.admin;
  }

  private forgetAdmin(): void {
    const admin = this.admin;
    this.admin = undefined;
    void admin?.then((a) => a.disconnect()).catch(() => undefined);
  }
}
