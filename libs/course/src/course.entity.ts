import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate, ReferralStatus } from '@platform/domain-kernel';

/**
 * What this service knows about a referral and its course, projected from `referrals.events.v1` (never read from
 * the referrals service's tables). A row may exist before its ReferralReceived arrives (events out of order); until
 * then the owner is unknown and the course is treated as not found.
 */
@Entity({ name: 'course' })
export class CourseEntity {
  @PrimaryColumn('uuid')
  referralId: string;

  @Column('text', { nullable: true })
  municipalityCode: string | null;

  @Column('text', { nullable: true })
  providerId: string | null;

  @Column('text', { nullable: true })
  status: ReferralStatus | null;

  /** `ce_time` of the event that set the status: orders pause/resume that arrive out of order. */
  @Column('text', { nullable: true })
  statusAt: string | null;

  @Column('double precision', { nullable: true })
  hoursPerWeek: number | null;

  @Column('date', { nullable: true })
  plannedStart: LocalDate | null;

  @Column('date', { nullable: true })
  plannedEnd: LocalDate | null;

  /** Approval instant of the latest CourseChanged applied; a plan from ReferralReceived never overrides it. */
  @Column('text', { nullable: true })
  planChangedAt: string | null;

  @Column('date', { nullable: true })
  startDate: LocalDate | null;

  @Column('date', { nullable: true })
  endDate: LocalDate | null;

  @Column('timestamptz')
  updatedAt: Date;
}
