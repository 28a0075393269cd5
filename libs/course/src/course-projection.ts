import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { REFERRALS_TOPIC, type EventMessage } from '@platform/contracts';
import { DomainError } from '@platform/domain-kernel';
import {
  CatchUpTimeoutError,
  CONSUMER_ENTITIES,
  ConsumerCatchUp,
  ConsumerHost,
  PoisonMessageError,
  type ConsumedEvent,
} from '@platform/messaging';
import { decodeCourseEvent } from './course-events';
import { emptyCourse, evolveCourse, type CourseState } from './course-fold';
import { CourseEntity } from './course.entity';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The tables a service with a course projection owns: the course rows, its inbox and its positions. */
export const COURSE_PROJECTION_ENTITIES = [CourseEntity, ...CONSUMER_ENTITIES];

/** Folds one referrals event into the course row, inside the inbox transaction of the consumer. */
export async function projectCourseEvent(manager: EntityManager, event: ConsumedEvent<EventMessage>): Promise<void> {
  if (!INSTANT.test(event.time))
    throw new PoisonMessageError('header ce_time is missing or not an RFC 3339 UTC instant');
  const referralId = event.message.referralId;
  const row = await manager.findOne(CourseEntity, { where: { referralId }, lock: { mode: 'pessimistic_write' } });
  const before: CourseState = row ? toState(row) : emptyCourse(referralId);
  const after = evolveCourse(before, event.message, new Date(event.time).toISOString());
  // Nothing to record (a duplicate fact, an outcome, a late event): no write, and no empty row for a stranger.
  if (after === before) return;
  await manager.upsert(CourseEntity, { ...after, updatedAt: new Date() }, ['referralId']);
}

const toState = (row: CourseEntity): CourseState => {
  const { updatedAt: _updatedAt, ...state } = row;
  return state;
};

export interface CourseProjectionOptions {
  /** The Kafka consumer group (and inbox scope) of this service's projection. */
  group: string;
  fromBeginning?: boolean;
  /** How long a request may wait for the projection to catch up before it is answered 503. */
  waitMs: number;
  onDeadLetter?: (event: { topic: string; error: string; attempts: number }) => void;
}

/**
 * A service's projection of the course from `referrals.events.v1` — the one shared by placements and progression:
 * the validating decoder, the order-tolerant fold, a consumer host that starts without a broker, its positions,
 * and the read-your-writes wait (`catchUp`) that request paths use before refusing on the projected state.
 */
export class CourseProjection {
  readonly host: ConsumerHost<EventMessage>;
  private readonly catchUpper: ConsumerCatchUp;

  constructor(
    kafka: Kafka,
    dataSource: DataSource,
    private readonly options: CourseProjectionOptions,
  ) {
    this.host = new ConsumerHost<EventMessage>(kafka, dataSource, {
      name: options.group,
      topics: [REFERRALS_TOPIC],
      fromBeginning: options.fromBeginning ?? true,
      decode: decodeCourseEvent,
      handle: projectCourseEvent,
      onDeadLetter: options.onDeadLetter,
      trackPositions: true,
    });
    this.catchUpper = new ConsumerCatchUp(kafka, dataSource, options.group, REFERRALS_TOPIC);
  }

  startInBackground(onError: (error: Error) => void): void {
    this.host.startInBackground(onError);
  }

  start(): Promise<void> {
    return this.host.start();
  }

  async stop(): Promise<void> {
    await this.host.stop();
    await this.catchUpper.close();
  }

  /** Forgets the projection and reads the topic again from the beginning; placements and measurements stay. */
  rebuild(): Promise<void> {
    return this.host.rebuild(async (manager) => {
      await manager.createQueryBuilder().delete().from(CourseEntity).execute();
    });
  }

  /**
   * Waits until the projection holds every referrals event that was on the broker for these referrals when the
   * call began; STATE_NOT_YET_KNOWN (503, Retry-After) when that cannot be shown within the bound.
   */
  async catchUp(referralIds: string[]): Promise<void> {
    try {
      await this.catchUpper.waitFor(referralIds, this.options.waitMs);
    } catch (error) {
      if (!(error instanceof CatchUpTimeoutError)) throw error;
      throw new DomainError(
        'STATE_NOT_YET_KNOWN',
        `The state of referral ${referralIds.join(', ')} is not known here yet (the course's events have not ` +
          'arrived); retry shortly',
        { retryAfter: 2 },
      );
    }
  }
}
