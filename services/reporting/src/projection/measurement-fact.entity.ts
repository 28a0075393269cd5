import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One progression measurement (any scale, any assessor). A correction supersedes the measurement it names. */
@Entity({ name: 'measurement_fact' })
@Index('measurement_fact_referral', ['referralId', 'sequence'])
@Index('measurement_fact_supersedes', ['supersedesId'])
export class MeasurementFact {
  @PrimaryColumn('uuid')
  measurementId: string;

  @Column('uuid')
  referralId: string;

  @Column('text')
  scaleCode: string;

  @Column('integer')
  scaleVersion: number;

  @Column('integer')
  sequence: number;

  @Column('date')
  measuredDate: string;

  @Column('text')
  assessor: string;

  /** The level on a one-dimension scale; the mean of the dimensions' levels otherwise. */
  @Column('double precision')
  level: number;

  @Column('jsonb')
  dimensionValues: Record<string, number>;

  @Column('uuid', { nullable: true })
  supersedesId: string | null;

  @Column('boolean', { default: false })
  superseded: boolean;
}
