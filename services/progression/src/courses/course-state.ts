import type { EventMessage } from '@platform/contracts';
import type { LocalDate, ReferralStatus } from '@platform/domain-kernel';

/**
 * What progression knows about a referral, learnt from `referrals.events.v1`: who owns it (tenancy) and where the
 * course is in its lifecycle (whether it may be measured, from which date).
 */
export interface CourseState {
  referralId: string;
  municipalityCode: string;
  providerId: string;
  status: ReferralStatus;
  startDate: LocalDate | null;
  endDate: LocalDate | null;
}

/**
 * The projection's rule: the state after an event. Events of one referral arrive in order (one key, one partition),
 * and the referrals service only publishes legal transitions, so each event sets the state it describes. An event
 * about a referral never received here (its ReferralReceived predates the topic's retention) changes nothing: the
 * owner is unknown, and without an owner no one may measure it.
 */
export function applyReferralEvent(state: CourseState | null, event: EventMessage): CourseState | null {
  switch (event.$typeName) {
    case 'referrals.events.v1.ReferralReceived':
      return {
        referralId: event.referralId,
        municipalityCode: event.municipalityCode,
        providerId: event.providerId,
        status: 'RECEIVED',
        startDate: null,
        endDate: null,
      };
    case 'referrals.events.v1.ReferralAccepted':
      return state && { ...state, status: 'ACCEPTED' };
    case 'referrals.events.v1.ReferralRejected':
      return state && { ...state, status: 'REJECTED' };
    case 'referrals.events.v1.CourseStarted':
      return state && { ...state, status: 'STARTED', startDate: event.startDate };
    case 'referrals.events.v1.CoursePaused':
      return state && { ...state, status: 'PAUSED' };
    case 'referrals.events.v1.CourseResumed':
      return state && { ...state, status: 'STARTED' };
    case 'referrals.events.v1.CourseCompleted':
      return state && { ...state, status: 'COMPLETED', endDate: event.endDate };
    case 'referrals.events.v1.ReferralCancelled':
      return state && { ...state, status: 'CANCELLED' };
    // Facts that do not change who owns the course or whether it may be measured.
    case 'referrals.events.v1.CourseChanged':
    case 'referrals.events.v1.OutcomeRecorded':
    // Other topics' events never reach this projection; listed so a new event type is a compile error here.
    case 'placements.events.v1.PlacementStarted':
    case 'placements.events.v1.PlacementHoursChanged':
    case 'placements.events.v1.FollowUpRecorded':
    case 'placements.events.v1.PlacementEnded':
    case 'progression.events.v1.MeasurementRecorded':
    case 'progression.events.v1.ReportSubmitted':
      return state;
  }
}

/** The fields of an event the projection relies on, checked before use (consumers validate payloads). */
export function invalidEventFields(event: EventMessage): string[] {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const problems: string[] = [];
  if (!uuid.test(event.referralId)) problems.push('referral_id is not a UUID');
  switch (event.$typeName) {
    case 'referrals.events.v1.ReferralReceived':
      if (!/^\d{3}$/.test(event.municipalityCode)) problems.push('municipality_code is not 3 digits');
      if (!/^\d{8}$/.test(event.providerId)) problems.push('provider_id is not a CVR');
      break;
    case 'referrals.events.v1.CourseStarted':
      if (!date.test(event.startDate)) problems.push('start_date is not YYYY-MM-DD');
      break;
    case 'referrals.events.v1.CourseCompleted':
      if (!date.test(event.endDate)) problems.push('end_date is not YYYY-MM-DD');
      break;
    default:
      break;
  }
  return problems;
}
