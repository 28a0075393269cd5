import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import type { LocalDate, PlacementEndReason, PlacementType } from '@platform/domain-kernel';

export interface FollowUpRhythm {
  /** Days between follow-ups with the citizen (e.g. 7: weekly). */
  citizenEveryDays: number;
  /** Days between follow-ups with the employer (e.g. 14: every second week). */
  employerEveryDays: number;
}

/** The individual agreement (individuel aftale, seed 004). Free text may hold health information. */
export interface IndividualAgreement {
  workFunctions: string[];
  trainingGoals: string[];
  accommodations: string[];
  aids: string[];
  support: string[];
  daysPerWeek: number | null;
  followUp: FollowUpRhythm;
  nextPaidHoursReview: LocalDate | null;
}

/** A citizen's placement at a company (virksomhedsplacering) during a course. Hours live in placement_hours. */
@Entity({ name: 'placement' })
@Index('placement_by_referral', ['referralId', 'startDate'])
@Index('placement_by_provider_active', ['providerId'], { where: 'end_date IS NULL' })
export class PlacementEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  referralId: string;

  /** Owner and reader of the course, copied from the projection when the placement was made (tenancy). */
  @Column('text')
  providerId: string;

  @Column('text')
  municipalityCode: string;

  /** The current type; a conversion of internship hours to paid hours changes it to HYBRID or SMALL_JOB. */
  @Column('text')
  type: PlacementType;

  @Column('text')
  initialType: PlacementType;

  @Column('boolean')
  internal: boolean;

  @Column('text')
  employerCvr: string;

  @Column('text')
  employerName: string;

  @Column('text', { nullable: true })
  employerPNumber: string | null;

  @Column('date')
  startDate: LocalDate;

  @Column('date', { nullable: true })
  plannedEndDate: LocalDate | null;

  @Column('jsonb')
  agreement: IndividualAgreement;

  @Column('date', { nullable: true })
  endDate: LocalDate | null;

  @Column('text', { nullable: true })
  endReason: PlacementEndReason | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('text')
  createdBy: string;

  @Column('timestamptz')
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
