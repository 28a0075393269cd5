export { IdempotentConsumer, PoisonMessageError, type ConsumedEvent, type IdempotentConsumerSpec } from './consumer';
export { MESSAGING_ENTITIES, OutboxRecord, ProcessedEvent } from './entities';
export { readHeaders, type EventHeaders } from './headers';
export { listDeadLetters, redriveDeadLetters, REDRIVE_GROUP, type DeadLetter } from './dead-letters';
export { createKafka, createRelayProducer, ensureTopics, kafkaBrokers } from './kafka';
export { addToOutbox, outboxRow, type OutgoingEvent } from './outbox';
export { OutboxRelay, type RelayOptions } from './relay';
export { UnitOfWork } from './unit-of-work';
export {
  consumerStatuses,
  isBrokerUnavailable,
  superviseConsumer,
  type ConsumerState,
  type ConsumerStatus,
  type SuperviseOptions,
} from './supervision';
