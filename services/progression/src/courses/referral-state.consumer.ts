import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeEvent, REFERRALS_TOPIC, type EventMessage } from '@platform/contracts';
import { IdempotentConsumer, PoisonMessageError, type ConsumedEvent } from '@platform/messaging';
import { applyReferralEvent, invalidEventFields, type CourseState } from './course-state';
import { CourseEntity } from './course.entity';

/**
 * Keeps the course projection from `referrals.events.v1`. Each event is handled once (the inbox row and the
 * projection change commit together); an event that cannot be decoded or lacks what the projection needs goes to
 * the dead-letter topic.
 */
export class ReferralStateConsumer {
  private readonly consumer: IdempotentConsumer<EventMessage>;

  constructor(
    kafka: Kafka,
    dataSource: DataSource,
    group: string,
    fromBeginning: boolean,
    onDeadLetter?: (event: { topic: string; error: string; attempts: number }) => void,
  ) {
    this.consumer = new IdempotentConsumer<EventMessage>(kafka, dataSource, {
      name: group,
      topics: [REFERRALS_TOPIC],
      fromBeginning,
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
      onDeadLetter,
    });
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
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
