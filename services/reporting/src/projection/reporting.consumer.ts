import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import {
  decodeEvent,
  EVENT_SCHEMAS_BY_TOPIC,
  EVENT_TOPICS,
  EventContractError,
  REFERRALS_TOPIC,
} from '@platform/contracts';
import { decodeCourseEvent } from '@platform/course';
import { ConsumerHost, PoisonMessageError } from '@platform/messaging';
import type { JsonLogger } from '@platform/observability';
import { changeOf, InvalidEventError, type Change } from './changes';
import { applyChanges } from './course-projection';

const REFERRAL_TYPES: ReadonlySet<string> = new Set(EVENT_SCHEMAS_BY_TOPIC[REFERRALS_TOPIC].map((s) => s.typeName));

/**
 * The projections: one idempotent consumer over all three topics, in the shared consumer host (starts without a
 * broker, retries with back-off). Referrals events pass the course projection's decoder (the same rules as in
 * placements and progression), then every event the read model's own checks (codes, dates, ids); each is applied
 * in the transaction that records it as processed; an unusable event is dead-lettered.
 */
export function createReportingConsumer(
  kafka: Kafka,
  dataSource: DataSource,
  group: string,
  logger?: JsonLogger,
): ConsumerHost<Change> {
  return new ConsumerHost<Change>(kafka, dataSource, {
    name: group,
    topics: [...EVENT_TOPICS],
    fromBeginning: true,
    decode: (type, payload) => {
      try {
        return changeOf(REFERRAL_TYPES.has(type) ? decodeCourseEvent(type, payload) : decodeEvent(type, payload));
      } catch (error) {
        if (error instanceof EventContractError || error instanceof InvalidEventError) {
          throw new PoisonMessageError(error.message);
        }
        throw error;
      }
    },
    handle: (manager, event) => applyChanges(manager, [event.message]),
    onDeadLetter: ({ topic, error }) => logger?.event('warn', 'event dead-lettered', { topic, error }),
    trackPositions: true,
  });
}
