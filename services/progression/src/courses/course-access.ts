import { assertCourseAccess, assertRoleMay, mayAccess, type Actor, type CourseAccess } from '@platform/auth';
import { refusalOnProjection, type CourseState } from '@platform/course';
import { notFound, type ReferralStatus } from '@platform/domain-kernel';

/** What progression reads of the shared course projection. */
export type ProjectedCourse = Pick<
  CourseState,
  'referralId' | 'municipalityCode' | 'providerId' | 'status' | 'startDate' | 'endDate'
>;

/** A course whose ReferralReceived has been projected: its owner and status are known. */
export type KnownCourse<T extends ProjectedCourse = ProjectedCourse> = T & {
  municipalityCode: string;
  providerId: string;
  status: ReferralStatus;
};

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

/**
 * The course when the actor may have this access to it: 403 for a role that may never, 404 for another tenant's
 * course. A course not projected yet is 404 only once the request has waited for the projection (read-your-writes).
 */
function knownCourse<T extends ProjectedCourse>(
  actor: Actor,
  access: CourseAccess,
  course: T | null | undefined,
  referralId: string,
): KnownCourse<T> {
  if (!course || course.municipalityCode === null || course.providerId === null || course.status === null) {
    assertRoleMay(actor, access);
    throw refusalOnProjection(referralId, notFound('Referral', referralId));
  }
  return assertCourseAccess(actor, access, course as KnownCourse<T>, 'Referral', referralId);
}

/** The course when the actor may read it. */
export function assertReadable<T extends ProjectedCourse>(
  actor: Actor,
  course: T | null | undefined,
  referralId: string,
): KnownCourse<T> {
  return knownCourse(actor, 'read', course, referralId);
}

/** The course when the actor may write to it as its provider. */
export function assertWritable<T extends ProjectedCourse>(
  actor: Actor,
  course: T | null | undefined,
  referralId: string,
): KnownCourse<T> {
  return knownCourse(actor, 'write-as-provider', course, referralId);
}
