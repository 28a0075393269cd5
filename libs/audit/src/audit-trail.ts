import type { EntityManager } from 'typeorm';
import type { Actor } from '@platform/auth';
import { currentContext } from '@platform/observability';
import { AuditRecord } from './audit-record.entity';

/** One read to record: the resource kind, the ids read and the referral they belong to. */
export interface AuditedRead {
  resourceType: string;
  resourceIds: readonly string[];
  referralId: string | null;
}

/** The rows for reads by one actor (pure, so the format is unit-tested). Reads of nothing leave no row. */
export function auditRows(actor: Actor, reads: readonly AuditedRead[], requestId: string | null = null) {
  return reads
    .filter((read) => read.resourceIds.length > 0)
    .map((read) => ({
      actorSub: actor.sub,
      actorRole: actor.role,
      actorOrg: actor.org,
      actorName: actor.name ?? null,
      action: 'read',
      resourceType: read.resourceType,
      resourceIds: [...read.resourceIds],
      referralId: read.referralId,
      operation: actor.operation ?? 'unknown',
      requestId,
    }));
}

/**
 * The one way to leave an audit row for a read of personal or health data, over REST and GraphQL alike: one row per
 * referral read, in the service's own `audit_log`. Pass the manager of the read's transaction when there is one.
 */
export async function auditRead(manager: EntityManager, actor: Actor, ...reads: AuditedRead[]): Promise<void> {
  const rows = auditRows(actor, reads, currentContext()?.requestId ?? null);
  if (rows.length > 0) await manager.insert(AuditRecord, rows);
}
