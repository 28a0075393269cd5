import {
  addDays,
  daysBetween,
  DomainError,
  type FieldError,
  type LocalDate,
  type PlacementType,
  type ReferralStatus,
} from '@platform/domain-kernel';
import { refusalOnCourse } from '@platform/course';

/** The course facts the placement rules need (from the referral projection). */
export interface CourseFacts {
  referralId: string;
  status: ReferralStatus | null;
  hoursPerWeek: number | null;
  plannedStart: LocalDate | null;
  plannedEnd: LocalDate | null;
  startDate: LocalDate | null;
  endDate: LocalDate | null;
}

export interface HoursLine {
  effectiveFrom: LocalDate;
  hoursPerWeek: number;
  paidHoursPerWeek: number;
  /** Insertion order, to break ties between changes effective the same day. */
  seq: number;
}

const violated = (errors: FieldError[]): DomainError =>
  new DomainError(
    'RULE_VIOLATED',
    errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} rules are violated`,
    { errors },
  );

/** New placements and hours changes need a course that is running now (API.md: 422 otherwise). */
export function assertCourseStarted(course: CourseFacts): void {
  if (course.status !== 'STARTED') {
    throw refusalOnCourse(
      course,
      new DomainError(
        'RULE_VIOLATED',
        `The referral's course is ${course.status ?? 'not started'}; placements are made and changed while it is STARTED`,
        {
          currentStatus: course.status,
          errors: [{ field: 'referral', message: `course is ${course.status ?? 'unknown'}, not STARTED` }],
        },
      ),
    );
  }
}

/** The days of the course: from its real start (else planned start) to its end (else planned end). */
export function courseWindow(course: CourseFacts): { from: LocalDate | null; to: LocalDate | null } {
  return { from: course.startDate ?? course.plannedStart, to: course.endDate ?? course.plannedEnd };
}

/** Dates that must lie inside the course (and, where given, inside the placement). Returns the violations. */
export function datesInside(
  dates: { field: string; value: LocalDate | null | undefined }[],
  window: { from: LocalDate | null; to: LocalDate | null },
  what = 'the course',
): FieldError[] {
  const errors: FieldError[] = [];
  for (const { field, value } of dates) {
    if (!value) continue;
    if (window.from && value < window.from)
      errors.push({ field, message: `must not be before ${what} (${window.from})` });
    else if (window.to && value > window.to)
      errors.push({ field, message: `must not be after ${what} (${window.to})` });
  }
  return errors;
}

export function assertNoViolations(errors: FieldError[]): void {
  if (errors.length > 0) throw violated(errors);
}

/** Rules for a new placement's own figures. */
export function placementErrors(input: {
  startDate: LocalDate;
  plannedEndDate?: LocalDate | null;
  hoursPerWeek: number;
  paidHoursPerWeek: number;
  type: PlacementType;
  course: CourseFacts;
}): FieldError[] {
  const errors = datesInside(
    [
      { field: 'startDate', value: input.startDate },
      { field: 'plannedEndDate', value: input.plannedEndDate },
    ],
    courseWindow(input.course),
  );
  if (input.plannedEndDate && input.plannedEndDate < input.startDate) {
    errors.push({ field: 'plannedEndDate', message: 'must not be before startDate' });
  }
  errors.push(...paidHoursErrors(input.hoursPerWeek, input.paidHoursPerWeek));
  errors.push(...typeHoursErrors(input.type, input.hoursPerWeek, input.paidHoursPerWeek));
  return errors;
}

export function paidHoursErrors(hours: number, paid: number): FieldError[] {
  return paid > hours ? [{ field: 'paidHoursPerWeek', message: `must not exceed hoursPerWeek (${hours})` }] : [];
}

/** A type's hours must fit the type: an internship has no paid hours, a small job only paid ones, a hybrid both. */
export function typeHoursErrors(type: PlacementType, hours: number, paid: number): FieldError[] {
  switch (type) {
    case 'INTERNSHIP':
    case 'TASTER':
      return paid > 0
        ? [{ field: 'paidHoursPerWeek', message: `a ${type} has no paid hours; convert it instead` }]
        : [];
    case 'HYBRID':
      return paid <= 0 || paid >= hours
        ? [{ field: 'paidHoursPerWeek', message: 'a HYBRID has both paid and internship hours' }]
        : [];
    case 'SMALL_JOB':
      return paid !== hours ? [{ field: 'paidHoursPerWeek', message: 'a SMALL_JOB is paid hours only' }] : [];
    case 'WAGE_SUBSIDY':
    case 'FLEX_JOB':
    case 'ORDINARY_JOB':
    case 'ADULT_APPRENTICESHIP':
      return [];
  }
}

