export { IdempotentConsumer, PoisonMessageError, type ConsumedEvent, type IdempotentConsumerSpec } from './consumer';
export { CatchUpTimeoutError, ConsumerCatchUp, partitionOfKey, type CatchUpOptions } from './catch-up';
export { ConsumerHost } from './consumer-host';
export { CONSUMER_ENTITIES, ConsumerPosition, MESSAGING_ENTITIES, OutboxRecord, ProcessedEvent } from './entities';
export { readHeaders, type EventHeaders } from './headers';
export { listDeadLetters, redriveDeadLetters, REDRIVE_GROUP, type DeadLetter } from './dead-letters';
export { stopLagMetrics, watchConsumerLag } from './lag';
export { createKafka, createRelayProducer, ensureTopics, kafkaBrokers } from './kafka';
export { addToOutbox, outboxRow, type OutgoingEvent } from './outbox';
export { OutboxRelay, type RelayOptions } from './relay';
export { ambientTransaction, faults, managerOf, runInAmbientTransaction, type AmbientTransaction } from './ambient';
export { UnitOfWork, type UnitOfWorkOptions } from './unit-of-work';
export {
  consumerStatuses,
  isBrokerUnavailable,
  superviseConsumer,
  type ConsumerState,
  type ConsumerStatus,
  type SuperviseOptions,
} from './supervision';
