import { Initial1795343536885 } from './1795343536885-initial';

/** Every migration of the referrals schema, oldest first. */
export const MIGRATIONS = [Initial1795343536885];
