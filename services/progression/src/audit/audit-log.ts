import type { EntityManager } from 'typeorm';
import type { Actor } from '@platform/auth';
import { currentContext } from '@platform/observability';
import { AuditEntity } from './audit.entity';

/**
 * Records a read of personal data: reports hold observations about health, and notes on measurements may too
 * (ARCHITECTURE.md, Security and privacy).
 */
export async function auditRead(
  manager: EntityManager,
  actor: Actor,
  resourceType: 'report' | 'measurements',
  resourceIds: string[],
): Promise<void> {
  if (resourceIds.length === 0) return;
  const requestId = currentContext()?.requestId ?? null;
  await manager.insert(
    AuditEntity,
    resourceIds.map((resourceId) => ({
      actorSub: actor.sub,
      actorRole: actor.role,
      actorOrg: actor.org,
      action: 'read',
      resourceType,
      resourceId,
      requestId,
    })),
  );
}
