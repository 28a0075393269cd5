import type { Actor } from '@platform/auth';
import { refusalOnProjection, type CourseState } from '@platform/course';
import { DomainError, notFound, type ReferralStatus } from '@platform/domain-kernel';

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
 * Tenancy (API.md): the provider of the referral writes and reads, the jobcenter of its municipality reads, an
 * admin does both; anyone else is told the referral does not exist. Analysts read pseudonymised reporting only.
 */
export function canRead(actor: Actor, course: Pick<KnownCourse, 'municipalityCode' | 'providerId'>): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'jobcenter':
      return course.municipalityCode === actor.org;
    case 'provider':
      return course.providerId === actor.org;
    case 'analyst':
      return false;
  }
}

export function canWrite(actor: Actor, course: Pick<KnownCourse, 'providerId'>): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'provider':
      return course.providerId === actor.org;
    case 'jobcenter':
    case 'analyst':
      return false;
  }
}

/**
 * The course when the actor may read it; NOT_FOUND otherwise. A course not projected yet is NOT_FOUND only once the
 * request has waited for the projection (read-your-writes).
 */
export function assertReadable<T extends ProjectedCourse>(
  actor: Actor,
  course: T | null | undefined,
  referralId: string,
): KnownCourse<T> {
  if (actor.role === 'analyst') {
    throw new DomainError('FORBIDDEN', 'Analysts read pseudonymised reporting, not single courses');
  }
  if (!course || course.municipalityCode === null || course.providerId === null || course.status === null) {
    throw refusalOnProjection(referralId, notFound('Referral', referralId));
  }
  const known = course as KnownCourse<T>;
  if (!canRead(actor, known)) throw notFound('Referral', referralId);
  return known;
}
