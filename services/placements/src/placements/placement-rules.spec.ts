import { DomainError, PlacementType, type ReferralStatus } from '@platform/domain-kernel';
import {
  activeOn,
  assertCourseStarted,
  combinedHours,
  conversionErrors,
  courseWindow,
  datesInside,
  followUpsDue,
  hoursOn,
  placementErrors,
  typeAfterHours,
  typeHoursErrors,
  type CourseFacts,
} from './placement-rules';

const course: CourseFacts = {
  referralId: '6f1c2f0e-2b1a-4c55-9d43-5a8f0d0b7a11',
  status: 'STARTED',
  hoursPerWeek: 12,
  plannedStart: '2026-10-01',
  plannedEnd: '2027-03-31',
  startDate: '2026-10-05',
  endDate: null,
};

describe('placement rules', () => {
  it.each<[ReferralStatus | null, boolean]>([
    ['STARTED', true],
    ['RECEIVED', false],
    ['ACCEPTED', false],
    ['PAUSED', false],
    ['COMPLETED', false],
    ['CANCELLED', false],
    ['REJECTED', false],
    [null, false],
  ])('a course that is %s takes placements: %s (422 otherwise)', (status, allowed) => {
    const run = () => assertCourseStarted({ ...course, status });
    if (allowed) expect(run).not.toThrow();
    else {
      expect(run).toThrow(DomainError);
      try {
        run();
      } catch (error) {
        expect((error as DomainError).code).toBe('RULE_VIOLATED');
      }
    }
  });

  it('the course runs from its real start (else planned) to its end (else planned end)', () => {
    expect(courseWindow(course)).toEqual({ from: '2026-10-05', to: '2027-03-31' });
    expect(courseWindow({ ...course, startDate: null, endDate: '2026-12-01' })).toEqual({
      from: '2026-10-01',
      to: '2026-12-01',
    });
  });

  it('dates outside the course are named field by field', () => {
    expect(
      datesInside(
        [
          { field: 'a', value: '2026-10-04' },
          { field: 'b', value: '2026-10-05' },
          { field: 'c', value: '2027-04-01' },
          { field: 'd', value: null },
        ],
        courseWindow(course),
      ).map((e) => e.field),
    ).toEqual(['a', 'c']);
  });

  it('a new placement: inside the course, planned end after start, paid hours within hours and fitting the type', () => {
    const ok = { startDate: '2026-10-06', plannedEndDate: '2026-12-31', hoursPerWeek: 6, paidHoursPerWeek: 0, course };
    expect(placementErrors({ ...ok, type: 'INTERNSHIP' })).toEqual([]);
    expect(placementErrors({ ...ok, type: 'INTERNSHIP', startDate: '2026-09-30' }).map((e) => e.field)).toEqual([
      'startDate',
    ]);
    expect(placementErrors({ ...ok, type: 'INTERNSHIP', plannedEndDate: '2026-10-01' }).map((e) => e.field)).toEqual([
      'plannedEndDate',
      'plannedEndDate',
    ]);
    expect(placementErrors({ ...ok, type: 'WAGE_SUBSIDY', paidHoursPerWeek: 7 }).map((e) => e.field)).toEqual([
      'paidHoursPerWeek',
    ]);
  });

  it.each<[PlacementType, number, number, boolean]>([
    ['INTERNSHIP', 6, 0, true],
    ['INTERNSHIP', 6, 1, false],
    ['TASTER', 6, 1, false],
    ['HYBRID', 6, 3, true],
    ['HYBRID', 6, 0, false],
    ['HYBRID', 6, 6, false],
    ['SMALL_JOB', 4, 4, true],
    ['SMALL_JOB', 4, 2, false],
    ['WAGE_SUBSIDY', 20, 0, true],
    ['FLEX_JOB', 20, 20, true],
    ['ORDINARY_JOB', 10, 10, true],
    ['ADULT_APPRENTICESHIP', 37, 37, true],
  ])('%s with %s hours, %s paid: fits = %s', (type, hours, paid, fits) => {
    expect(typeHoursErrors(type, hours, paid).length === 0).toBe(fits);
  });

  it('paid hours turn an internship into a HYBRID, all paid into a SMALL_JOB; other types keep theirs', () => {
    expect(typeAfterHours('INTERNSHIP', 10, 3)).toBe('HYBRID');
    expect(typeAfterHours('HYBRID', 10, 10)).toBe('SMALL_JOB');
    expect(typeAfterHours('HYBRID', 10, 0)).toBe('INTERNSHIP');
    expect(typeAfterHours('SMALL_JOB', 10, 5)).toBe('HYBRID');
    for (const type of ['TASTER', 'WAGE_SUBSIDY', 'FLEX_JOB', 'ORDINARY_JOB', 'ADULT_APPRENTICESHIP'] as const) {
      expect(typeAfterHours(type, 10, 5)).toBe(type);
    }
  });

  it('a conversion needs an internship or hybrid, more paid hours than now, and no more than the hours', () => {
    expect(conversionErrors('INTERNSHIP', 0, 10, 3)).toEqual([]);
    expect(conversionErrors('HYBRID', 3, 10, 10)).toEqual([]);
    expect(conversionErrors('SMALL_JOB', 4, 4, 5).map((e) => e.field)).toEqual(['type', 'paidHoursPerWeek']);
    expect(conversionErrors('HYBRID', 3, 10, 3).map((e) => e.field)).toEqual(['paidHoursPerWeek']);
    expect(conversionErrors('INTERNSHIP', 0, 10, 11).map((e) => e.field)).toEqual(['paidHoursPerWeek']);
  });

  it('the hours in force: the latest change effective on or before the day; ties by insertion order', () => {
    const lines = [
      { effectiveFrom: '2026-10-05', hoursPerWeek: 4, paidHoursPerWeek: 0, seq: 1 },
      { effectiveFrom: '2026-11-02', hoursPerWeek: 10, paidHoursPerWeek: 0, seq: 3 },
      { effectiveFrom: '2026-10-19', hoursPerWeek: 6, paidHoursPerWeek: 0, seq: 2 },
      { effectiveFrom: '2026-11-02', hoursPerWeek: 10, paidHoursPerWeek: 3, seq: 4 },
    ];
    expect(hoursOn(lines, '2026-10-01')?.hoursPerWeek).toBe(4);
    expect(hoursOn(lines, '2026-10-18')?.hoursPerWeek).toBe(4);
    expect(hoursOn(lines, '2026-10-19')?.hoursPerWeek).toBe(6);
    expect(hoursOn(lines, '2026-11-02')).toMatchObject({ hoursPerWeek: 10, paidHoursPerWeek: 3 });
    expect(hoursOn([], '2026-11-02')).toBeNull();
  });

  it('active on a day: started, and not past its end (else planned end)', () => {
    const p = { startDate: '2026-10-05', plannedEndDate: '2026-12-31', endDate: null };
    expect(activeOn(p, '2026-10-04')).toBe(false);
    expect(activeOn(p, '2026-12-31')).toBe(true);
    expect(activeOn({ ...p, endDate: '2026-11-20' }, '2026-11-21')).toBe(false);
    expect(activeOn({ ...p, plannedEndDate: null }, '2030-01-01')).toBe(true);
  });

  it('combined hours above the course hours are flagged, at or below not; unknown course hours never', () => {
    expect(combinedHours([10, 4], 12)).toEqual({ total: 14, exceeds: true });
    expect(combinedHours([8, 4], 12)).toEqual({ total: 12, exceeds: false });
    expect(combinedHours([40], null)).toEqual({ total: 40, exceeds: false });
  });

  describe('follow-up due dates from the agreed rhythm', () => {
    const rhythm = { citizenEveryDays: 7, employerEveryDays: 14 };

    it('with no follow-ups yet, counted from the placement start', () => {
      expect(followUpsDue(rhythm, '2026-10-05', [], '2026-10-20')).toEqual([
        { party: 'CITIZEN', lastDate: null, dueDate: '2026-10-12', overdue: true, daysOverdue: 8 },
        { party: 'EMPLOYER', lastDate: null, dueDate: '2026-10-19', overdue: true, daysOverdue: 1 },
      ]);
    });

    it('each party from the last follow-up it took part in; due today is not overdue', () => {
      const due = followUpsDue(
        rhythm,
        '2026-10-05',
        [
          { date: '2026-10-12', participants: ['CITIZEN'], nextFollowUp: null },
          { date: '2026-10-16', participants: ['EMPLOYER', 'CASEWORKER'], nextFollowUp: null },
        ],
        '2026-10-19',
      );
      expect(due).toEqual([
        { party: 'CITIZEN', lastDate: '2026-10-12', dueDate: '2026-10-19', overdue: false, daysOverdue: 0 },
        { party: 'EMPLOYER', lastDate: '2026-10-16', dueDate: '2026-10-30', overdue: false, daysOverdue: 0 },
      ]);
    });

    it('an agreed next follow-up brings the date forward, never later than the rhythm', () => {
      const due = followUpsDue(
        rhythm,
        '2026-10-05',
        [{ date: '2026-10-12', participants: ['CITIZEN', 'EMPLOYER'], nextFollowUp: '2026-10-15' }],
        '2026-10-12',
      );
      expect(due.map((d) => d.dueDate)).toEqual(['2026-10-15', '2026-10-15']);
      const later = followUpsDue(
        rhythm,
        '2026-10-05',
        [{ date: '2026-10-12', participants: ['CITIZEN'], nextFollowUp: '2026-12-01' }],
        '2026-10-12',
      );
      expect(later[0].dueDate).toBe('2026-10-19');
    });
  });
});
