import { DomainError, ReferralStatus } from '@platform/domain-kernel';
import {
  isCourseOpen,
  isTerminal,
  nextStatus,
  REFERRAL_ACTIONS,
  transition,
  type ReferralAction,
} from './referral-state';

/** The whole table of DOMAIN.md's lifecycle: every (status, action) pair that is allowed, and where it leads. */
const ALLOWED: Record<ReferralStatus, Partial<Record<ReferralAction, ReferralStatus>>> = {
  RECEIVED: { accept: 'ACCEPTED', reject: 'REJECTED', cancel: 'CANCELLED' },
  ACCEPTED: { start: 'STARTED', cancel: 'CANCELLED' },
  STARTED: { pause: 'PAUSED', complete: 'COMPLETED', cancel: 'CANCELLED' },
  PAUSED: { resume: 'STARTED', complete: 'COMPLETED', cancel: 'CANCELLED' },
  REJECTED: {},
  COMPLETED: {},
  CANCELLED: {},
};

const pairs = ReferralStatus.flatMap((status) => REFERRAL_ACTIONS.map((action) => [status, action] as const));

describe('referral lifecycle', () => {
  it.each(pairs.filter(([s, a]) => ALLOWED[s][a]))('%s --%s--> allowed', (status, action) => {
    expect(transition(status, action)).toBe(ALLOWED[status][action]);
  });

  it.each(pairs.filter(([s, a]) => !ALLOWED[s][a]))(
    '%s --%s--> refused with 409 invalid-transition',
    (status, action) => {
      expect(nextStatus(status, action)).toBeUndefined();
      let thrown: unknown;
      try {
        transition(status, action);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe('INVALID_TRANSITION');
      expect((thrown as DomainError).details.allowedActions).toEqual(
        Object.keys(ALLOWED[status]).sort(
          (a, b) => REFERRAL_ACTIONS.indexOf(a as ReferralAction) - REFERRAL_ACTIONS.indexOf(b as ReferralAction),
        ),
      );
    },
  );

  it('knows which statuses end a referral and which keep a course open', () => {
    expect(ReferralStatus.filter(isTerminal)).toEqual(['REJECTED', 'COMPLETED', 'CANCELLED']);
    expect(ReferralStatus.filter(isCourseOpen)).toEqual(['STARTED', 'PAUSED']);
  });
});
