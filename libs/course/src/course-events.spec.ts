import { create, toBinary } from '@bufbuild/protobuf';
import { CourseStartedSchema, PlacementStartedSchema, ReferralReceivedSchema } from '@platform/contracts';
import { PoisonMessageError } from '@platform/messaging';
import { decodeCourseEvent } from './course-events';

const ID = '6f1c2f0e-2b1a-4c55-9d43-5a8f0d0b7a11';
const received = {
  referralId: ID,
  municipalityCode: '101',
  providerId: '29403473',
  hoursPerWeek: 12,
  plannedStart: '2026-10-01',
  plannedWeeks: 26,
};
const bytes = (init: Partial<typeof received>) =>
  Buffer.from(toBinary(ReferralReceivedSchema, create(ReferralReceivedSchema, { ...received, ...init })));

describe('decoding referrals events for the projection', () => {
  it('accepts a valid event', () => {
    expect(decodeCourseEvent('referrals.events.v1.ReferralReceived', bytes({}))).toMatchObject(received);
  });

  it.each<[string, Partial<typeof received>]>([
    ['a referral id that is no UUID', { referralId: 'abc' }],
    ['an invalid municipality code', { municipalityCode: '1' }],
    ['a provider that is no CVR', { providerId: '12345679' }],
    ['a planned start that is no date', { plannedStart: '2026-02-30' }],
    ['no planned weeks', { plannedWeeks: 0 }],
    ['hours out of range', { hoursPerWeek: -4 }],
  ])('refuses %s as poison (straight to the DLQ)', (_name, patch) => {
    expect(() => decodeCourseEvent('referrals.events.v1.ReferralReceived', bytes(patch))).toThrow(PoisonMessageError);
  });

  it('refuses events of other topics, unknown types and bytes that are not the event', () => {
    const placement = Buffer.from(
      toBinary(PlacementStartedSchema, create(PlacementStartedSchema, { referralId: ID, placementId: ID })),
    );
    expect(() => decodeCourseEvent('placements.events.v1.PlacementStarted', placement)).toThrow(PoisonMessageError);
    expect(() => decodeCourseEvent('referrals.events.v1.Unknown', placement)).toThrow(PoisonMessageError);
    expect(() => decodeCourseEvent('referrals.events.v1.CourseStarted', Buffer.from([0x08, 0x01]))).toThrow(
      PoisonMessageError,
    );
    const started = Buffer.from(
      toBinary(CourseStartedSchema, create(CourseStartedSchema, { referralId: ID, startDate: '2026-13-01' })),
    );
    expect(() => decodeCourseEvent('referrals.events.v1.CourseStarted', started)).toThrow(/start_date/);
  });
});
