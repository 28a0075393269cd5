import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One company placement: type, internal/external, hours and whether internship hours became paid hours. */
@Entity({ name: 'placement_fact' })
@Index('placement_fact_referral', ['referralId'])
export class PlacementFact {
  @PrimaryColumn('uuid')
  placementId: string;

  @Column('uuid')
  referralId: string;

  @Column('text', { nullable: true })
  type: string | null;

  @Column('boolean', { nullable: true })
  internal: boolean | null;

  @Column('date', { nullable: true })
  startDate: string | null;

  @Column('double precision', { nullable: true })
  startPaidHours: number | null;

  @Column('double precision', { nullable: true })
  hoursPerWeek: number | null;

  @Column('double precision', { default: 0 })
  maxPaidHours: number;

  @Column('date', { nullable: true })
  endDate: string | null;

  @Column('text', { nullable: true })
  endReason: string | null;

  @Column('integer', { default: 0 })
  followUps: number;

  @Column('double precision', { nullable: true })
  attendancePctSum: number | null;

  @Column('integer', { default: 0 })
  attendanceCount: number;
}