/**
 * The type after paid hours change on an internship-family placement: some paid hours make it a HYBRID, only paid
 * hours a SMALL_JOB, none an INTERNSHIP again. Other types (subsidised or ordinary jobs) keep their type.
 */
export function typeAfterHours(type: PlacementType, hours: number, paid: number): PlacementType {
  switch (type) {
    case 'INTERNSHIP':
    case 'HYBRID':
    case 'SMALL_JOB':
      return paid <= 0 ? 'INTERNSHIP' : paid >= hours ? 'SMALL_JOB' : 'HYBRID';
    case 'TASTER':
    case 'WAGE_SUBSIDY':
    case 'FLEX_JOB':
    case 'ORDINARY_JOB':
    case 'ADULT_APPRENTICESHIP':
      return type;
  }
}

/** A conversion turns internship hours into paid hours: only for INTERNSHIP or HYBRID, and paid hours must rise. */
export function conversionErrors(type: PlacementType, currentPaid: number, hours: number, paid: number): FieldError[] {
  const errors: FieldError[] = [];
  if (type !== 'INTERNSHIP' && type !== 'HYBRID') {
    errors.push({
      field: 'type',
      message: `only an INTERNSHIP or HYBRID converts hours to paid hours, this is ${type}`,
    });
  }
  if (paid <= currentPaid) {
    errors.push({ field: 'paidHoursPerWeek', message: `must be more than the current paid hours (${currentPaid})` });
  }
  errors.push(...paidHoursErrors(hours, paid));
  return errors;
}

/** The hours in force on a day: the latest change effective on or before it (the first line before any). */
export function hoursOn<T extends HoursLine>(lines: readonly T[], day: LocalDate): T | null {
  const ordered = [...lines].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.seq - b.seq,
  );
  let current: T | null = ordered[0] ?? null;
  for (const line of ordered) if (line.effectiveFrom <= day) current = line;
  return current;
}

export interface PlacementPeriod {
  startDate: LocalDate;
  plannedEndDate: LocalDate | null;
  endDate: LocalDate | null;
}

/** Whether a placement runs on a day (started and not ended before it). */
export function activeOn(placement: PlacementPeriod, day: LocalDate): boolean {
  const end = placement.endDate ?? placement.plannedEndDate;
  return placement.startDate <= day && (end === null || day <= end);
}

/**
 * Concurrent placements may together exceed the course's weekly hours (hours are raised step by step), but it is
 * flagged. Returns the combined hours and whether they exceed the course's hours.
 */
export function combinedHours(
  hours: readonly number[],
  courseHours: number | null,
): { total: number; exceeds: boolean } {
  const total = hours.reduce((sum, h) => sum + h, 0);
  return { total, exceeds: courseHours !== null && total > courseHours };
}

export const FollowUpParty = ['CITIZEN', 'EMPLOYER'] as const;
export type FollowUpParty = (typeof FollowUpParty)[number];

export interface FollowUpDue {
  party: FollowUpParty;
  lastDate: LocalDate | null;
  dueDate: LocalDate;
  overdue: boolean;
  daysOverdue: number;
}

/**
 * When the next follow-up with the citizen and with the employer is due under the agreed rhythm: the last follow-up
 * that party took part in (or the placement's start) plus the rhythm's days. A follow-up's own `nextFollowUp`
 * brings the date forward, never later than the rhythm allows.
 */
export function followUpsDue(
  rhythm: { citizenEveryDays: number; employerEveryDays: number },
  startDate: LocalDate,
  followUps: readonly { date: LocalDate; participants: readonly string[]; nextFollowUp: LocalDate | null }[],
  asOf: LocalDate,
): FollowUpDue[] {
  const latest = [...followUps].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).at(-1);
  return FollowUpParty.map((party) => {
    const every = party === 'CITIZEN' ? rhythm.citizenEveryDays : rhythm.employerEveryDays;
    const dates = followUps
      .filter((f) => f.participants.includes(party))
      .map((f) => f.date)
      .sort();
    const lastDate = dates.at(-1) ?? null;
    let dueDate = addDays(lastDate ?? startDate, every);
    const agreed = latest?.nextFollowUp;
    if (agreed && latest.participants.includes(party) && agreed < dueDate) dueDate = agreed;
    const daysOverdue = Math.max(0, daysBetween(dueDate, asOf));
    return { party, lastDate, dueDate, overdue: daysOverdue > 0, daysOverdue };
  });
}
