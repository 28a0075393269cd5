import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExitStatus, LocalDate, OutcomeHorizon } from '@platform/domain-kernel';

/** The citizen's status at a follow-up horizon after the course ended, as recorded by the jobcenter. */
@Entity({ name: 'outcome' })
export class OutcomeEntity {
  @PrimaryColumn('uuid')
  referralId: string;

  @PrimaryColumn('text')
  horizon: OutcomeHorizon;

  @Column('text')
  status: ExitStatus;

  @Column('date')
  observedAt: LocalDate;

  @Column('text')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
