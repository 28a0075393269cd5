import type { JWTPayload } from 'jose';
import { DomainError, isCode, isMunicipalityCode, isValidCvr, Role } from '@platform/domain-kernel';
import type { Actor } from './actor';

/**
 * Maps the verified claims of API.md to an Actor. Pure (no key material), so the claim rules are unit-tested
 * without a token.
 */
export function actorFromClaims(claims: JWTPayload): Actor {
  const { sub, role, org, name } = claims as JWTPayload & { role?: unknown; org?: unknown; name?: unknown };
  if (typeof sub !== 'string' || sub.length === 0) throw new DomainError('UNAUTHENTICATED', 'Token has no sub');
  if (typeof role !== 'string' || !isCode(Role, role)) {
    throw new DomainError('UNAUTHENTICATED', `Token role must be one of ${Role.join(', ')}`);
  }
  if (role !== 'admin' && (typeof org !== 'string' || org.length === 0)) {
    throw new DomainError('UNAUTHENTICATED', 'Token has no org');
  }
  // The org is the tenant: a malformed one must not act as a tenant that merely owns nothing (ADR 0052).
  if ((role === 'jobcenter' || role === 'analyst') && !isMunicipalityCode(org)) {
    throw new DomainError('UNAUTHENTICATED', `Token org of a ${role} must be a municipality code (e.g. 101)`);
  }
  if (role === 'provider' && !isValidCvr(org)) {
    throw new DomainError('UNAUTHENTICATED', 'Token org of a provider must be a valid CVR number');
  }
  return { sub, role, org: typeof org === 'string' ? org : '', name: typeof name === 'string' ? name : undefined };
}
