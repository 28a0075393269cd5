import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import type {
  EndReason,
  ExitStatus,
  LocalDate,
  PackageType,
  Purpose,
  ReferralStatus,
  TargetGroup,
} from '@platform/domain-kernel';

export interface Caseworker {
  name: string;
  email?: string;
  phone?: string;
}

/** A referral and, once started, the course (forløb) it becomes: one aggregate, one id. */
@Entity({ name: 'referral' })
@Index('referral_external_ref_per_municipality', ['municipalityCode', 'externalRef'], { unique: true })
@Index('referral_provider_updated', ['providerId', 'updatedAt', 'id'])
@Index('referral_municipality_updated', ['municipalityCode', 'updatedAt', 'id'])
export class ReferralEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  externalRef: string;

  @Column('text')
  municipalityCode: string;

  @Column('text')
  providerId: string;

  @Column('uuid')
  offerId: string;

  @Column('text')
  packageType: PackageType;

  /** CPR, name, contact details and accommodations, AES-256-GCM encrypted (citizen-crypto.ts). */
  @Column('text')
  citizenSealed: string;

  /** Keyed hash of the CPR: the look-up key here and the only citizen identifier that leaves the service. */
  @Index()
  @Column('text')
  citizenPseudonym: string;

  @Column('boolean', { default: false })
  interpreterNeeded: boolean;

  @Column('jsonb')
  caseworker: Caseworker;

  @Column('text')
  targetGroup: TargetGroup;

  @Column('text', { array: true })
  purposes: Purpose[];

  @Column('text', { array: true })
  focusPoints: string[];

  @Column('double precision')
  hoursPerWeek: number;

  @Column('date')
  plannedStart: LocalDate;

  @Column('int')
  plannedWeeks: number;

  @Column('date')
  plannedEnd: LocalDate;

  @Column('text')
  status: ReferralStatus;

  @Column('date', { nullable: true })
  expectedStart: LocalDate | null;

  @Column('date', { nullable: true })
  startDate: LocalDate | null;

  @Column('date', { nullable: true })
  pausedFrom: LocalDate | null;

  @Column('date', { nullable: true })
  endDate: LocalDate | null;

  @Column('text', { nullable: true })
  endReason: EndReason | null;

  @Column('text', { nullable: true })
  exitStatus: ExitStatus | null;

  /** Service levels resolved to dates when the referral was received. */
  @Column('date')
  answerDue: LocalDate;

  @Column('date')
  startDue: LocalDate;

  @Column('timestamptz', { nullable: true })
  answeredAt: Date | null;

  @Column('timestamptz')
  receivedAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
