import type { LocalDate } from '@platform/domain-kernel';
import type { FollowUpEntity } from './follow-up.entity';
import type { LogbookEntryEntity } from './logbook-entry.entity';
import type { PlacementHoursEntity } from './placement-hours.entity';
import { followUpsDue, hoursOn, type FollowUpDue } from './placement-rules';
import type { PlacementEntity } from './placement.entity';

/** What a view needs besides the placement row. */
export interface PlacementDetails {
  hours: PlacementHoursEntity[];
  followUps: FollowUpEntity[];
  logbook: LogbookEntryEntity[];
  /** Combined current hours of this and overlapping placements of the same course, and the course's hours. */
  concurrency: { combinedHoursPerWeek: number; courseHoursPerWeek: number | null; exceedsCourseHours: boolean };
  today: LocalDate;
}

const seqOf = (line: PlacementHoursEntity) => Number(line.id);

/** The current hours of a placement on a day, derived from its history. */
export function currentHours(hours: PlacementHoursEntity[], day: LocalDate) {
  const line = hoursOn(
    hours.map((h) => ({ ...h, seq: seqOf(h) })),
    day,
  );
  return { hoursPerWeek: line?.hoursPerWeek ?? 0, paidHoursPerWeek: line?.paidHoursPerWeek ?? 0 };
}

/** The public shape of a placement (API.md). */
export function placementView(placement: PlacementEntity, details: PlacementDetails) {
  const { hoursPerWeek, paidHoursPerWeek } = currentHours(details.hours, details.today);
  const active = placement.endDate === null;
  const due: FollowUpDue[] = active
    ? followUpsDue(placement.agreement.followUp, placement.startDate, details.followUps, details.today)
    : [];
  return {
    id: placement.id,
    referralId: placement.referralId,
    providerId: placement.providerId,
    municipalityCode: placement.municipalityCode,
    type: placement.type,
    initialType: placement.initialType,
    internal: placement.internal,
    employer: { cvr: placement.employerCvr, name: placement.employerName, pNumber: placement.employerPNumber },
    startDate: placement.startDate,
    plannedEndDate: placement.plannedEndDate,
    status: active ? ('ACTIVE' as const) : ('ENDED' as const),
    endDate: placement.endDate,
    endReason: placement.endReason,
    hoursPerWeek,
    paidHoursPerWeek,
    internshipHoursPerWeek: Math.max(0, hoursPerWeek - paidHoursPerWeek),
    hoursHistory: [...details.hours]
      .sort((a, b) => seqOf(a) - seqOf(b))
      .map((h) => ({
        kind: h.kind,
        effectiveFrom: h.effectiveFrom,
        hoursPerWeek: h.hoursPerWeek,
        paidHoursPerWeek: h.paidHoursPerWeek,
        reason: h.reason,
        recordedAt: h.recordedAt.toISOString(),
        recordedBy: h.recordedBy,
      })),
    agreement: placement.agreement,
    followUps: [...details.followUps]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((f) => ({
        id: f.id,
        date: f.date,
        mode: f.mode,
        participants: f.participants,
        attendancePct: f.attendancePct,
        effectivenessPct: f.effectivenessPct,
        observations: f.observations,
        nextFollowUp: f.nextFollowUp,
        recordedAt: f.recordedAt.toISOString(),
      })),
    followUpsDue: due,
    logbook: [...details.logbook]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id)))
      .map((e) => ({
        date: e.date,
        hoursWorked: e.hoursWorked,
        sick: e.sick,
        leftEarly: e.leftEarly,
        leftEarlyReason: e.leftEarlyReason,
        tasks: e.tasks,
        breaks: e.breaks,
        note: e.note,
        recordedAt: e.recordedAt.toISOString(),
      })),
    concurrency: details.concurrency,
    flags: details.concurrency.exceedsCourseHours ? ['HOURS_EXCEED_COURSE'] : [],
    createdAt: placement.createdAt.toISOString(),
    updatedAt: placement.updatedAt.toISOString(),
    version: placement.version,
  };
}

export type PlacementView = ReturnType<typeof placementView>;
