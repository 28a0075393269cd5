import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import type { ChangeRequestKind, ChangeRequestStatus, LocalDate } from '@platform/domain-kernel';

/** A provider's proposal to change a course (NAV's "forslag"); the jobcenter approves or rejects it. */
@Entity({ name: 'change_request' })
@Index('change_request_by_referral', ['referralId', 'proposedAt'])
export class ChangeRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  referralId: string;

  @Column('text')
  kind: ChangeRequestKind;

  @Column('text')
  status: ChangeRequestStatus;

  /** EXTEND and END_EARLY: the proposed planned end. */
  @Column('date', { nullable: true })
  newEndDate: LocalDate | null;

  /** CHANGE_HOURS: the proposed weekly hours. */
  @Column('double precision', { nullable: true })
  hoursPerWeek: number | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text')
  proposedBy: string;

  @Column('timestamptz')
  proposedAt: Date;

  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;

  @Column('text', { nullable: true })
  decisionComment: string | null;

  /** Grows with every change (the decision): the change request's ETag (ADR 0062). */
  @VersionColumn()
  version: number;
}
