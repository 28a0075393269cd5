import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { decodeEvent, EVENT_TOPICS, EventContractError } from '@platform/contracts';
import { IdempotentConsumer, PoisonMessageError } from '@platform/messaging';
import type { JsonLogger } from '@platform/observability';
import { changeOf, InvalidEventError, type Change } from './changes';
import { applyChanges } from './course-projection';

/**
 * The projections: one idempotent consumer over all three topics. Each event is validated (contract, then codes,
 * dates and ids) and applied in the transaction that records it as processed; an unusable event is dead-lettered.
 */
export function createReportingConsumer(
  kafka: Kafka,
  dataSource: DataSource,
  group: string,
  logger?: JsonLogger,
): IdempotentConsumer<Change> {
  return new IdempotentConsumer<Change>(kafka, dataSource, {
    name: group,
    topics: [...EVENT_TOPICS],
    fromBeginning: true,
    decode: (type, payload) => {
      try {
        return changeOf(decodeEvent(type, payload));
      } catch (error) {
        if (error instanceof EventContractError || error instanceof InvalidEventError) {
          throw new PoisonMessageError(error.message);
        }
        throw error;
      }
    },
    handle: (manager, event) => applyChanges(manager, [event.message]),
    onDeadLetter: ({ topic, error }) => logger?.event('warn', 'event dead-lettered', { topic, error }),
  });
}
