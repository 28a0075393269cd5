import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An event written in the same transaction as the state change it describes; the relay publishes it. */
@Entity({ name: 'outbox' })
@Index('outbox_unsent', ['seq'], { where: 'sent_at IS NULL' })
export class OutboxRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  @Column('uuid', { unique: true })
  eventId: string;

  @Column('text')
  topic: string;

  @Column('text')
  key: string;

  @Column('text')
  type: string;

  @Column('bytea')
  payload: Buffer;

  @Column('jsonb')
  headers: Record<string, string>;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;
}

/** The inbox of an idempotent consumer: an event id seen by a consumer is never handled again. */
@Entity({ name: 'processed_event' })
export class ProcessedEvent {
  @PrimaryColumn('uuid')
  eventId: string;

  @PrimaryColumn('text')
  consumer: string;

  @Column('timestamptz', { default: () => 'now()' })
  processedAt: Date;
}

/**
 * How far a consumer group has got in each partition: the offset of the last message it handled (processed, skipped
 * as a duplicate or dead-lettered), written in the same transaction as the handling. Any replica can read it to
 * wait until the projection has caught up with what a client already saw acknowledged (read-your-writes).
 */
@Entity({ name: 'consumer_position' })
export class ConsumerPosition {
  @PrimaryColumn('text')
  consumer: string;

  @PrimaryColumn('text')
  topic: string;

  @PrimaryColumn('int')
  partition: number;

  @Column('bigint')
  offset: string;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}

export const MESSAGING_ENTITIES = [OutboxRecord, ProcessedEvent];
/** For services whose consumers others wait for (read-your-writes): the inbox plus the positions. */
export const CONSUMER_ENTITIES = [ProcessedEvent, ConsumerPosition];
