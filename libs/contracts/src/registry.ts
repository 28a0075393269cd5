import { fromBinary, ScalarType, toBinary } from '@bufbuild/protobuf';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import type { DescField, DescMessage, MessageShape } from '@bufbuild/protobuf';
import {
  CourseChangedSchema,
  CourseCompletedSchema,
  CoursePausedSchema,
  CourseResumedSchema,
  CourseStartedSchema,
  OutcomeRecordedSchema,
  ReferralAcceptedSchema,
  ReferralCancelledSchema,
  ReferralReceivedSchema,
  ReferralRejectedSchema,
} from './gen/referrals/events/v1/events_pb';
import {
  FollowUpRecordedSchema,
  PlacementEndedSchema,
  PlacementHoursChangedSchema,
  PlacementStartedSchema,
} from './gen/placements/events/v1/events_pb';
import { MeasurementRecordedSchema, ReportSubmittedSchema } from './gen/progression/events/v1/events_pb';
import { PLACEMENTS_TOPIC, PROGRESSION_TOPIC, REFERRALS_TOPIC, type EventTopic } from './topics';

/** Every event schema, by the topic it is published on. A unit test checks that no generated message is missing. */
export const EVENT_SCHEMAS_BY_TOPIC = {
  [REFERRALS_TOPIC]: [
    ReferralReceivedSchema,
    ReferralAcceptedSchema,
    ReferralRejectedSchema,
    CourseStartedSchema,
    CoursePausedSchema,
    CourseResumedSchema,
    CourseCompletedSchema,
    ReferralCancelledSchema,
    CourseChangedSchema,
    OutcomeRecordedSchema,
  ],
  [PLACEMENTS_TOPIC]: [
    PlacementStartedSchema,
    PlacementHoursChangedSchema,
    FollowUpRecordedSchema,
    PlacementEndedSchema,
  ],
  [PROGRESSION_TOPIC]: [MeasurementRecordedSchema, ReportSubmittedSchema],
} as const;

export type EventSchema = (typeof EVENT_SCHEMAS_BY_TOPIC)[EventTopic][number];
/** Union of all event messages, discriminated by `$typeName` (switch on it for exhaustive handling). */
export type EventMessage = MessageShape<EventSchema>;
/** Fully qualified protobuf name of an event, e.g. `referrals.events.v1.ReferralReceived`; the `ce_type` header. */
export type EventTypeName = EventSchema['typeName'];
export type EventOf<T extends EventTypeName> = Extract<EventMessage, { $typeName: T }>;

export interface EventDefinition {
  readonly schema: EventSchema;
  readonly topic: EventTopic;
}

export const EVENT_REGISTRY: ReadonlyMap<string, EventDefinition> = new Map(
  Object.entries(EVENT_SCHEMAS_BY_TOPIC).flatMap(([topic, schemas]) =>
    schemas.map((schema): [string, EventDefinition] => [schema.typeName, { schema, topic: topic as EventTopic }]),
  ),
);

export type EventContractErrorCode = 'UNKNOWN_EVENT_TYPE' | 'TYPE_MISMATCH' | 'INVALID_PAYLOAD';

/** Raised for an event that does not satisfy the contract; consumers dead-letter it (the message goes to `dlq_error`). */
export class EventContractError extends Error {
  override readonly name = 'EventContractError';

  constructor(
    readonly code: EventContractErrorCode,
    readonly eventType: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The event type name of a schema, for the outbox row and the `ce_type` header. */
export function typeName<S extends EventSchema>(schema: S): S['typeName'] {
  return schema.typeName;
}

export function isEventType(type: string): type is EventTypeName {
  return EVENT_REGISTRY.has(type);
}

export function eventDefinition(type: string): EventDefinition {
  const definition = EVENT_REGISTRY.get(type);
  if (!definition) {
    throw new EventContractError('UNKNOWN_EVENT_TYPE', type, `Unknown event type "${type}"`);
  }
  return definition;
}

/** The topic an event type is published on. Throws EventContractError for an unknown type. */
export function topicOf(type: string): EventTopic {
  return eventDefinition(type).topic;
}

/** Serialises an event; refuses an unknown type or a message of another type than `type`. */
export function encodeEvent(type: EventTypeName, message: EventMessage): Uint8Array {
  const { schema } = eventDefinition(type);
  if (message.$typeName !== type) {
    throw new EventContractError(
      'TYPE_MISMATCH',
      type,
      `Event type "${type}" does not match message "${message.$typeName}"`,
    );
  }
  return toBinary(schema, message);
}

/**
 * Parses an event payload. Throws EventContractError for an unknown type or bytes that are not that event.
 *
 * protobuf-es alone is lenient: an empty payload decodes to a default message, unknown fields are kept, and a
 * known field is read by its declared type whatever wire type the bytes carry (so `08 01 41` reads as
 * referral_id "A"). Here the wire types of known fields are checked first, and every event must carry the
 * referral id (its Kafka key). Unknown fields stay accepted: a newer producer may add fields.
 * Bytes of a different event type with compatible fields cannot be told apart; `ce_type` decides the type.
 */
export function decodeEvent<T extends EventTypeName>(type: T, bytes: Uint8Array): EventOf<T>;
export function decodeEvent(type: string, bytes: Uint8Array): EventMessage;
export function decodeEvent(type: string, bytes: Uint8Array): EventMessage {
  const { schema } = eventDefinition(type);
  let message: EventMessage;
  try {
    checkWireTypes(schema, bytes);
    message = fromBinary(schema, bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EventContractError('INVALID_PAYLOAD', type, `Invalid ${type} payload: ${reason}`, { cause: error });
  }
  if (message.referralId === '') {
    throw new EventContractError('INVALID_PAYLOAD', type, `Invalid ${type} payload: referral_id is missing`);
  }
  return message;
}

function checkWireTypes(schema: DescMessage, bytes: Uint8Array): void {
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const [fieldNo, wireType] = reader.tag();
    const field = schema.fields.find((f) => f.number === fieldNo);
    if (field && !allowedWireTypes(field).includes(wireType)) {
      throw new Error(`field ${field.name} (${fieldNo}) has wire type ${WireType[wireType]}`);
    }
    reader.skip(wireType, fieldNo);
  }
}

function allowedWireTypes(field: DescField): WireType[] {
  const messageWireType = (delimited: boolean): WireType =>
    delimited ? WireType.StartGroup : WireType.LengthDelimited;
  switch (field.fieldKind) {
    case 'scalar':
      return [scalarWireType(field.scalar)];
    case 'enum':
      return [WireType.Varint];
    case 'message':
      return [messageWireType(field.delimitedEncoding)];
    case 'map':
      return [WireType.LengthDelimited];
    case 'list':
      switch (field.listKind) {
        case 'scalar':
          // Numeric lists may arrive packed or unpacked whatever the schema says.
          return [...new Set([scalarWireType(field.scalar), WireType.LengthDelimited])];
        case 'enum':
          return [WireType.Varint, WireType.LengthDelimited];
        case 'message':
          return [messageWireType(field.delimitedEncoding)];
      }
  }
}

function scalarWireType(scalar: ScalarType): WireType {
  switch (scalar) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return WireType.LengthDelimited;
    case ScalarType.DOUBLE:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return WireType.Bit64;
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return WireType.Bit32;
    case ScalarType.INT32:
    case ScalarType.INT64:
    case ScalarType.UINT32:
    case ScalarType.UINT64:
    case ScalarType.SINT32:
    case ScalarType.SINT64:
    case ScalarType.BOOL:
      return WireType.Varint;
  }
}
