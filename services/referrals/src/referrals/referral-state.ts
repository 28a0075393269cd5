import { DomainError, type ReferralStatus, type Role } from '@platform/domain-kernel';

export const REFERRAL_ACTIONS = ['accept', 'reject', 'start', 'pause', 'resume', 'complete', 'cancel'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/** Who may take each action (API.md). Admins may act for either side. */
export const ACTION_ROLE: Readonly<Record<ReferralAction, Role>> = {
  accept: 'provider',
  reject: 'provider',
  start: 'provider',
  pause: 'provider',
  resume: 'provider',
  complete: 'provider',
  cancel: 'jobcenter',
};

/**
 * The lifecycle of DOMAIN.md. One deliberate addition: a PAUSED course may be completed (a citizen on sick
 * leave whose course ends with end reason SICK), recorded in docs/adr/0004-referral-lifecycle.md.
 */
export function nextStatus(from: ReferralStatus, action: ReferralAction): ReferralStatus | undefined {
  switch (from) {
    case 'RECEIVED':
      return action === 'accept'
        ? 'ACCEPTED'
        : action === 'reject'
          ? 'REJECTED'
          : action === 'cancel'
            ? 'CANCELLED'
            : undefined;
    case 'ACCEPTED':
      return action === 'start' ? 'STARTED' : action === 'cancel' ? 'CANCELLED' : undefined;
    case 'STARTED':
      return action === 'pause'
        ? 'PAUSED'
        : action === 'complete'
          ? 'COMPLETED'
          : action === 'cancel'
            ? 'CANCELLED'
            : undefined;
    case 'PAUSED':
      return action === 'resume'
        ? 'STARTED'
        : action === 'complete'
          ? 'COMPLETED'
          : action === 'cancel'
            ? 'CANCELLED'
            : undefined;
    case 'REJECTED':
    case 'COMPLETED':
    case 'CANCELLED':
      return undefined;
  }
}

/** The status after `action`, or a 409 invalid-transition error naming what is allowed instead. */
export function transition(from: ReferralStatus, action: ReferralAction): ReferralStatus {
  const to = nextStatus(from, action);
  if (to === undefined) {
    const allowed = REFERRAL_ACTIONS.filter((a) => nextStatus(from, a) !== undefined);
    throw new DomainError('INVALID_TRANSITION', `Cannot ${action} a referral that is ${from}`, {
      currentStatus: from,
      allowedActions: allowed,
    });
  }
  return to;
}

export const isTerminal = (status: ReferralStatus): boolean =>
  REFERRAL_ACTIONS.every((action) => nextStatus(status, action) === undefined);

/** A course is open for placements and measurements while it runs. */
export const isCourseOpen = (status: ReferralStatus): boolean => status === 'STARTED' || status === 'PAUSED';
