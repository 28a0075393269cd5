import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalDate, ReferralStatus } from '@platform/domain-kernel';

/** The projection of a referral's ownership and course state (see course-state.ts). */
@Entity({ name: 'course' })
export class CourseEntity {
  @PrimaryColumn('uuid')
  referralId: string;

  @Column('text')
  municipalityCode: string;

  @Column('text')
  providerId: string;

  @Column('text')
  status: ReferralStatus;

  @Column('date', { nullable: true })
  startDate: LocalDate | null;

  @Column('date', { nullable: true })
  endDate: LocalDate | null;

  @Column('timestamptz')
  updatedAt: Date;
}
