/** @platform/audit: the one audit trail of reads of personal and health data (ADR 0052). */
export { downgradeAuditLog, upgradeAuditLog } from './audit-log.migration';
export { AuditRecord } from './audit-record.entity';
export { auditRead, auditRows, type AuditedRead } from './audit-trail';
