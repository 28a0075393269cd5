import { decodeEvent, EVENT_SCHEMAS_BY_TOPIC, REFERRALS_TOPIC, type EventMessage } from '@platform/contracts';
import { isMunicipalityCode, isValidCvr, isValidLocalDate } from '@platform/domain-kernel';
import { PoisonMessageError } from '@platform/messaging';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERRAL_TYPES: ReadonlySet<string> = new Set(EVENT_SCHEMAS_BY_TOPIC[REFERRALS_TOPIC].map((s) => s.typeName));

function check(ok: boolean, type: string, what: string): void {
  if (!ok) throw new PoisonMessageError(`${type}: ${what}`);
}

/**
 * Decodes and validates a referrals event before the projection uses it (ARCHITECTURE.md: consumers validate
 * payloads). Anything unusable is a PoisonMessageError and goes to the DLQ at once.
 */
export function decodeCourseEvent(type: string, payload: Buffer): EventMessage {
  check(REFERRAL_TYPES.has(type), type, `not an event of ${REFERRALS_TOPIC}`);
  let event: EventMessage;
  try {
    event = decodeEvent(type, payload);
  } catch (error) {
    throw new PoisonMessageError((error as Error).message);
  }
  check(UUID.test(event.referralId), type, 'referral_id is not a UUID');
  const date = (value: string, field: string) => check(isValidLocalDate(value), type, `${field} is not a date`);
  switch (event.$typeName) {
    case 'referrals.events.v1.ReferralReceived':
      check(isMunicipalityCode(event.municipalityCode), type, 'municipality_code is invalid');
      check(isValidCvr(event.providerId), type, 'provider_id is not a CVR');
      date(event.plannedStart, 'planned_start');
      check(
        Number.isInteger(event.plannedWeeks) && event.plannedWeeks > 0 && event.plannedWeeks <= 520,
        type,
        'planned_weeks is out of range',
      );
      check(
        Number.isFinite(event.hoursPerWeek) && event.hoursPerWeek > 0 && event.hoursPerWeek <= 80,
        type,
        'hours_per_week is out of range',
      );
      break;
    case 'referrals.events.v1.CourseStarted':
      date(event.startDate, 'start_date');
      break;
    case 'referrals.events.v1.CourseCompleted':
      date(event.endDate, 'end_date');
      break;
    case 'referrals.events.v1.CourseChanged':
      date(event.plannedEnd, 'planned_end');
      check(
        Number.isFinite(event.hoursPerWeek) && event.hoursPerWeek > 0 && event.hoursPerWeek <= 80,
        type,
        'hours_per_week is out of range',
      );
      break;
    default:
      break;
  }
  return event;
}
