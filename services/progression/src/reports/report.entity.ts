import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LocalDate, ReportKind } from '@platform/domain-kernel';

export interface ReportSections {
  attentionPoints?: Record<string, string>;
  resourceProfile?: Record<string, string>;
  summary?: string;
}

/** A report to the caseworker. Kept with the referral's owners so that reads need no other table. */
@Entity({ name: 'report' })
@Index('report_by_referral', ['referralId', 'submittedAt'])
export class ReportEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  referralId: string;

  /** The jobcenter that may read it. */
  @Column('text')
  municipalityCode: string;

  /** The provider that wrote it. */
  @Column('text')
  providerId: string;

  @Column('text')
  kind: ReportKind;

  @Column('date', { nullable: true })
  periodFrom: LocalDate | null;

  @Column('date', { nullable: true })
  periodTo: LocalDate | null;

  @Column('jsonb')
  sections: ReportSections;

  @Column('boolean')
  citizenDisagrees: boolean;

  @Column('text', { nullable: true })
  citizenComment: string | null;

  @Column('text')
  submittedBy: string;

  @Column('text', { nullable: true })
  submittedByName: string | null;

  @Column('timestamptz')
  submittedAt: Date;
}
