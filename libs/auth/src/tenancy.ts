import { DomainError, type Role } from '@platform/domain-kernel';
import type { Actor } from './actor';

/**
 * The one tenancy rule set of the platform (ADR 0052). Every service asks these functions — REST and GraphQL
 * alike — instead of switching on `actor.role` itself, so the same role and tenant get the same answer everywhere.
 *
 * API.md: missing/invalid token 401 (the guard), role not allowed 403, resource of another tenant 404.
 */

/** What a caller wants to do with a per-course resource (a referral and what hangs off it). */
export type CourseAccess = 'read' | 'write-as-provider' | 'write-as-jobcenter';

/** Who owns a per-course resource: the referral's municipality and provider (null while not yet known). */
export interface TenantOwner {
  municipalityCode: string | null;
  providerId: string | null;
}

export type TenancyDecision = { allowed: true } | { allowed: false; answer: 'FORBIDDEN' | 'NOT_FOUND' };

/** Roles that may ever do each kind of access to a single course; anyone else gets 403 whatever the resource. */
export const ROLES_FOR: Readonly<Record<CourseAccess, readonly Role[]>> = {
  // Analysts read pseudonymised aggregates only (reporting); a single course is never theirs: 403, not 404.
  read: ['jobcenter', 'provider', 'admin'],
  'write-as-provider': ['provider', 'admin'],
  'write-as-jobcenter': ['jobcenter', 'admin'],
};

const ALLOWED: TenancyDecision = { allowed: true };
const FORBIDDEN: TenancyDecision = { allowed: false, answer: 'FORBIDDEN' };
const NOT_FOUND: TenancyDecision = { allowed: false, answer: 'NOT_FOUND' };

/** Whether the actor's tenant is the owner's: the municipality for a jobcenter, the provider for a provider. */
function ownsTenant(actor: Actor, owner: TenantOwner): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'jobcenter':
      return owner.municipalityCode !== null && owner.municipalityCode === actor.org;
    case 'provider':
      return owner.providerId !== null && owner.providerId === actor.org;
    case 'analyst':
      return false;
  }
}

/**
 * The decision for one access to one resource. The role is judged first (403 even when the resource does not
 * exist, so a 403 never tells whether it does); then existence and tenant together (404 for both, so another
 * tenant's resource is indistinguishable from a missing one).
 */
export function decideCourseAccess(
  actor: Actor,
  access: CourseAccess,
  owner: TenantOwner | null | undefined,
): TenancyDecision {
  if (!ROLES_FOR[access].includes(actor.role)) return FORBIDDEN;
  if (!owner || !ownsTenant(actor, owner)) return NOT_FOUND;
  return ALLOWED;
}

/** True when the actor may do this; for filters over many rows (a list keeps only what this admits). */
export function mayAccess(actor: Actor, access: CourseAccess, owner: TenantOwner | null | undefined): boolean {
  return decideCourseAccess(actor, access, owner).allowed;
}

/**
 * The resource when the actor may do this with it; otherwise the coded error of API.md (403 role, 404 tenant or
 * missing). `what` and `id` name the resource in the 404 message.
 */
export function assertCourseAccess<T extends TenantOwner>(
  actor: Actor,
  access: CourseAccess,
  resource: T | null | undefined,
  what: string,
  id: string,
): T {
  const decision = decideCourseAccess(actor, access, resource);
  if (decision.allowed) return resource as T;
  throw decision.answer === 'FORBIDDEN'
    ? new DomainError('FORBIDDEN', forbiddenMessage(actor, access))
    : new DomainError('NOT_FOUND', `${what} ${id} was not found`);
}

/** 403 unless the role may ever do this (for checks before the resource is loaded). */
export function assertRoleMay(actor: Actor, access: CourseAccess): void {
  if (!ROLES_FOR[access].includes(actor.role)) throw new DomainError('FORBIDDEN', forbiddenMessage(actor, access));
}

function forbiddenMessage(actor: Actor, access: CourseAccess): string {
  switch (access) {
    case 'read':
      return actor.role === 'analyst'
        ? 'Analysts read pseudonymised aggregates (reporting), not single courses'
        : `Role ${actor.role} may not read this`;
    case 'write-as-provider':
      return 'Only the provider of the referral may do this';
    case 'write-as-jobcenter':
      return 'Only the jobcenter of the referral may do this';
  }
}

/** The rows a caller may list: everything, one municipality's or one provider's. */
export type TenantScope =
  { kind: 'all' } | { kind: 'municipality'; municipalityCode: string } | { kind: 'provider'; providerId: string };

/**
 * The scope of a list. `courses`: per-course rows (referrals, placements, measurements) — analysts 403.
 * `aggregates`: pseudonymised figures (reporting) — analysts and jobcenters see their municipality.
 */
export function tenantScope(actor: Actor, of: 'courses' | 'aggregates'): TenantScope {
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'jobcenter':
      return { kind: 'municipality', municipalityCode: actor.org };
    case 'provider':
      return { kind: 'provider', providerId: actor.org };
    case 'analyst':
      if (of === 'courses') throw new DomainError('FORBIDDEN', forbiddenMessage(actor, 'read'));
      return { kind: 'municipality', municipalityCode: actor.org };
  }
}

/** The owner columns a scope pins (for a TypeORM `where` or a SQL filter); empty for `all`. */
export function scopeWhere(scope: TenantScope): Partial<{ municipalityCode: string; providerId: string }> {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'municipality':
      return { municipalityCode: scope.municipalityCode };
    case 'provider':
      return { providerId: scope.providerId };
  }
}

/**
 * A tenant the caller names itself — a new referral's municipality, a report filter — must be the caller's own:
 * otherwise 403 with the field (the caller typed the other tenant, so answering 403 leaks nothing, and a 404 or a
 * silently narrowed answer would mislead). Names of the other dimension are free (a jobcenter names providers).
 */
export function assertNamesOwnTenant(
  actor: Actor,
  field: 'municipalityCode' | 'providerId',
  value: string | null | undefined,
): void {
  if (value === null || value === undefined || value === '') return;
  const pinned = scopeWhere(tenantScope(actor, 'aggregates'))[field];
  if (pinned !== undefined && pinned !== value) {
    throw new DomainError('FORBIDDEN', `A ${actor.role} of ${actor.org} may only name ${field} ${actor.org}`, {
      errors: [{ field, message: `must be ${actor.org}` }],
    });
  }
}
