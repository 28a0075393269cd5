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

/** How long a token may live and how far the issuer's clock may be ahead of ours (ADR 0071). */
export interface TokenPolicy {
  /** Longest accepted lifetime: `exp − iat`, or `exp − now` for a token without `iat`. */
  maxLifetimeSeconds: number;
  /** Tolerated difference between the issuer's clock and ours, for `iat`, `nbf` and `exp`. */
  clockSkewSeconds: number;
}

/** 24 h: a system client's working day; identity providers issue far shorter tokens (ADR 0071). */
export const DEFAULT_TOKEN_POLICY: TokenPolicy = { maxLifetimeSeconds: 24 * 3600, clockSkewSeconds: 60 };

/**
 * The time claims a verified token must carry beyond its signature: an `exp` (a token without one would be valid
 * for ever), a lifetime within the policy's maximum, and no `iat` in the future beyond the clock skew. Expiry itself
 * is checked by the verifier (with the same skew). `now` in seconds since the epoch.
 */
export function assertTokenTimes(
  claims: JWTPayload,
  policy: TokenPolicy,
  now: number = Math.floor(Date.now() / 1000),
): void {
  const { exp, iat } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new DomainError('UNAUTHENTICATED', 'Token has no exp');
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) {
    throw new DomainError('UNAUTHENTICATED', 'Token iat must be a NumericDate');
  }
  if (iat !== undefined && iat > now + policy.clockSkewSeconds) {
    throw new DomainError('UNAUTHENTICATED', 'Token iat is in the future');
  }
  const lifetime = exp - (iat ?? now);
  if (lifetime > policy.maxLifetimeSeconds) {
    throw new DomainError(
      'UNAUTHENTICATED',
      `Token lifetime must not exceed ${policy.maxLifetimeSeconds} s (exp − iat is ${lifetime} s)`,
    );
  }
}
