import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { REFERRALS_TOPIC, type EventMessage } from '@platform/contracts';
import { IdempotentConsumer, PoisonMessageError, ProcessedEvent, type ConsumedEvent } from '@platform/messaging';
import { applyReferralEvent, emptyCourse, type CourseState } from './course-projection';
import { CourseEntity } from './course.entity';
import { decodeReferralEvent } from './referral-events.decoder';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Applies one referrals event to the course row, inside the inbox transaction of the IdempotentConsumer. */
export async function projectReferralEvent(manager: EntityManager, event: ConsumedEvent<EventMessage>): Promise<void> {
  if (!INSTANT.test(event.time))
    throw new PoisonMessageError('header ce_time is missing or not an RFC 3339 UTC instant');
  const referralId = event.message.referralId;
  const row = await manager.findOne(CourseEntity, { where: { referralId }, lock: { mode: 'pessimistic_write' } });
  const before: CourseState = row ? { ...row } : emptyCourse(referralId);
  const after = applyReferralEvent(before, event.message, new Date(event.time).toISOString());
  // Nothing to record (a duplicate fact, an outcome, a late event): no write, and no empty row for a stranger.
  if (after === before) return;
  await manager.upsert(CourseEntity, { ...after, updatedAt: new Date() }, ['referralId']);
}

/**
 * The service's own projection of referral state: an idempotent consumer of `referrals.events.v1` whose inbox and
 * course rows commit together. `rebuild()` forgets the projection and reads the topic again from the beginning.
 */
export class ReferralProjection {
  private consumer?: IdempotentConsumer<EventMessage>;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly group: string,
    private readonly onDeadLetter?: (event: { topic: string; error: string; attempts: number }) => void,
  ) {}

  private stopped = false;
  private starting?: Promise<void>;
  /** Ends the back-off wait at once when the service stops. */
  private wake?: () => void;

  /**
   * Starts consuming without holding up the service: while Kafka is unreachable it retries with back-off (placements
   * then answer from the projection as it is, and /health reports Kafka down).
   */
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

  async start(): Promise<void> {
    if (this.consumer) return;
    const consumer = new IdempotentConsumer<EventMessage>(this.kafka, this.dataSource, {
      name: this.group,
      topics: [REFERRALS_TOPIC],
      fromBeginning: true,
      decode: decodeReferralEvent,
      handle: projectReferralEvent,
      onDeadLetter: this.onDeadLetter,
    });
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
   * Rebuilds the projection from the topic: stops consuming, empties the course table and this consumer's inbox,
   * moves the group's offsets to the earliest, and consumes again. Placements are untouched.
   */
  async rebuild(): Promise<void> {
    await this.stop();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.resetOffsets({ groupId: this.group, topic: REFERRALS_TOPIC, earliest: true });
    } finally {
      await admin.disconnect();
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.createQueryBuilder().delete().from(CourseEntity).execute();
      await manager.delete(ProcessedEvent, { consumer: this.group });
    });
    await this.start();
  }
}
