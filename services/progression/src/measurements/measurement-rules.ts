import type { Actor } from '@platform/auth';
import { type Assessor, DomainError, type LocalDate, notInTheFuture } from '@platform/domain-kernel';
import { validationFailed } from '@platform/http';
import { refusalOnCourse } from '@platform/course';
import { assertWritable, type ProjectedCourse } from '../courses/course-access';
import { checkValues, type ScaleDefinition } from '../scales/scale-definition';

/** What a measurement says, before it is numbered. */
export interface MeasurementInput {
  referralId: string;
  scale: string;
  scaleVersion?: number;
  measuredAt: LocalDate;
  values: Record<string, number>;
  assessor: Assessor;
  supersedes?: string;
}

/** The measurement a correction points at. */
export interface CorrectionTarget {
  id: string;
  referralId: string;
  scaleCode: string;
  assessor: Assessor;
  sequence: number;
  supersededBy: string | null;
}

export const ruleViolated = (field: string, message: string): DomainError =>
  new DomainError('RULE_VIOLATED', `${field}: ${message}`, { errors: [{ field, message }] });

const unknownReference = (field: string, message: string): DomainError =>
  new DomainError('UNKNOWN_REFERENCE', `${field}: ${message}`, { errors: [{ field, message }] });

/** Courses that can be measured: started and not ended (API.md). */
export const MEASURABLE = ['STARTED', 'PAUSED'] as const;

/**
 * Judges one measurement against the course, the scale and the measurement it corrects, in the order a caller
 * would fix them: who may write, whether the course is open, the scale, the values, the date, the correction.
 * Returns the error to report, or undefined when the measurement may be recorded. The order of measurements within
 * a series is judged where the series is locked (`checkSeriesOrder`).
 */
export function judgeMeasurement(context: {
  actor: Actor;
  input: MeasurementInput;
  course: ProjectedCourse | undefined;
  scale: ScaleDefinition | undefined;
  today: LocalDate;
  target?: CorrectionTarget;
  /** Corrections already accepted earlier in the same request, by the id they supersede. */
  claimedTargets?: ReadonlySet<string>;
}): DomainError | undefined {
  const { actor, input, course, scale, today, target } = context;
  let open;
  try {
    open = assertWritable(actor, course, input.referralId);
  } catch (error) {
    return error as DomainError;
  }
  if (!(MEASURABLE as readonly string[]).includes(open.status) || !open.startDate) {
    return refusalOnCourse(
      open,
      ruleViolated(
        'referralId',
        `the course is ${open.status}; measurements are recorded for STARTED or PAUSED courses`,
      ),
    );
  }
  if (!scale) {
    return input.scaleVersion === undefined
      ? unknownReference('scale', `there is no scale ${input.scale}`)
      : unknownReference('scaleVersion', `there is no version ${input.scaleVersion} of scale ${input.scale}`);
  }
  const valueErrors = checkValues(scale, input.values);
  if (valueErrors.length > 0) return validationFailed(valueErrors);
  if (input.measuredAt > today) return ruleViolated('measuredAt', notInTheFuture(today));
  if (input.measuredAt < open.startDate) {
    return ruleViolated('measuredAt', `must not be before the course started (${open.startDate})`);
  }
  if (input.supersedes !== undefined) {
    if (!target || target.referralId !== input.referralId) {
      return unknownReference('supersedes', 'no such measurement of this referral');
    }
    if (target.supersededBy !== null || context.claimedTargets?.has(target.id)) {
      return new DomainError(
        'CONFLICT',
        `Measurement ${target.id} is already corrected${target.supersededBy ? ` by ${target.supersededBy}` : ''}; correct the newest one`,
        { errors: [{ field: 'supersedes', message: 'already corrected' }] },
      );
    }
    if (target.scaleCode !== input.scale || target.assessor !== input.assessor) {
      return ruleViolated(
        'supersedes',
        `a correction keeps the scale and assessor of the measurement it corrects (${target.scaleCode}, ${target.assessor})`,
      );
    }
  }
  return undefined;
}

/**
 * Sequence numbers follow the measurement dates: a new measurement may not be dated before the latest one of its
 * series (same course, scale and assessor). Same-day measurements are fine.
 */
export function checkSeriesOrder(lastMeasuredAt: LocalDate | null, measuredAt: LocalDate): DomainError | undefined {
  if (lastMeasuredAt !== null && measuredAt < lastMeasuredAt) {
    return ruleViolated(
      'measuredAt',
      `must not be before the latest measurement of this course on this scale by this assessor (${lastMeasuredAt}); ` +
        'correct that one with "supersedes" instead',
    );
  }
  return undefined;
}

export interface SeriesItem {
  measuredAt: LocalDate;
  index: number;
}

/**
 * Numbers the new measurements of one series: in date order (ties in request order), continuing after
 * `lastSequence`; those dated before the series' latest measurement are refused and take no number.
 */
export function numberSeries<T extends SeriesItem>(
  series: { lastSequence: number; lastMeasuredAt: LocalDate | null },
  items: T[],
): { numbered: { item: T; sequence: number }[]; refused: { item: T; error: DomainError }[]; last: typeof series } {
  const sorted = [...items].sort((a, b) =>
    a.measuredAt < b.measuredAt ? -1 : a.measuredAt > b.measuredAt ? 1 : a.index - b.index,
  );
  const numbered: { item: T; sequence: number }[] = [];
  const refused: { item: T; error: DomainError }[] = [];
  let { lastSequence, lastMeasuredAt } = series;
  for (const item of sorted) {
    const error = checkSeriesOrder(series.lastMeasuredAt, item.measuredAt);
    if (error) {
      refused.push({ item, error });
      continue;
    }
    lastSequence += 1;
    lastMeasuredAt = item.measuredAt;
    numbered.push({ item, sequence: lastSequence });
  }
  return { numbered, refused, last: { lastSequence, lastMeasuredAt } };
}
