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

export const MESSAGING_ENTITIES = [OutboxRecord, ProcessedEvent];
