import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One read of personal or health data (ARCHITECTURE.md "Reads of personal data are audit-logged": who, what, when,
 * why/how). Every service that holds such data registers this entity in its own data source, so each keeps its own
 * `audit_log` table (data ownership) in one shape (ADR 0052).
 */
@Entity({ name: 'audit_log' })
@Index('audit_log_by_referral', ['referralId', 'at'])
export class AuditRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** When. */
  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  /** Who: the token's sub, role, org and display name. */
  @Column('text')
  actorSub: string;

  @Column('text')
  actorRole: string;

  @Column('text')
  actorOrg: string;

  @Column('text', { nullable: true })
  actorName: string | null;

  /** What was done: `read` (writes are in the services' histories and events). */
  @Column('text')
  action: string;

  /** What: the kind of resource and the ids read, and the course (referral) they belong to. */
  @Column('text')
  resourceType: string;

  @Column('text', { array: true })
  resourceIds: string[];

  @Column('uuid', { nullable: true })
  referralId: string | null;

  /** How/why: the REST route (`GET /api/v1/referrals/:id`) or GraphQL field (`Query.placement`) that read it. */
  @Column('text')
  operation: string;

  @Column('text', { nullable: true })
  requestId: string | null;
}
