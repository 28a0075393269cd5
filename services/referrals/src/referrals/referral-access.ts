import type { Actor } from '@platform/auth';
import { DomainError, notFound } from '@platform/domain-kernel';

/**
 * Tenancy (API.md): a jobcenter sees its municipality's referrals, a provider only those addressed to it, an
 * admin all. Another tenant's referral is reported as not found, so its existence does not leak.
 */
export function canSee(actor: Actor, referral: { municipalityCode: string; providerId: string }): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'jobcenter':
      return referral.municipalityCode === actor.org;
    case 'provider':
      return referral.providerId === actor.org;
    case 'analyst':
      return false;
  }
}

export function assertVisible<T extends { id: string; municipalityCode: string; providerId: string }>(
  actor: Actor,
  referral: T | null,
  id: string,
): T {
  if (!referral || !canSee(actor, referral)) throw notFound('Referral', id);
  return referral;
}

/** Where a referral is visible but the action belongs to the other party. */
export function assertActsAs(actor: Actor, role: 'jobcenter' | 'provider'): void {
  if (actor.role !== role && actor.role !== 'admin') {
    throw new DomainError('FORBIDDEN', `Only a ${role} may do this`);
  }
}
