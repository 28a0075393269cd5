import { Initial1795343536885 } from './1795343536885-initial';
import { SealedIdempotencyReplays1795350000000 } from './1795350000000-sealed-idempotency-replays';
import { OneAuditTrail1796000789347 } from './1796000789347-one-audit-trail';
import { ChangeRequestVersion1796100000000 } from './1796100000000-change-request-version';

/** Every migration of the referrals schema, oldest first. */
export const MIGRATIONS = [
  Initial1795343536885,
  SealedIdempotencyReplays1795350000000,
  OneAuditTrail1796000789347,
  ChangeRequestVersion1796100000000,
];
