import type { Actor } from '@platform/auth';
import { DomainError, notFound } from '@platform/domain-kernel';
import type { CourseState } from './course-state';

/**
 * Tenancy (API.md): the provider of the referral writes and reads, the jobcenter of its municipality reads, an
 * admin does both; anyone else is told the referral does not exist. Analysts read pseudonymised reporting only.
 */
export function canRead(actor: Actor, course: Pick<CourseState, 'municipalityCode' | 'providerId'>): boolean {
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

export function canWrite(actor: Actor, course: Pick<CourseState, 'providerId'>): boolean {
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

/** The course when the actor may read it; NOT_FOUND otherwise (also while the projection has not seen it yet). */
export function assertReadable<T extends Pick<CourseState, 'municipalityCode' | 'providerId'>>(
  actor: Actor,
  course: T | null | undefined,
  referralId: string,
): T {
  if (actor.role === 'analyst') {
    throw new DomainError('FORBIDDEN', 'Analysts read pseudonymised reporting, not single courses');
  }
  if (!course || !canRead(actor, course)) throw notFound('Referral', referralId);
  return course;
}
