import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '@platform/domain-kernel';

/** One day in the citizen's logbook at the workplace. */
@Entity({ name: 'logbook_entry' })
@Index('logbook_by_placement', ['placementId', 'date'])
export class LogbookEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid')
  placementId: string;

  @Column('date')
  date: LocalDate;

  @Column('double precision')
  hoursWorked: number;

  @Column('boolean')
  sick: boolean;

  @Column('boolean')
  leftEarly: boolean;

  @Column('text', { nullable: true })
  leftEarlyReason: string | null;

  @Column('text', { array: true })
  tasks: string[];

  @Column('text', { nullable: true })
  breaks: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('timestamptz')
  recordedAt: Date;

  @Column('text')
  recordedBy: string;
}
