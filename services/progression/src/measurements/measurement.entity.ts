import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Assessor, LocalDate } from '@platform/domain-kernel';

/**
 * One measurement of a course on one scale version. A correction is a new row that supersedes the old one (which
 * stays, marked `supersededBy`); it keeps the sequence number of the measurement it corrects.
 */
@Entity({ name: 'measurement' })
@Index('measurement_by_series', ['referralId', 'scaleCode', 'assessor', 'sequence'])
@Index('measurement_effective_sequence', ['referralId', 'scaleCode', 'assessor', 'sequence'], {
  unique: true,
  where: 'superseded_by IS NULL',
})
export class MeasurementEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  referralId: string;

  @Column('text')
  scaleCode: string;

  @Column('int')
  scaleVersion: number;

  /** 1, 2, 3 … per course, scale and assessor, in the order of `measuredAt`. */
  @Column('int')
  sequence: number;

  @Column('text')
  assessor: Assessor;

  @Column('date')
  measuredAt: LocalDate;

  /** Dimension code → level value. */
  @Column('jsonb')
  values: Record<string, number>;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { nullable: true })
  supersedesId: string | null;

  @Column('uuid', { nullable: true })
  supersededBy: string | null;

  @Column('text')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}

/**
 * The counter behind the sequence numbers of one course, scale and assessor, and the date of its latest
 * measurement. A writer locks the rows it needs, so numbers are gap-free and follow the measurement dates.
 */
@Entity({ name: 'measurement_series' })
export class MeasurementSeriesEntity {
  @PrimaryColumn('uuid')
  referralId: string;

  @PrimaryColumn('text')
  scaleCode: string;

  @PrimaryColumn('text')
  assessor: Assessor;

  @Column('int')
  lastSequence: number;

  @Column('date', { nullable: true })
  lastMeasuredAt: LocalDate | null;
}
