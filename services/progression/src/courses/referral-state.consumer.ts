import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeEvent, REFERRALS_TOPIC, type EventMessage } from '@platform/contracts';
import { IdempotentConsumer, PoisonMessageError, type ConsumedEvent } from '@platform/messaging';
import { applyReferralEvent, invalidEventFields, type CourseState } from './course-state';
import { CourseEntity } from './course.entity';

export interface ReferralStateOptions {
  group: string;
  fromBeginning: boolean;
  onDeadLetter?: (event: { topic: string; error: string; attempts: number }) => void;
}

/**
 * Keeps the course projection from `referrals.events.v1`. Each event is handled once (the inbox row and the
 * projection change commit together); an event that cannot be decoded or lacks what the projection needs goes to
 * the dead-letter topic.
 */
export class ReferralStateConsumer {
  private consumer?: IdempotentConsumer<EventMessage>;
  private stopped = false;
  private starting?: Promise<void>;
  /** Ends the back-off wait at once when the service stops. */
  private wake?: () => void;

  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly options: ReferralStateOptions,
  ) {}

  /**
   * Starts consuming without holding up the service: while Kafka is unreachable it retries with back-off (the
   * service answers from the projection as it is, and /health reports Kafka down).
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
      name: this.options.group,
      topics: [REFERRALS_TOPIC],
      fromBeginning: this.options.fromBeginning,
      decode: (type, payload) => {
        let event: EventMessage;
        try {
          event = decodeEvent(type, payload);
        } catch (error) {
          throw new PoisonMessageError((error as Error).message);
        }
        const problems = invalidEventFields(event);
        if (problems.length > 0) throw new PoisonMessageError(`${type}: ${problems.join('; ')}`);
        return event;
      },
      handle: (manager, event) => project(manager, event),
      onDeadLetter: this.options.onDeadLetter,
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
}

async function project(manager: EntityManager, { message }: ConsumedEvent<EventMessage>): Promise<void> {
  const current = await manager.findOne(CourseEntity, {
    where: { referralId: message.referralId },
    lock: { mode: 'pessimistic_write' },
  });
  const next = applyReferralEvent(current && toState(current), message);
  if (next === null || (current && sameState(toState(current), next))) return;
  await manager.upsert(CourseEntity, { ...next, updatedAt: new Date() }, ['referralId']);
}

const toState = (row: CourseEntity): CourseState => ({
  referralId: row.referralId,
  municipalityCode: row.municipalityCode,
  providerId: row.providerId,
  status: row.status,
  startDate: row.startDate,
  endDate: row.endDate,
});

const sameState = (a: CourseState, b: CourseState): boolean =>
  a.municipalityCode === b.municipalityCode &&
  a.providerId === b.providerId &&
  a.status === b.status &&
  a.startDate === b.startDate &&
  a.endDate === b.endDate;
