import { assertCourseAccess, mayAccess, type Actor } from '@platform/auth';
import type { CourseState } from './course-state';

/**
 * Tenancy is the platform's one rule set (libs/auth `tenancy.ts`, ADR 0052): the provider of the referral writes
 * and reads, the jobcenter of its municipality reads, an admin does both; another tenant is told the referral does
 * not exist (404); a role that may never do it (analysts, a jobcenter writing) gets 403.
 */
type Owner = Pick<CourseState, 'municipalityCode' | 'providerId'>;

export function canRead(actor: Actor, course: Owner): boolean {
  return mayAccess(actor, 'read', course);
}

export function canWrite(actor: Actor, course: Owner): boolean {
  return mayAccess(actor, 'write-as-provider', course);
}

/** The course when the actor may read it; NOT_FOUND otherwise (also while the projection has not seen it yet). */
export function assertReadable<T extends Owner>(actor: Actor, course: T | null | undefined, referralId: string): T {
  return assertCourseAccess(actor, 'read', course, 'Referral', referralId);
}

/** The course when the actor may write to it as its provider; 403 for the role, 404 for another tenant. */
export function assertWritable<T extends Owner>(actor: Actor, course: T | null | undefined, referralId: string): T {
  return assertCourseAccess(actor, 'write-as-provider', course, 'Referral', referralId);
}
