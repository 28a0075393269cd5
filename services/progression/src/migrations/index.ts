import { Initial1795346366541 } from './1795346366541-initial';
import { BuiltInScales1795346366542 } from './1795346366542-built-in-scales';
import { AuditLog1795348273536 } from './1795348273536-audit-log';
import { OneAuditTrail1796000789347 } from './1796000789347-one-audit-trail';

/** Every migration of the progression schema, oldest first. */
export const MIGRATIONS = [
  Initial1795346366541,
  BuiltInScales1795346366542,
  AuditLog1795348273536,
  OneAuditTrail1796000789347,
];
