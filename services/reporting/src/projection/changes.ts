import type { EventMessage } from '@platform/contracts';
import {
  Assessor,
  CancelReason,
  EndReason,
  ExitStatus,
  isCode,
  isValidLocalDate,
  OutcomeHorizon,
  PackageType,
  PlacementEndReason,
  PlacementType,
  Purpose,
  RejectReason,
  TargetGroup,
} from '@platform/domain-kernel';

/**
 * What an event changes in the read model, already validated. Events become changes in this pure module so the
 * projection (SQL, applied in bulk) and the consumer (decode, validate) stay apart and both are testable.
 */
export type Change =
  | {
      kind: 'received';
      referralId: string;
      externalRef: string;
      municipalityCode: string;
      providerId: string;
      offerId: string;
      packageType: string;
      tenderArea: string | null;
      targetGroup: string;
      purposes: string[];
      hoursPerWeek: number;
      plannedStart: string;
      plannedWeeks: number;
      citizenPseudonym: string;
      receivedAt: string;
      answerDue: string;
      startDue: string;
    }
  | { kind: 'accepted'; referralId: string; at: string }
  | { kind: 'rejected'; referralId: string; at: string; reason: string }
  | { kind: 'started'; referralId: string; startDate: string }
  | { kind: 'paused'; referralId: string; date: string }
  | { kind: 'resumed'; referralId: string; date: string }
  | { kind: 'completed'; referralId: string; endDate: string; endReason: string; exitStatus: string }
  | { kind: 'cancelled'; referralId: string; at: string; reason: string }
  | { kind: 'changed'; referralId: string; plannedEnd: string; hoursPerWeek: number }
  | { kind: 'outcome'; referralId: string; horizon: OutcomeHorizon; exitStatus: string; observedDate: string }
  | {
      kind: 'placementStarted';
      placementId: string;
      referralId: string;
      type: string;
      internal: boolean;
      startDate: string;
      hoursPerWeek: number;
      paidHoursPerWeek: number;
    }
  | { kind: 'placementHours'; placementId: string; referralId: string; hoursPerWeek: number; paidHoursPerWeek: number }
  | { kind: 'followUp'; placementId: string; referralId: string; attendancePct: number | null }
  | { kind: 'placementEnded'; placementId: string; referralId: string; endDate: string; reason: string }
  | {
      kind: 'measurement';
      measurementId: string;
      referralId: string;
      scaleCode: string;
      scaleVersion: number;
      sequence: number;
      measuredDate: string;
      assessor: string;
      level: number;
      values: Record<string, number>;
      supersedesId: string | null;
    }
  | { kind: 'report'; referralId: string };

export type ChangeKind = Change['kind'];
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;

/** An event that can never be projected (bad code, bad date, bad id); the consumer dead-letters it. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuid(field: string, value: string): string {
  if (!UUID.test(value)) throw new InvalidEventError(`${field} must be a UUID`);
  return value.toLowerCase();
}
function code<const T extends string>(field: string, list: readonly T[], value: string): T {
  if (!isCode(list, value)) throw new InvalidEventError(`${field} "${value}" is not one of ${list.join(', ')}`);
  return value;
}
function date(field: string, value: string): string {
  if (!isValidLocalDate(value)) throw new InvalidEventError(`${field} "${String(value)}" is not a date YYYY-MM-DD`);
  return value;
}
function instant(field: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || isNaN(Date.parse(value))) {
    throw new InvalidEventError(`${field} "${value}" is not an RFC 3339 instant`);
  }
  return new Date(value).toISOString();
}
function digits(field: string, n: number, value: string): string {
  if (!new RegExp(`^\\d{${n}}$`).test(value)) throw new InvalidEventError(`${field} must be ${n} digits`);
  return value;
}
function hours(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 168) throw new InvalidEventError(`${field} must be 0–168`);
  return value;
}
function text(field: string, value: string, max = 200): string {
  if (value.length === 0 || value.length > max || value.includes('\u0000')) {
    throw new InvalidEventError(`${field} must be 1–${max} characters`);
  }
  return value;
}

/** The level a measurement counts with: the one dimension's value, or the mean over a multi-dimension scale. */
export function measurementLevel(values: Record<string, number>): number {
  const levels = Object.values(values);
  if (levels.length === 0) throw new InvalidEventError('values must hold at least one dimension');
  if (levels.some((v) => !Number.isInteger(v) || v < 0 || v > 1000)) {
    throw new InvalidEventError('values must be whole levels');
  }
  return levels.reduce((a, b) => a + b, 0) / levels.length;
}

