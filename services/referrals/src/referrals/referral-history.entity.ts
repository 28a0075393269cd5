import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ReferralStatus, Role } from '@platform/domain-kernel';

/** One line of a referral's history: what happened, who did it, when and why. Never updated. */
@Entity({ name: 'referral_history' })
@Index('referral_history_by_referral', ['referralId', 'id'])
export class ReferralHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid')
  referralId: string;

  /** create, accept, reject, start, pause, resume, complete, cancel, change-approved, outcome. */
  @Column('text')
  action: string;

  /** The status after the action. */
  @Column('text')
  status: ReferralStatus;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  bySub: string;

  @Column('text')
  byRole: Role;

  @Column('text', { nullable: true })
  byName: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text', { nullable: true })
  comment: string | null;

  /** Dates and values that came with the action (startDate, endDate, …). */
  @Column('jsonb', { nullable: true })
  data: Record<string, string | number | boolean | null> | null;
}
