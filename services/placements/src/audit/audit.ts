import type { EntityManager } from 'typeorm';
import type { Actor } from '@platform/auth';
import { currentContext } from '@platform/observability';
import { AuditEntity } from './audit.entity';

/**
 * Records a read of placement data (agreements, observations and logbooks hold health information; ARCHITECTURE.md
 * "Reads of personal data are audit-logged").
 */
export async function auditRead(
  manager: EntityManager,
  actor: Actor,
  resourceType: 'placement' | 'referral-placements',
  resourceId: string,
): Promise<void> {
  await manager.insert(AuditEntity, {
    actorSub: actor.sub,
    actorRole: actor.role,
    actorOrg: actor.org,
    action: 'read',
    resourceType,
    resourceId,
    requestId: currentContext()?.requestId ?? null,
  });
}
