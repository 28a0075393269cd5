import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FollowUpMode, LocalDate } from '@platform/domain-kernel';

/** The five observation areas of seed 004. Free text; may hold health information. */
export interface FollowUpObservations {
  attendance?: string;
  tasksAndWorkCapacity?: string;
  motivation?: string;
  accommodationsAndQualityOfLife?: string;
  citizenAndEmployerViews?: string;
}

export const FollowUpParticipant = ['CITIZEN', 'EMPLOYER', 'CASEWORKER', 'PROVIDER', 'OTHER'] as const;
export type FollowUpParticipant = (typeof FollowUpParticipant)[number];

/** A follow-up (opfølgning) on a placement. */
@Entity({ name: 'follow_up' })
@Index('follow_up_by_placement', ['placementId', 'date'])
export class FollowUpEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  placementId: string;

  @Column('date')
  date: LocalDate;

  @Column('text')
  mode: FollowUpMode;

  @Column('text', { array: true })
  participants: FollowUpParticipant[];

  @Column('double precision', { nullable: true })
  attendancePct: number | null;

  @Column('double precision', { nullable: true })
  effectivenessPct: number | null;

  @Column('jsonb')
  observations: FollowUpObservations;

  @Column('date', { nullable: true })
  nextFollowUp: LocalDate | null;

  @Column('timestamptz')
  recordedAt: Date;

  @Column('text')
  recordedBy: string;
}
