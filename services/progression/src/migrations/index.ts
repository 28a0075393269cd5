import { Initial1795346366541 } from './1795346366541-initial';
import { BuiltInScales1795346366542 } from './1795346366542-built-in-scales';
import { AuditLog1795348273536 } from './1795348273536-audit-log';
import { SealedIdempotencyReplays1795350000000 } from './1795350000000-sealed-idempotency-replays';
import { ConsumerPositions1795998841274 } from './1795998841274-ConsumerPositions';
import { OneAuditTrail1796000789347 } from './1796000789347-one-audit-trail';

/** Every migration of the progression schema, oldest first. */
export const MIGRATIONS = [
  Initial1795346366541,
  BuiltInScales1795346366542,
  AuditLog1795348273536,
  SealedIdempotencyReplays1795350000000,
  ConsumerPositions1795998841274,
  OneAuditTrail1796000789347,
];
