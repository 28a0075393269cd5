import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalDate } from '@platform/domain-kernel';

export const HoursChangeKind = ['START', 'CHANGE', 'CONVERSION'] as const;
export type HoursChangeKind = (typeof HoursChangeKind)[number];

/** One line of a placement's hours history (timeoptrapning). Never updated; the current figure is derived. */
@Entity({ name: 'placement_hours' })
@Index('placement_hours_by_placement', ['placementId', 'effectiveFrom', 'id'])
export class PlacementHoursEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid')
  placementId: string;

  @Column('text')
  kind: HoursChangeKind;

  @Column('date')
  effectiveFrom: LocalDate;

  @Column('double precision')
  hoursPerWeek: number;

  @Column('double precision')
  paidHoursPerWeek: number;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('timestamptz')
  recordedAt: Date;

  @Column('text')
  recordedBy: string;
}
