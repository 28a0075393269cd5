import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Reads of personal data: who read what, when (ARCHITECTURE.md, Security and privacy). */
@Entity({ name: 'audit_log' })
@Index('audit_log_by_resource', ['resourceId', 'at'])
export class AuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  @Column('text')
  actorSub: string;

  @Column('text')
  actorRole: string;

  @Column('text')
  actorOrg: string;

  @Column('text')
  action: string;

  @Column('text')
  resourceType: string;

  @Column('text')
  resourceId: string;

  @Column('text', { nullable: true })
  requestId: string | null;
}
