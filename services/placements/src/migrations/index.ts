import { Initial1795346304570 } from './1795346304570-initial';

/** Every migration of the placements schema, oldest first. */
export const MIGRATIONS = [Initial1795346304570];
