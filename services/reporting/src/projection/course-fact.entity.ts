import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per referral (= course) with every dimension, date, status and count reporting needs, so KPIs are single
 * aggregates over one table. Rows may be partial: an event of another topic can arrive before ReferralReceived,
 * and the dimensions are filled in when it does. No CPR, no names: the citizen is only a pseudonym.
 */
@Entity({ name: 'course_fact' })
// Covering indexes (INCLUDE every column a KPI, distribution or curve reads), so a municipality-year or provider-year
// is an index-only range scan instead of tens of thousands of heap pages. TypeORM cannot express INCLUDE: the
// indexes are created by migration CoveringIndexes and left alone by schema sync.
@Index('course_fact_municipality_received', { synchronize: false })
@Index('course_fact_provider_received', { synchronize: false })
export class CourseFact {
  @PrimaryColumn('uuid')
  referralId: string;

  @Column('text', { nullable: true })
  externalRef: string | null;

  @Column('text', { nullable: true })
  municipalityCode: string | null;

  @Column('text', { nullable: true })
  providerId: string | null;

  @Column('uuid', { nullable: true })
  offerId: string | null;

  @Column('text', { nullable: true })
  packageType: string | null;

  @Column('text', { nullable: true })
  tenderArea: string | null;

  @Column('text', { nullable: true })
  targetGroup: string | null;

  @Column('text', { array: true, nullable: true })
  purposes: string[] | null;

  @Column('double precision', { nullable: true })
  hoursPerWeek: number | null;

  @Column('date', { nullable: true })
  plannedStart: string | null;

  @Column('integer', { nullable: true })
  plannedWeeks: number | null;

  @Column('date', { nullable: true })
  plannedEnd: string | null;

  @Column('text', { nullable: true })
  citizenPseudonym: string | null;

  @Column('timestamptz', { nullable: true })
  receivedAt: Date | null;

  /** The referral's date (Copenhagen), the period dimension of every KPI filter. */
  @Column('date', { nullable: true })
  receivedDate: string | null;

  @Column('date', { nullable: true })
  answerDue: string | null;

  @Column('date', { nullable: true })
  startDue: string | null;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  rejectedAt: Date | null;

  @Column('text', { nullable: true })
  rejectReason: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @Column('date', { nullable: true })
  startDate: string | null;

  @Column('date', { nullable: true })
  pausedSince: string | null;

  @Column('date', { nullable: true })
  resumedOn: string | null;

  /** Pauses and resumes counted, so whether the course is paused does not depend on event order. */
  @Column('integer', { default: 0 })
  pauses: number;

  @Column('integer', { default: 0 })
  resumes: number;

  @Column('date', { nullable: true })
  endDate: string | null;

  @Column('text', { nullable: true })
  endReason: string | null;

  @Column('text', { nullable: true })
  exitStatus: string | null;

  @Column('text', { name: 'exit_status_3m', nullable: true })
  exitStatus3m: string | null;

  @Column('text', { name: 'exit_status_6m', nullable: true })
  exitStatus6m: string | null;

  @Column('text', { name: 'exit_status_12m', nullable: true })
  exitStatus12m: string | null;

  @Column('integer', { default: 0 })
  placements: number;

  @Column('integer', { default: 0 })
  placementsInternal: number;

  @Column('integer', { default: 0 })
  conversionsToPaidHours: number;

  @Column('integer', { default: 0 })
  reports: number;

  /**
   * LADDER_12 professional measurements: sequence numbers and levels in sequence order (the curves' input), the first
   * CURVE_MAX_MEASUREMENTS of them so the row fits its covering index entries; first/best/last use all.
   */
  @Column('integer', { array: true, default: () => "'{}'" })
  levelSequences: number[];

  @Column('smallint', { array: true, default: () => "'{}'" })
  levels: number[];

  @Column('smallint', { nullable: true })
  firstLevel: number | null;

  @Column('smallint', { nullable: true })
  bestLevel: number | null;

  @Column('smallint', { nullable: true })
  lastLevel: number | null;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}
