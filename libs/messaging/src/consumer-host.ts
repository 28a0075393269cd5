import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { IdempotentConsumer, type IdempotentConsumerSpec } from './consumer';
import { ConsumerPosition, ProcessedEvent } from './entities';

/**
 * Runs an IdempotentConsumer without holding up the service: while the broker is unreachable it retries with
 * back-off (the service answers from its read model as it is, and /health reports Kafka down), and it can be
 * stopped at any moment, also in the middle of a back-off wait. Every projection of the platform runs in one.
 */
export class ConsumerHost<T> {
  private consumer?: IdempotentConsumer<T>;
  private stopped = false;
  private starting?: Promise<void>;
  /** Ends the back-off wait at once when the service stops. */
  private wake?: () => void;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    readonly spec: IdempotentConsumerSpec<T>,
  ) {}

  get running(): boolean {
    return this.consumer !== undefined;
  }

  startInBackground(onError: (error: Error) => void): void {
    this.stopped = false;
    this.starting ??= (async () => {
      for (let attempt = 0; !this.stopped && !this.consumer; attempt++) {
        try {
          await this.start();
        } catch (error) {
          onError(error as Error);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.min(30_000, 500 * 2 ** Math.min(attempt, 6)));
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
    })().finally(() => (this.starting = undefined));
  }

  /** Starts consuming now (joins the group); throws when the broker cannot be reached. */
  async start(): Promise<void> {
    if (this.consumer) return;
    const consumer = new IdempotentConsumer<T>(this.kafka, this.dataSource, this.spec);
    try {
      await consumer.start();
    } catch (error) {
      await consumer.stop().catch(() => undefined);
      throw error;
    }
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.starting;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop();
  }

  /**
   * Rebuilds the read model from the topics: stops consuming, lets `clear` empty the read model, forgets this
   * consumer's inbox and positions in the same transaction, moves the group's offsets to the earliest, and consumes
   * again. Kafka refuses to move the offsets of a group that still has members (another replica): stop those first.
   */
  async rebuild(clear: (manager: EntityManager) => Promise<void>): Promise<void> {
    await this.stop();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const topic of this.spec.topics) {
        await admin.resetOffsets({ groupId: this.spec.name, topic, earliest: true });
      }
    } finally {
      await admin.disconnect();
    }
    await this.dataSource.transaction(async (manager) => {
      await clear(manager);
      await manager.delete(ProcessedEvent, { consumer: this.spec.name });
      if (this.spec.trackPositions) await manager.delete(ConsumerPosition, { consumer: this.spec.name });
    });
    await this.start();
  }
}
