import fc from 'fast-check';
import {
  create,
  decodeEvent,
  encodeEvent,
  EVENT_REGISTRY,
  EventContractError,
  file_placements_events_v1_events,
  file_progression_events_v1_events,
  file_referrals_events_v1_events,
  MeasurementRecordedSchema,
  PlacementStartedSchema,
  ReferralAcceptedSchema,
  ReferralReceivedSchema,
  toBinary,
  topicOf,
  typeName,
  type EventMessage,
} from './index';

const REFERRAL_ID = '3f6c1c2e-8d2a-4f7e-9a51-2b7f0c4d9e10';

function contractError(fn: () => unknown): EventContractError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EventContractError);
    return error as EventContractError;
  }
  throw new Error('expected an EventContractError');
}

describe('event registry', () => {
  it('registers every generated message under the topic named after its package', () => {
    const files = [
      file_referrals_events_v1_events,
      file_placements_events_v1_events,
      file_progression_events_v1_events,
    ];
    const generated = files.flatMap((file) => file.messages);
    expect([...EVENT_REGISTRY.keys()].sort()).toEqual(generated.map((m) => m.typeName).sort());
    for (const message of generated) {
      expect(topicOf(message.typeName)).toBe(message.file.proto.package);
    }
  });

  it('requires a referral id (the Kafka key) on every event', () => {
    for (const { schema } of EVENT_REGISTRY.values()) {
      expect(schema.fields.find((f) => f.name === 'referral_id')?.fieldKind).toBe('scalar');
    }
  });

  it('names a type by its fully qualified protobuf name', () => {
    expect(typeName(ReferralReceivedSchema)).toBe('referrals.events.v1.ReferralReceived');
  });
});

describe('encodeEvent / decodeEvent', () => {
  const samples: EventMessage[] = [
    create(ReferralReceivedSchema, {
      referralId: REFERRAL_ID,
      externalRef: 'KK-2026-000123',
      municipalityCode: '101',
      providerId: '12345678',
      offerId: 'b1d7a1f0-2c43-4d6b-8a0e-6f1f4f0c7a21',
      packageType: 'JOB',
      tenderArea: 'Udbudsområde 1',
      targetGroup: 'CASH_BENEFIT',
      purposes: ['JOB', 'SMALL_JOB'],
      hoursPerWeek: 12.5,
      plannedStart: '2026-12-01',
      plannedWeeks: 26,
      citizenPseudonym: 'c2FsdGVkLWhtYWM',
      receivedAt: '2026-11-20T09:30:00Z',
      answerDue: '2026-11-24',
      startDue: '2026-12-11',
    }),
    create(PlacementStartedSchema, {
      placementId: '9a0e4d2b-1c3f-4e5a-8b6c-7d8e9f0a1b2c',
      referralId: REFERRAL_ID,
      type: 'HYBRID',
      internal: false,
      employerCvr: '87654321',
      startDate: '2027-01-04',
      hoursPerWeek: 6,
      paidHoursPerWeek: 3,
    }),
    create(MeasurementRecordedSchema, {
      measurementId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      referralId: REFERRAL_ID,
      scaleCode: 'LADDER_12',
      scaleVersion: 1,
      sequence: 3,
      measuredDate: '2027-01-15',
      assessor: 'PROFESSIONAL',
      values: { step: 7 },
    }),
  ];

  it.each(samples.map((event) => [event.$typeName, event] as const))('round-trips %s', (type, event) => {
    const bytes = encodeEvent(type, event);
    expect(decodeEvent(type, bytes)).toEqual(event);
  });

  it('decodes the bytes a producer writes with toBinary', () => {
    const event = create(ReferralAcceptedSchema, { referralId: REFERRAL_ID, acceptedAt: '2026-11-21T08:00:00Z' });
    const decoded = decodeEvent(typeName(ReferralAcceptedSchema), toBinary(ReferralAcceptedSchema, event));
    expect(decoded.acceptedAt).toBe('2026-11-21T08:00:00Z');
    expect(decoded.expectedStart).toBeUndefined();
  });

  it('keeps absent optional fields absent', () => {
    const event = create(ReferralReceivedSchema, { referralId: REFERRAL_ID });
    const decoded = decodeEvent('referrals.events.v1.ReferralReceived', encodeEvent(event.$typeName, event));
    expect(decoded.tenderArea).toBeUndefined();
  });

  it('accepts fields it does not know (a newer producer may add them)', () => {
    const event = create(ReferralAcceptedSchema, { referralId: REFERRAL_ID });
    const bytes = Uint8Array.from([...toBinary(ReferralAcceptedSchema, event), 0x98, 0x06, 0x01]); // field 99 = 1
    expect(decodeEvent('referrals.events.v1.ReferralAccepted', bytes).referralId).toBe(REFERRAL_ID);
  });

  it('refuses an unknown event type', () => {
    const error = contractError(() => decodeEvent('referrals.events.v1.Nope', new Uint8Array()));
    expect(error.code).toBe('UNKNOWN_EVENT_TYPE');
    expect(error.message).toBe('Unknown event type "referrals.events.v1.Nope"');
    expect(() => topicOf('Nope')).toThrow(EventContractError);
  });

  it('refuses to encode a message under another type', () => {
    const event = create(ReferralAcceptedSchema, { referralId: REFERRAL_ID });
    expect(contractError(() => encodeEvent('referrals.events.v1.ReferralRejected', event)).code).toBe('TYPE_MISMATCH');
  });

  // What protobuf-es alone does with each input is noted; decodeEvent refuses them all.
  it.each([
    ['empty payload (protobuf-es: a default message)', []],
    ['only unknown fields (protobuf-es: a default message)', [0x98, 0x06, 0x01]],
    ['varint where referral_id is a string (protobuf-es: referral_id "A")', [0x08, 0x01, 0x41]],
    ['64-bit value where a string is expected', [0x09, 1, 2, 3, 4, 5, 6, 7, 8]],
    ['truncated length-delimited field', [0x0a, 0x05, 0x41]],
    ['invalid UTF-8 in a string', [0x0a, 0x02, 0xc3, 0x28]],
    ['illegal wire type', [0x0f]],
    ['JSON instead of protobuf', [...new TextEncoder().encode('{"referralId":"x"}')]],
    ['plain text', [...new TextEncoder().encode('hello world')]],
  ])('refuses garbage: %s', (_case, bytes) => {
    const error = contractError(() => decodeEvent('referrals.events.v1.ReferralAccepted', Uint8Array.from(bytes)));
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toMatch(/^Invalid referrals\.events\.v1\.ReferralAccepted payload: /);
  });

  it('throws only EventContractError for arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...EVENT_REGISTRY.keys()), (bytes, type) => {
        try {
          expect(decodeEvent(type, bytes).referralId).not.toBe('');
        } catch (error) {
          expect(error).toBeInstanceOf(EventContractError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
