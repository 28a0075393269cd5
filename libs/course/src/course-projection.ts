import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { REFERRALS_TOPIC, type EventMessage } from '@platform/contracts';
import { DomainError } from '@platform/domain-kernel';
import {
  CatchUpTimeoutError,
  CONSUMER_ENTITIES,
  ConsumerCatchUp,
  ConsumerHost,
  consumerStatuses,
  PoisonMessageError,
  type ConsumedEvent,
} from '@platform/messaging';
import { decodeCourseEvent } from './course-events';
import { emptyCourse, evolveCourse, type CourseState } from './course-fold';
import { CourseEntity } from './course.entity';

/**
 * After the broker was out of reach, other services may still hold events of that time in their outboxes (their
 * relays publish them as soon as it is back). For this long after the last trouble seen here, a refusal on the
 * projected state is not final: the answer is 503, retry.
 */
export const RECOVERY_GRACE_MS = 15_000;

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
  /** When this process last saw the broker out of reach (a catch-up that failed, a consumer that would not start). */
  private troubleAt = 0;

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
    this.host.startInBackground((error) => {
      this.troubleAt = Date.now();
      onError(error);
    });
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
    const notYetKnown = (why: string) =>
      new DomainError(
        'STATE_NOT_YET_KNOWN',
        `The state of referral ${referralIds.join(', ')} is not known here yet (${why}); retry shortly`,
        { retryAfter: 2 },
      );
    if (!this.host.running) {
      this.troubleAt = Date.now();
      throw notYetKnown('this service is not receiving the course events');
    }
    try {
      await this.catchUpper.waitFor(referralIds, this.options.waitMs);
    } catch (error) {
      if (!(error instanceof CatchUpTimeoutError)) throw error;
      this.troubleAt = Date.now();
      throw notYetKnown("the course's events have not arrived");
    }
    if (Date.now() - Math.max(this.troubleAt, this.consumerTroubleAt()) < RECOVERY_GRACE_MS) {
      throw notYetKnown('the platform is catching up after the event broker was out of reach');
    }
  }

  /** When the consumer last crashed and was restarted (kafkajs or the supervisor), or now while it is down. */
  private consumerTroubleAt(): number {
    const status = consumerStatuses().get(this.options.group);
    if (!status) return 0;
    if (status.state !== 'running') return Date.now();
    return status.crashes > 0 ? status.since.getTime() : 0;
  }
}
