import type { FieldError, LocalDate, ReferralStatus, ReportKind } from '@platform/domain-kernel';
import { refusalOnCourse } from '@platform/course';
import { DomainError, notInTheFuture } from '@platform/domain-kernel';

export interface ReportInput {
  kind: ReportKind;
  period?: { from: LocalDate; to: LocalDate };
  sections: { attentionPoints?: object; resourceProfile?: object; summary?: string };
}

/** When each kind of report may be written, by course status. */
export function reportAllowed(kind: ReportKind, status: ReferralStatus): boolean {
  switch (kind) {
    case 'ENTRY':
    case 'STATUS':
      return status === 'STARTED' || status === 'PAUSED';
    case 'FINAL':
      return status === 'STARTED' || status === 'PAUSED' || status === 'COMPLETED';
  }
}

const filled = (section: object | undefined): boolean =>
  section !== undefined && Object.values(section).some((text) => typeof text === 'string' && text.length > 0);

/**
 * A report to the caseworker: structured by the DRV's five attention points and/or the ressourceprofil's 12
 * elements (at least one of them filled in), written while the course runs (a FINAL report also after it ended),
 * and a STATUS report covers a period within the course that has begun.
 */
export function judgeReport(
  input: ReportInput,
  course: { referralId: string; status: ReferralStatus; startDate: LocalDate | null; endDate: LocalDate | null },
  today: LocalDate,
): DomainError | undefined {
  if (!reportAllowed(input.kind, course.status) || !course.startDate) {
    return refusalOnCourse(
      course,
      new DomainError('RULE_VIOLATED', `A ${input.kind} report is not written for a course that is ${course.status}`, {
        errors: [{ field: 'kind', message: `not allowed while the course is ${course.status}` }],
      }),
    );
  }
  const errors: FieldError[] = [];
  if (!filled(input.sections.attentionPoints) && !filled(input.sections.resourceProfile)) {
    errors.push({
      field: 'sections',
      message: 'must describe at least one of the five attention points or one of the 12 ressourceprofil elements',
    });
  }
  if (input.kind === 'STATUS' && !input.period) {
    errors.push({ field: 'period', message: 'a STATUS report covers a period: give period.from and period.to' });
  }
  if (errors.length > 0) {
    return new DomainError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
  if (input.period) {
    const { from, to } = input.period;
    const rule = (field: string, message: string) =>
      new DomainError('RULE_VIOLATED', `${field}: ${message}`, { errors: [{ field, message }] });
    if (from > to) return rule('period.to', 'must not be before period.from');
    if (to > today) return rule('period.to', notInTheFuture(today));
    if (from < course.startDate)
      return rule('period.from', `must not be before the course started (${course.startDate})`);
    if (course.endDate && to > course.endDate)
      return rule('period.to', `must not be after the course ended (${course.endDate})`);
  }
  return undefined;
}
