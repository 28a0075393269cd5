import { assertNamesOwnTenant, scopeWhere, tenantScope, type Actor } from '@platform/auth';
import { DomainError } from '@platform/domain-kernel';

/** The filter dimensions every report takes (API.md `KpiFilter`). Dates are the referral's date, inclusive. */
export interface ReportFilter {
  municipalityCode?: string | null;
  providerId?: string | null;
  offerId?: string | null;
  targetGroup?: string | null;
  from?: string | null;
  to?: string | null;
}

/**
 * Tenancy for reports (ADR 0030, rules in libs/auth per ADR 0052): analysts and jobcenters see their municipality,
 * providers their own courses, admins everything. A filter left open is narrowed to the caller's tenant; a filter naming another tenant is
 * refused (FORBIDDEN) rather than silently answered with the caller's own or with nothing, so a BI tool never
 * shows another tenant's label over the caller's numbers.
 */
export function scopeFilter(actor: Actor, filter: ReportFilter): ReportFilter {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new DomainError('VALIDATION_FAILED', 'from must not be after to', {
      errors: [{ field: 'to', message: 'must not be before from' }],
    });
  }
  assertNamesOwnTenant(actor, 'municipalityCode', filter.municipalityCode);
  assertNamesOwnTenant(actor, 'providerId', filter.providerId);
  return { ...filter, ...scopeWhere(tenantScope(actor, 'aggregates')) };
}

/** SQL conditions and parameters for a scoped filter on `course_fact c` (parameters numbered from `first`). */
export function filterSql(filter: ReportFilter, first = 1): { where: string; params: unknown[] } {
  const conditions = ['c.received_date IS NOT NULL'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace('?', `$${first + params.length - 1}`));
  };
  if (filter.municipalityCode) add('c.municipality_code = ?', filter.municipalityCode);
  if (filter.providerId) add('c.provider_id = ?', filter.providerId);
  if (filter.offerId) add('c.offer_id = ?::uuid', filter.offerId);
  if (filter.targetGroup) add('c.target_group = ?', filter.targetGroup);
  if (filter.from) add('c.received_date >= ?::date', filter.from);
  if (filter.to) add('c.received_date <= ?::date', filter.to);
  return { where: conditions.join(' AND '), params };
}
