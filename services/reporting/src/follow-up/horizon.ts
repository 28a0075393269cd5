import { addDays, addMonths, OutcomeHorizonMonths, type LocalDate, type OutcomeHorizon } from '@platform/domain-kernel';

/** The date an outcome horizon falls due: the course's end date plus the horizon's months (clamped at month end). */
export const horizonDue = (endDate: LocalDate, horizon: OutcomeHorizon): LocalDate =>
  addMonths(endDate, OutcomeHorizonMonths[horizon]);

/**
 * The earliest end date whose horizon is not yet past due on `today`: a course that ended before it is overdue at
 * that horizon. Lets SQL compare end dates with one constant instead of adding months to every row.
 */
export function overdueIfEndedBefore(today: LocalDate, horizon: OutcomeHorizon): LocalDate {
  // horizonDue is monotonic in the end date; start below the answer and walk up (at most a few days).
  let date = addDays(addMonths(today, -OutcomeHorizonMonths[horizon]), -4);
  while (horizonDue(date, horizon) < today) date = addDays(date, 1);
  return date;
}
