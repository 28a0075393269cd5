import { create } from '@bufbuild/protobuf';
import {
  CourseChangedSchema,
  CourseCompletedSchema,
  CoursePausedSchema,
  CourseResumedSchema,
  CourseStartedSchema,
  MeasurementRecordedSchema,
  ReferralAcceptedSchema,
  ReferralCancelledSchema,
  ReferralReceivedSchema,
  ReferralRejectedSchema,
} from '@platform/contracts';
import { applyReferralEvent, invalidEventFields, type CourseState } from './course-state';
import { canRead, canWrite } from './course-access';

const referralId = '3f6c1c2e-8d2a-4f7e-9a51-2b7f0c4d9e10';
const received = create(ReferralReceivedSchema, { referralId, municipalityCode: '101', providerId: '12345674' });
const state = (patch: Partial<CourseState> = {}): CourseState => ({
  referralId,
  municipalityCode: '101',
  providerId: '12345674',
  status: 'RECEIVED',
  startDate: null,
  endDate: null,
  ...patch,
});

describe('course projection', () => {
  it('opens a course on ReferralReceived with its owners', () => {
    expect(applyReferralEvent(null, received)).toEqual(state());
  });

  it('follows the lifecycle', () => {
    let s = applyReferralEvent(null, received);
    s = applyReferralEvent(s, create(ReferralAcceptedSchema, { referralId }));
    expect(s?.status).toBe('ACCEPTED');
    s = applyReferralEvent(s, create(CourseStartedSchema, { referralId, startDate: '2026-12-01' }));
    expect(s).toMatchObject({ status: 'STARTED', startDate: '2026-12-01' });
    s = applyReferralEvent(s, create(CoursePausedSchema, { referralId, pauseDate: '2027-01-10' }));
    expect(s?.status).toBe('PAUSED');
    s = applyReferralEvent(s, create(CourseResumedSchema, { referralId, resumeDate: '2027-02-01' }));
    expect(s?.status).toBe('STARTED');
    s = applyReferralEvent(s, create(CourseChangedSchema, { referralId }));
    expect(s?.status).toBe('STARTED');
    s = applyReferralEvent(s, create(CourseCompletedSchema, { referralId, endDate: '2027-06-01' }));
    expect(s).toMatchObject({ status: 'COMPLETED', startDate: '2026-12-01', endDate: '2027-06-01' });
  });

  it('closes on rejection and cancellation', () => {
    expect(applyReferralEvent(state(), create(ReferralRejectedSchema, { referralId }))?.status).toBe('REJECTED');
    expect(applyReferralEvent(state(), create(ReferralCancelledSchema, { referralId }))?.status).toBe('CANCELLED');
  });

  it('ignores events about a referral it never received (no owner known) and other topics’ events', () => {
    expect(applyReferralEvent(null, create(CourseStartedSchema, { referralId, startDate: '2026-12-01' }))).toBeNull();
    expect(applyReferralEvent(state(), create(MeasurementRecordedSchema, { referralId }))).toEqual(state());
  });

  it('finds payloads the projection cannot use', () => {
    expect(invalidEventFields(received)).toEqual([]);
    expect(
      invalidEventFields(create(ReferralReceivedSchema, { referralId: 'x', municipalityCode: '1', providerId: '' })),
    ).toHaveLength(3);
    expect(invalidEventFields(create(CourseStartedSchema, { referralId, startDate: '1.12.2026' }))).toEqual([
      'start_date is not YYYY-MM-DD',
    ]);
  });

  it('lets the provider write and read, the municipality read, nobody else', () => {
    const course = state();
    expect(canWrite({ sub: 'p', role: 'provider', org: '12345674' }, course)).toBe(true);
    expect(canWrite({ sub: 'j', role: 'jobcenter', org: '101' }, course)).toBe(false);
    expect(canRead({ sub: 'j', role: 'jobcenter', org: '101' }, course)).toBe(true);
    expect(canRead({ sub: 'j', role: 'jobcenter', org: '147' }, course)).toBe(false);
    expect(canRead({ sub: 'p', role: 'provider', org: '87654321' }, course)).toBe(false);
    expect(canRead({ sub: 'a', role: 'analyst', org: '101' }, course)).toBe(false);
    expect(canWrite({ sub: 'x', role: 'admin', org: '' }, course)).toBe(true);
  });
});
