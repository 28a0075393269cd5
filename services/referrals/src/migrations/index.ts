import { Initial1795343536885 } from './1795343536885-initial';
import { OneAuditTrail1795400000000 } from './1795400000000-one-audit-trail';

/** Every migration of the referrals schema, oldest first. */
export const MIGRATIONS = [Initial1795343536885, OneAuditTrail1795400000000];
