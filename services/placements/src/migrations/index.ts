import { Initial1795346304570 } from './1795346304570-initial';
import { AuditLog1795347743163 } from './1795347743163-audit-log';
import { SealedIdempotencyReplays1795350000000 } from './1795350000000-sealed-idempotency-replays';
import { ConsumerPositions1795998839440 } from './1795998839440-ConsumerPositions';
import { OneAuditTrail1796000789347 } from './1796000789347-one-audit-trail';

/** Every migration of the placements schema, oldest first. */
export const MIGRATIONS = [
  Initial1795346304570,
  AuditLog1795347743163,
  SealedIdempotencyReplays1795350000000,
  ConsumerPositions1795998839440,
  OneAuditTrail1796000789347,
];
