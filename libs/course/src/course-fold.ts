import type { EventMessage } from '@platform/contracts';
import { addDays, type LocalDate, type ReferralStatus } from '@platform/domain-kernel';

/** The projected state of one course (the columns of CourseEntity without bookkeeping). */
export interface CourseState {
  referralId: string;
  municipalityCode: string | null;
  providerId: string | null;
  status: ReferralStatus | null;
  statusAt: string | null;
  hoursPerWeek: number | null;
  plannedStart: LocalDate | null;
  plannedEnd: LocalDate | null;
  planChangedAt: string | null;
  startDate: LocalDate | null;
  endDate: LocalDate | null;
}

export const emptyCourse = (referralId: string): CourseState => ({
  referralId,
  municipalityCode: null,
  providerId: null,
  status: null,
  statusAt: null,
  hoursPerWeek: null,
  plannedStart: null,
  plannedEnd: null,
  planChangedAt: null,
  startDate: null,
  endDate: null,
});

/**
 * How far along the lifecycle a status is. Events of one course arrive in order on one partition, but a replay,
 * a re-drive from the DLQ or a producer retry can deliver an old event late; a later stage is never undone by an
 * earlier one, and a terminal status is final.
 */
function stage(status: ReferralStatus | null): number {
  switch (status) {
    case null:
      return 0;
    case 'RECEIVED':
      return 1;
    case 'ACCEPTED':
      return 2;
    case 'STARTED':
    case 'PAUSED':
      return 3;
    case 'REJECTED':
    case 'COMPLETED':
    case 'CANCELLED':
      return 4;
  }
}

/** Pause and resume move back and forth within the open stage; between them the later event (`ce_time`) wins. */
function withStatus(state: CourseState, status: ReferralStatus, at: string): CourseState {
  const current = stage(state.status);
  const next = stage(status);
  if (next > current || (next === current && next === 3 && state.statusAt !== null && at > state.statusAt)) {
    return { ...state, status, statusAt: at };
  }
  return state;
}

/**
 * Folds one referral event into the course state. Pure and order-tolerant: applying the same set of events in any
 * order gives the same state for everything placements relies on (owner, terminal status, dates, plan).
 * `at` is the event's `ce_time` (RFC 3339 UTC, so string order is time order).
 */
export function evolveCourse(state: CourseState, event: EventMessage, at: string): CourseState {
  switch (event.$typeName) {
    case 'referrals.events.v1.ReferralReceived': {
      const received = {
        ...state,
        municipalityCode: event.municipalityCode,
        providerId: event.providerId,
      };
      const plan =
        state.planChangedAt === null
          ? {
              hoursPerWeek: event.hoursPerWeek,
              plannedStart: event.plannedStart,
              plannedEnd: addDays(event.plannedStart, event.plannedWeeks * 7 - 1),
            }
          : { plannedStart: event.plannedStart };
      return withStatus({ ...received, ...plan }, 'RECEIVED', at);
    }
    case 'referrals.events.v1.ReferralAccepted':
      return withStatus(state, 'ACCEPTED', at);
    case 'referrals.events.v1.ReferralRejected':
      return withStatus(state, 'REJECTED', at);
    case 'referrals.events.v1.CourseStarted':
      return withStatus({ ...state, startDate: event.startDate }, 'STARTED', at);
    case 'referrals.events.v1.CoursePaused':
      return withStatus(state, 'PAUSED', at);
    case 'referrals.events.v1.CourseResumed':
      return withStatus(state, 'STARTED', at);
    case 'referrals.events.v1.CourseCompleted':
      return withStatus({ ...state, endDate: event.endDate }, 'COMPLETED', at);
    case 'referrals.events.v1.ReferralCancelled':
      return withStatus(state, 'CANCELLED', at);
    case 'referrals.events.v1.CourseChanged': {
      const approvedAt = event.approvedAt || at;
      if (state.planChangedAt !== null && approvedAt <= state.planChangedAt) return state;
      return { ...state, plannedEnd: event.plannedEnd, hoursPerWeek: event.hoursPerWeek, planChangedAt: approvedAt };
    }
    case 'referrals.events.v1.OutcomeRecorded':
      return state;
    case 'placements.events.v1.PlacementStarted':
    case 'placements.events.v1.PlacementHoursChanged':
    case 'placements.events.v1.FollowUpRecorded':
    case 'placements.events.v1.PlacementEnded':
    case 'progression.events.v1.MeasurementRecorded':
    case 'progression.events.v1.ReportSubmitted':
      // Not events of the referrals topic; the consumer's decoder refuses them before they get here.
      return state;
  }
}
