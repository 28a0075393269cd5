import type { Actor } from '@platform/auth';
import type { ProjectedCourse } from '../courses/course-access';
import { LADDER_12_V1 } from '../scales/built-in-scales';
import { checkSeriesOrder, judgeMeasurement, numberSeries, type MeasurementInput } from './measurement-rules';
import { sideBySide, type MeasurementView } from './measurement.view';

const referralId = '3f6c1c2e-8d2a-4f7e-9a51-2b7f0c4d9e10';
const provider: Actor = { sub: 'p', role: 'provider', org: '12345674' };
const course: ProjectedCourse = {
  referralId,
  municipalityCode: '101',
  providerId: '12345674',
  status: 'STARTED',
  startDate: '2026-12-01',
  endDate: null,
};
const input = (patch: Partial<MeasurementInput> = {}): MeasurementInput => ({
  referralId,
  scale: 'LADDER_12',
  measuredAt: '2026-12-15',
  values: { step: 7 },
  assessor: 'PROFESSIONAL',
  ...patch,
});
const judge = (patch: Partial<Parameters<typeof judgeMeasurement>[0]> = {}) =>
  judgeMeasurement({ actor: provider, input: input(), course, scale: LADDER_12_V1, today: '2026-12-20', ...patch });

describe('measurement rules', () => {
  it('accepts a measurement of a started or paused course on the scale, dated from the start to today', () => {
    expect(judge()).toBeUndefined();
    expect(judge({ course: { ...course, status: 'PAUSED' } })).toBeUndefined();
    expect(judge({ input: input({ measuredAt: '2026-12-01' }) })).toBeUndefined();
    expect(judge({ input: input({ measuredAt: '2026-12-20' }) })).toBeUndefined();
  });

  it('hides another tenant’s course and an unknown one; only the provider writes; analysts are refused', () => {
    expect(judge({ actor: { ...provider, org: '87654321' } })?.code).toBe('NOT_FOUND');
    expect(judge({ course: undefined })?.code).toBe('NOT_FOUND');
    expect(judge({ actor: { sub: 'j', role: 'jobcenter', org: '101' } })?.code).toBe('FORBIDDEN');
    expect(judge({ actor: { sub: 'j', role: 'jobcenter', org: '147' } })?.code).toBe('FORBIDDEN');
    expect(judge({ actor: { sub: 'a', role: 'analyst', org: '101' } })?.code).toBe('FORBIDDEN');
  });

  it('refuses courses that are not running', () => {
    for (const status of ['RECEIVED', 'ACCEPTED', 'REJECTED', 'COMPLETED', 'CANCELLED'] as const) {
      const error = judge({ course: { ...course, status, startDate: status === 'COMPLETED' ? '2026-12-01' : null } });
      expect(error?.code).toBe('RULE_VIOLATED');
      expect(error?.message).toContain(status);
    }
  });

  it('refuses an unknown scale or version, values off the scale, future dates and dates before the start', () => {
    expect(judge({ scale: undefined })?.details.errors).toEqual([{ field: 'scale', message: expect.any(String) }]);
    expect(judge({ scale: undefined, input: input({ scaleVersion: 9 }) })?.details.errors?.[0].field).toBe(
      'scaleVersion',
    );
    expect(judge({ input: input({ values: { step: 13 } }) })?.code).toBe('VALIDATION_FAILED');
    expect(judge({ input: input({ measuredAt: '2026-12-21' }) })?.details.errors?.[0]).toEqual({
      field: 'measuredAt',
      message: 'must not be in the future (today is 2026-12-20, a Europe/Copenhagen date)',
    });
    expect(judge({ input: input({ measuredAt: '2026-11-30' }) })?.details.errors?.[0].message).toMatch(
      /before the course started \(2026-12-01\)/,
    );
  });

  it('lets a correction supersede the newest measurement of the same scale and assessor once', () => {
    const target = {
      id: 'a0000000-0000-4000-8000-000000000001',
      referralId,
      scaleCode: 'LADDER_12',
      assessor: 'PROFESSIONAL' as const,
      sequence: 2,
      supersededBy: null,
    };
    const correcting = input({ supersedes: target.id });
    expect(judge({ input: correcting, target })).toBeUndefined();
    expect(judge({ input: correcting, target: undefined })?.code).toBe('UNKNOWN_REFERENCE');
    expect(judge({ input: correcting, target: { ...target, referralId: 'other' } })?.code).toBe('UNKNOWN_REFERENCE');
    expect(judge({ input: correcting, target: { ...target, supersededBy: 'x' } })?.code).toBe('CONFLICT');
    expect(judge({ input: correcting, target, claimedTargets: new Set([target.id]) })?.code).toBe('CONFLICT');
    expect(judge({ input: correcting, target: { ...target, assessor: 'CITIZEN' } })?.code).toBe('RULE_VIOLATED');
  });

  it('numbers a series in date order after its last number and refuses dates before its latest', () => {
    const items = [
      { index: 0, measuredAt: '2026-12-10' },
      { index: 1, measuredAt: '2026-12-03' },
      { index: 2, measuredAt: '2026-12-10' },
      { index: 3, measuredAt: '2026-12-01' },
    ];
    const result = numberSeries({ lastSequence: 4, lastMeasuredAt: '2026-12-02' }, items);
    expect(result.numbered.map((n) => [n.item.index, n.sequence])).toEqual([
      [1, 5],
      [0, 6],
      [2, 7],
    ]);
    expect(result.refused.map((r) => r.item.index)).toEqual([3]);
    expect(result.last).toEqual({ lastSequence: 7, lastMeasuredAt: '2026-12-10' });
    expect(checkSeriesOrder(null, '2000-01-01')).toBeUndefined();
    expect(checkSeriesOrder('2026-12-02', '2026-12-02')).toBeUndefined();
  });
});

describe('professional and citizen side by side', () => {
  const m = (patch: Partial<MeasurementView>): MeasurementView => ({
    id: 'id',
    referralId,
    sequence: 1,
    scale: 'LADDER_12',
    scaleVersion: 1,
    measuredAt: '2026-12-15',
    assessor: 'PROFESSIONAL',
    values: { step: 5 },
    note: null,
    supersedes: null,
    supersededBy: null,
    recordedAt: '2026-12-15T10:00:00.000Z',
    ...patch,
  });

  it('pairs by scale and number and shows where they disagree; superseded ones are left out', () => {
    const rows = sideBySide([
      m({ id: 'p1' }),
      m({ id: 'c1', assessor: 'CITIZEN', values: { step: 8 } }),
      m({ id: 'p2', sequence: 2, values: { step: 6 } }),
      m({ id: 'old', sequence: 2, values: { step: 1 }, supersededBy: 'p2' }),
      m({ id: 'r1', scale: 'RESOURCE_PROFILE_12', values: { health: 2, education: 4 } }),
      m({
        id: 'r1c',
        scale: 'RESOURCE_PROFILE_12',
        assessor: 'CITIZEN',
        values: { health: 2, education: 5, interests: 3 },
      }),
    ]);
    expect(rows.map((r) => [r.scale, r.sequence, r.professional?.id, r.citizen?.id, r.disagreements])).toEqual([
      ['LADDER_12', 1, 'p1', 'c1', [{ dimension: 'step', professional: 5, citizen: 8 }]],
      ['LADDER_12', 2, 'p2', undefined, []],
      ['RESOURCE_PROFILE_12', 1, 'r1', 'r1c', [{ dimension: 'education', professional: 4, citizen: 5 }]],
    ]);
  });
});
