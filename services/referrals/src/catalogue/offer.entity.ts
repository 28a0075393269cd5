import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PackageType, TargetGroup } from '@platform/domain-kernel';

/** An offer (tilbud/tilbudspakke) a provider sells, with the service levels it was bought under. */
@Entity({ name: 'offer' })
export class OfferEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Index()
  @Column('text')
  providerId: string;

  @Column('text')
  packageType: PackageType;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  tenderArea: string | null;

  @Column('text', { array: true })
  targetGroups: TargetGroup[];

  @Column('double precision', { nullable: true })
  weeklyHours: number | null;

  @Column('int', { nullable: true })
  maxWeeks: number | null;

  /** Working days the provider has to answer a referral; null means the platform default. */
  @Column('int', { nullable: true })
  answerWithinWorkingDays: number | null;

  /** Working days from the referral until the course must start; null means the platform default. */
  @Column('int', { nullable: true })
  startWithinWorkingDays: number | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;
}
