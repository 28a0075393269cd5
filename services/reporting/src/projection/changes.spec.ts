import { create, MeasurementRecordedSchema, ReferralReceivedSchema, CourseCompletedSchema } from '@platform/contracts';
import { changeOf, InvalidEventError, measurementLevel } from './changes';

const id = '7f2c1a9e-2b7d-4c1e-9a55-0d3f6e1b2c3d';

const received = (over: Partial<Parameters<typeof create<typeof ReferralReceivedSchema>>[1]> = {}) =>
  create(ReferralReceivedSchema, {
    referralId: id,
    externalRef: 'KK-1',
    municipalityCode: '101',
    providerId: '12345678',
    offerId: id,
    packageType: 'JOB',
    targetGroup: 'CASH_BENEFIT',
    purposes: ['JOB'],
    hoursPerWeek: 12,
    plannedStart: '2025-03-01',
    plannedWeeks: 13,
    citizenPseudonym: 'p',
    receivedAt: '2025-02-20T10:00:00+01:00',
    answerDue: '2025-02-24',
    startDue: '2025-03-13',
    ...over,
  });

describe('events to read-model changes', () => {
  it('maps a valid ReferralReceived, normalising the instant to UTC', () => {
    expect(changeOf(received())).toMatchObject({
      kind: 'received',
      referralId: id,
      receivedAt: '2025-02-20T09:00:00.000Z',
      tenderArea: null,
    });
  });

  it.each([
    ['an unknown target group', { targetGroup: 'NOPE' }],
    ['a municipality code of two digits', { municipalityCode: '10' }],
    ['an impossible date', { plannedStart: '2025-02-30' }],
    ['an instant without offset', { receivedAt: '2025-02-20T10:00:00' }],
    ['negative hours', { hoursPerWeek: -1 }],
    ['a referral id that is not a UUID', { referralId: 'abc' }],
  ])('refuses %s', (_label, over) => {
    expect(() => changeOf(received(over))).toThrow(InvalidEventError);
  });

  it('refuses an exit status outside DOMAIN.md', () => {
    const event = create(CourseCompletedSchema, {
      referralId: id,
      endDate: '2025-06-01',
      endReason: 'PLANNED_END',
      exitStatus: 'RICH',
    });
    expect(() => changeOf(event)).toThrow(/exit_status/);
  });

  it('takes the level of a one-dimension scale and the mean of a multi-dimension one', () => {
    expect(measurementLevel({ step: 7 })).toBe(7);
    expect(measurementLevel({ a: 1, b: 2, c: 4 })).toBeCloseTo(7 / 3);
    expect(() => measurementLevel({})).toThrow(InvalidEventError);
    const m = create(MeasurementRecordedSchema, {
      measurementId: id,
      referralId: id,
      scaleCode: 'LADDER_12',
      scaleVersion: 1,
      sequence: 0,
      measuredDate: '2025-03-01',
      assessor: 'PROFESSIONAL',
      values: { step: 3 },
    });
    expect(() => changeOf(m)).toThrow(/sequence/);
  });
});
