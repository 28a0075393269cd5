import type { EntityManager } from 'typeorm';
import type { Actor } from '@platform/auth';
import { DomainError, notFound } from '@platform/domain-kernel';
import { CourseEntity, refusalOnProjection } from '@platform/course';

/** An owner is known once ReferralReceived has been projected. */
export type KnownCourse = CourseEntity & { providerId: string; municipalityCode: string };

/**
 * Tenancy (API.md): the referral's provider reads and writes, the jobcenter of its municipality reads, an admin
 * does both; anyone else is told the referral does not exist. Analysts read aggregates only (403).
 */
export function canSee(actor: Actor, owner: { municipalityCode: string; providerId: string }): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'jobcenter':
      return owner.municipalityCode === actor.org;
    case 'provider':
      return owner.providerId === actor.org;
    case 'analyst':
      throw new DomainError('FORBIDDEN', 'Analysts read pseudonymised reporting, not placements');
  }
}

export function assertVisible<T extends { municipalityCode: string; providerId: string }>(
  actor: Actor,
  resource: T | null,
  what: string,
  id: string,
): T {
  if (!resource || !canSee(actor, resource)) throw notFound(what, id);
  return resource;
}

/** Writes belong to the referral's provider (or an admin); a jobcenter that may read gets 403. */
export function assertWrites(actor: Actor): void {
  if (actor.role !== 'provider' && actor.role !== 'admin') {
    throw new DomainError('FORBIDDEN', 'Only the referral’s provider records placements');
  }
}

/** The projected course of a referral the actor may see; 404 when unknown or another tenant's. */
export async function visibleCourse(
  manager: EntityManager,
  actor: Actor,
  referralId: string,
  lock = false,
): Promise<KnownCourse> {
  const course = await manager.findOne(CourseEntity, {
    where: { referralId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!course || course.providerId === null || course.municipalityCode === null) {
    // Unknown here may mean not seen yet: the request waits for the projection before this is final.
    throw refusalOnProjection(referralId, notFound('Referral', referralId));
  }
  return assertVisible(actor, course as KnownCourse, 'Referral', referralId);
}
