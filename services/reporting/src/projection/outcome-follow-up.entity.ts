import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An outcome horizon of a completed course: due on its date, recorded when the jobcenter reports the status. A
 * recorded outcome that arrives before the completion is kept with no due date until the completion arrives.
 */
@Entity({ name: 'outcome_follow_up' })
@Index('outcome_follow_up_open_by_municipality', ['municipalityCode', 'dueDate'], { where: 'exit_status IS NULL' })
@Index('outcome_follow_up_open_by_provider', ['providerId', 'dueDate'], { where: 'exit_status IS NULL' })
export class OutcomeFollowUp {
  @PrimaryColumn('uuid')
  referralId: string;

  @PrimaryColumn('text')
  horizon: string;

  /** Copied from the course so the due list is one index range per tenant. */
  @Column('text', { nullable: true })
  municipalityCode: string | null;

  @Column('text', { nullable: true })
  providerId: string | null;

  @Column('date', { nullable: true })
  dueDate: string | null;

  @Column('text', { nullable: true })
  exitStatus: string | null;

  @Column('date', { nullable: true })
  observedDate: string | null;
}