/** Validates a decoded event and says what it changes; throws InvalidEventError for anything unusable. */
export function changeOf(event: EventMessage): Change {
  const referralId = uuid('referral_id', event.referralId);
  switch (event.$typeName) {
    case 'referrals.events.v1.ReferralReceived':
      return {
        kind: 'received',
        referralId,
        externalRef: text('external_ref', event.externalRef),
        municipalityCode: digits('municipality_code', 3, event.municipalityCode),
        providerId: digits('provider_id', 8, event.providerId),
        offerId: uuid('offer_id', event.offerId),
        packageType: code('package_type', PackageType, event.packageType),
        tenderArea: event.tenderArea ? text('tender_area', event.tenderArea, 500) : null,
        targetGroup: code('target_group', TargetGroup, event.targetGroup),
        purposes: event.purposes.map((p) => code('purposes', Purpose, p)),
        hoursPerWeek: hours('hours_per_week', event.hoursPerWeek),
        plannedStart: date('planned_start', event.plannedStart),
        plannedWeeks: event.plannedWeeks,
        citizenPseudonym: text('citizen_pseudonym', event.citizenPseudonym),
        receivedAt: instant('received_at', event.receivedAt),
        answerDue: date('answer_due', event.answerDue),
        startDue: date('start_due', event.startDue),
      };
    case 'referrals.events.v1.ReferralAccepted':
      return { kind: 'accepted', referralId, at: instant('accepted_at', event.acceptedAt) };
    case 'referrals.events.v1.ReferralRejected':
      return {
        kind: 'rejected',
        referralId,
        at: instant('rejected_at', event.rejectedAt),
        reason: code('reason', RejectReason, event.reason),
      };
    case 'referrals.events.v1.CourseStarted':
      return { kind: 'started', referralId, startDate: date('start_date', event.startDate) };
    case 'referrals.events.v1.CoursePaused':
      return { kind: 'paused', referralId, date: date('pause_date', event.pauseDate) };
    case 'referrals.events.v1.CourseResumed':
      return { kind: 'resumed', referralId, date: date('resume_date', event.resumeDate) };
    case 'referrals.events.v1.CourseCompleted':
      return {
        kind: 'completed',
        referralId,
        endDate: date('end_date', event.endDate),
        endReason: code('end_reason', EndReason, event.endReason),
        exitStatus: code('exit_status', ExitStatus, event.exitStatus),
      };
    case 'referrals.events.v1.ReferralCancelled':
      return {
        kind: 'cancelled',
        referralId,
        at: instant('cancelled_at', event.cancelledAt),
        reason: code('reason', CancelReason, event.reason),
      };
    case 'referrals.events.v1.CourseChanged':
      return {
        kind: 'changed',
        referralId,
        plannedEnd: date('planned_end', event.plannedEnd),
        hoursPerWeek: hours('hours_per_week', event.hoursPerWeek),
      };
    case 'referrals.events.v1.OutcomeRecorded':
      return {
        kind: 'outcome',
        referralId,
        horizon: code('horizon', OutcomeHorizon, event.horizon),
        exitStatus: code('exit_status', ExitStatus, event.exitStatus),
        observedDate: date('observed_date', event.observedDate),
      };
    case 'placements.events.v1.PlacementStarted':
      return {
        kind: 'placementStarted',
        placementId: uuid('placement_id', event.placementId),
        referralId,
        type: code('type', PlacementType, event.type),
        internal: event.internal,
        startDate: date('start_date', event.startDate),
        hoursPerWeek: hours('hours_per_week', event.hoursPerWeek),
        paidHoursPerWeek: hours('paid_hours_per_week', event.paidHoursPerWeek),
      };
    case 'placements.events.v1.PlacementHoursChanged':
      return {
        kind: 'placementHours',
        placementId: uuid('placement_id', event.placementId),
        referralId,
        hoursPerWeek: hours('hours_per_week', event.hoursPerWeek),
        paidHoursPerWeek: hours('paid_hours_per_week', event.paidHoursPerWeek),
      };
    case 'placements.events.v1.FollowUpRecorded': {
      const pct = event.attendancePct;
      if (pct !== undefined && (!Number.isFinite(pct) || pct < 0 || pct > 100)) {
        throw new InvalidEventError('attendance_pct must be 0–100');
      }
      return {
        kind: 'followUp',
        placementId: uuid('placement_id', event.placementId),
        referralId,
        attendancePct: pct ?? null,
      };
    }
    case 'placements.events.v1.PlacementEnded':
      return {
        kind: 'placementEnded',
        placementId: uuid('placement_id', event.placementId),
        referralId,
        endDate: date('end_date', event.endDate),
        reason: code('reason', PlacementEndReason, event.reason),
      };
    case 'progression.events.v1.MeasurementRecorded':
      if (event.sequence < 1 || event.sequence > 10_000) throw new InvalidEventError('sequence must be 1–10000');
      return {
        kind: 'measurement',
        measurementId: uuid('measurement_id', event.measurementId),
        referralId,
        scaleCode: text('scale_code', event.scaleCode, 100),
        scaleVersion: event.scaleVersion,
        sequence: event.sequence,
        measuredDate: date('measured_date', event.measuredDate),
        assessor: code('assessor', Assessor, event.assessor),
        level: measurementLevel(event.values),
        values: { ...event.values },
        supersedesId: event.supersedesId ? uuid('supersedes_id', event.supersedesId) : null,
      };
    case 'progression.events.v1.ReportSubmitted':
      return { kind: 'report', referralId };
  }
}
