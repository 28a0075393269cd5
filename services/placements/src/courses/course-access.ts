import type { EntityManager } from 'typeorm';
import {
  assertCourseAccess,
  assertRoleMay,
  mayAccess,
  type Actor,
  type CourseAccess,
  type TenantOwner,
} from '@platform/auth';
import { CourseEntity, refusalOnProjection } from '@platform/course';
import { notFound } from '@platform/domain-kernel';

/** An owner is known once ReferralReceived has been projected. */
export type KnownCourse = CourseEntity & { providerId: string; municipalityCode: string };

/**
 * Tenancy is the platform's one rule set (libs/auth `tenancy.ts`, ADR 0052): the referral's provider reads and
 * writes, the jobcenter of its municipality reads, an admin does both; another tenant gets 404, a role that may
 * never do it (analysts, a jobcenter writing) 403.
 */
export function canSee(actor: Actor, owner: TenantOwner): boolean {
  return mayAccess(actor, 'read', owner);
}

export function assertVisible<T extends TenantOwner>(
  actor: Actor,
  resource: T | null,
  what: string,
  id: string,
  access: CourseAccess = 'read',
): T {
  return assertCourseAccess(actor, access, resource, what, id);
}

/** Writes belong to the referral's provider (or an admin); a jobcenter that may read gets 403. */
export function assertWrites(actor: Actor): void {
  assertRoleMay(actor, 'write-as-provider');
}

/** The projected course of a referral the actor may see; 404 when unknown or another tenant's. */
export async function visibleCourse(
  manager: EntityManager,
  actor: Actor,
  referralId: string,
  lock = false,
  access: CourseAccess = 'read',
): Promise<KnownCourse> {
  const course = await manager.findOne(CourseEntity, {
    where: { referralId },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  const known = course && course.providerId !== null && course.municipalityCode !== null ? course : null;
  if (!known) {
    // The role is judged first (403 before 404); unknown here may mean not seen yet: the request waits for the
    // projection before this is final.
    assertRoleMay(actor, access);
    throw refusalOnProjection(referralId, notFound('Referral', referralId));
  }
  return assertVisible(actor, known as KnownCourse, 'Referral', referralId, access);
}
