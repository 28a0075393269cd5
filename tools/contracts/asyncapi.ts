import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { create, createFileRegistry, fromBinary, ScalarType, toJson } from '@bufbuild/protobuf';
import type { DescEnum, DescField, DescFile, DescMessage, FileRegistry } from '@bufbuild/protobuf';
import { FeatureSet_FieldPresence, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { dlq, EVENT_SCHEMAS_BY_TOPIC, EVENT_TOPICS, type EventSchema, type EventTopic } from '@platform/contracts';
import {
  Assessor,
  BuiltInScaleCode,
  CancelReason,
  ChangeRequestKind,
  EndReason,
  ExitStatus,
  FollowUpMode,
  OutcomeHorizon,
  PackageType,
  PlacementEndReason,
  PlacementType,
  Purpose,
  RejectReason,
  ReportKind,
  TargetGroup,
} from '@platform/domain-kernel';

/**
 * Generates the AsyncAPI 3.0 document of the platform's Kafka events (issue 12, item 4; ADR 0061) from the event
 * registry of libs/contracts (topics and the protobuf-es descriptor of every event) and the descriptors `buf build`
 * makes from proto/ with their source comments (the descriptors embedded in the generated code carry no comments).
 *
 * The payload travels as protobuf binary (`content-type: application/protobuf`). AsyncAPI's protobuf schema format
 * needs @asyncapi/protobuf-schema-parser, which is not a dependency, and the parser reports an error for a schema
 * format it has no parser for; so each payload is a JSON Schema (draft-07, `schemaFormat` says so) of the message's
 * canonical protobuf JSON mapping, and the message names its protobuf type and `.proto` file. Field names in the
 * schema are the JSON names (lowerCamelCase); each field's `$comment` is its protobuf declaration.
 */

export const ROOT = join(__dirname, '..', '..');
/** The checked-in document: in libs/contracts so that `npm run build` and the images carry it (the gateway serves it). */
export const ASYNCAPI_FILE = join(ROOT, 'libs', 'contracts', 'asyncapi.json');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The service that owns (publishes) each topic: the first word of its name (ARCHITECTURE.md, Events). */
const PRODUCER: Record<EventTopic, string> = {
  'referrals.events.v1': 'referrals',
  'placements.events.v1': 'placements',
  'progression.events.v1': 'progression',
};

/**
 * Who consumes which topic, with the consumer group each runs under by default (its config may rename the group).
 * placements and progression: libs/course CourseProjection; reporting: services/reporting reporting.consumer.ts.
 */
const CONSUMERS: readonly { service: string; group: string; groupVariable: string; topics: readonly EventTopic[] }[] = [
  {
    service: 'placements',
    group: 'placements.referral-projection',
    groupVariable: 'PLACEMENTS_CONSUMER_GROUP',
    topics: ['referrals.events.v1'],
  },
  {
    service: 'progression',
    group: 'progression.referral-state',
    groupVariable: 'PROGRESSION_CONSUMER_GROUP',
    topics: ['referrals.events.v1'],
  },
  {
    service: 'reporting',
    group: 'reporting',
    groupVariable: 'REPORTING_CONSUMER_GROUP',
    topics: ['referrals.events.v1', 'placements.events.v1', 'progression.events.v1'],
  },
];

/** Who integrators write to. Placeholders in the reserved .example domain until the platform names a real one. */
const CONTACT: JsonObject = {
  name: 'Jobplatform integration',
  url: 'https://jobplatform.example/integration',
  email: 'integration@jobplatform.example',
};

const KAFKA_BINDING_VERSION = '0.5.0';
const JSON_SCHEMA_FORMAT = 'application/schema+json;version=draft-07';

/**
 * The DOMAIN.md code list (libs/domain-kernel) of each code field, by `Message.field` or field name. The schema
 * does not restrict the field to them (a new code is not a schema change); the description lists today's codes.
 */
const CODE_LISTS: Record<string, readonly string[]> = {
  package_type: PackageType,
  target_group: TargetGroup,
  purposes: Purpose,
  'ReferralRejected.reason': RejectReason,
  'ReferralCancelled.reason': CancelReason,
  'PlacementEnded.reason': PlacementEndReason,
  end_reason: EndReason,
  exit_status: ExitStatus,
  'CourseChanged.kind': ChangeRequestKind,
  'ReportSubmitted.kind': ReportKind,
  horizon: OutcomeHorizon,
  'PlacementStarted.type': PlacementType,
  mode: FollowUpMode,
  assessor: Assessor,
};

/**
 * Example values of the other fields, by `Message.field` or field name (in protobuf-es form). One course, told
 * consistently; reporting's consumer test accepts every example (services/reporting asyncapi-examples.spec.ts).
 */
const EXAMPLE_VALUES: Record<string, unknown> = {
  referral_id: '6f1c2f0e-2b1a-4c55-9d43-5a8f0d0b7a11',
  external_ref: 'KK-2026-000123',
  municipality_code: '101',
  provider_id: '29403473',
  offer_id: '0b6d3c1e-8f4a-4e2b-9c7d-1a2b3c4d5e6f',
  tender_area: 'Region Hovedstaden',
  hours_per_week: 15,
  planned_start: '2026-12-07',
  planned_weeks: 26,
  citizen_pseudonym: 'YOmfKVvL1kdA_6LSXF0KMpKPIHHb_bRBNOGpp649xWA', // HMAC-SHA256, base64url
  received_at: '2026-12-01T09:30:00Z',
  answer_due: '2026-12-03',
  start_due: '2026-12-15',
  accepted_at: '2026-12-02T08:15:00Z',
  expected_start: '2026-12-07',
  rejected_at: '2026-12-02T08:15:00Z',
  start_date: '2026-12-07',
  pause_date: '2027-01-11',
  resume_date: '2027-01-25',
  end_date: '2027-06-04',
  cancelled_at: '2026-12-04T13:00:00Z',
  change_request_id: '3e8a1f52-7c4d-4b9e-a6f1-2d3c4b5a6978',
  'CourseChanged.planned_end': '2027-07-02',
  approved_at: '2027-03-01T10:00:00Z',
  observed_date: '2027-09-06',
  placement_id: '8d2e4f61-5a7b-4c3d-9e8f-0a1b2c3d4e5f',
  employer_cvr: '29403473',
  internal: false,
  'PlacementStarted.planned_end': '2027-03-26',
  'PlacementStarted.start_date': '2027-01-04',
  paid_hours_per_week: 0,
  effective_from: '2027-02-01',
  'PlacementHoursChanged.hours_per_week': 20,
  'PlacementHoursChanged.paid_hours_per_week': 5,
  follow_up_id: '5c4b3a29-1807-4f6e-8d5c-4b3a29180765',
  follow_up_date: '2027-01-18',
  attendance_pct: 90,
  effectiveness_pct: 60,
  'PlacementEnded.end_date': '2027-03-26',
  measurement_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  scale_code: BuiltInScaleCode[0],
  scale_version: 1,
  sequence: 2,
  measured_date: '2027-02-15',
  values: { step: 7 },
  supersedes_id: '1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b',
  report_id: '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
  submitted_at: '2027-02-20T14:45:00Z',
  citizen_disagrees: false,
};

/** `Message.field` first, then the field name. */
const lookup = <T>(table: Record<string, T>, message: DescMessage, field: DescField): T | undefined =>
  table[`${message.name}.${field.name}`] ?? table[field.name];

/** An example of the event in the protobuf JSON mapping, as protobuf-es writes it (toJson of the message). */
function examplePayload(schema: EventSchema): Json {
  const desc: DescMessage = schema;
  const init: Record<string, unknown> = {};
  for (const field of desc.fields) {
    const codes = lookup(CODE_LISTS, desc, field);
    const value = codes
      ? field.fieldKind === 'list'
        ? codes.slice(0, 2)
        : codes[0]
      : lookup(EXAMPLE_VALUES, desc, field);
    if (value === undefined) {
      throw new Error(`No example value for ${desc.typeName}.${field.name}: add one to EXAMPLE_VALUES or CODE_LISTS`);
    }
    init[field.localName] = value;
  }
  return toJson(schema, create(schema, init as never));
}

/** The descriptors of proto/ with source comments, as `buf build` makes them (the same input as `npm run proto:gen`). */
export function buildDescriptors(root = ROOT): FileRegistry {
  const image = execFileSync(join(root, 'node_modules', '.bin', 'buf'), ['build', '--output', '-#format=binpb'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, image));
}

/** Camel-cased channel/operation id part of a topic: `referrals.events.v1` → `referralsEventsV1`. */
const idOf = (name: string): string =>
  name.replace(/[._-]+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toLowerCase());
const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** `ReferralReceived` → `Referral received`. */
const titleOf = (name: string): string =>
  name.replace(/(?<=[a-z0-9])([A-Z])/g, (c) => ` ${c.toLowerCase()}`).replace(/^./, (c) => c.toUpperCase());

/** Leading comment of a declaration by its source path, whitespace-normalised per line; '' when there is none. */
function commentAt(file: DescFile, path: readonly number[]): string {
  const location = file.proto.sourceCodeInfo?.location.find(
    (l) => l.path.length === path.length && l.path.every((p, i) => p === path[i]),
  );
  const text = location?.leadingComments ?? '';
  return text
    .split('\n')
    .map((line) => line.replace(/^ /, '').trimEnd())
    .join('\n')
    .trim();
}

/** Source path of a message: [4, i] at top level, [..., 3, j] when nested (descriptor.proto field numbers). */
function messagePath(message: DescMessage): number[] {
  if (message.parent)
    return [...messagePath(message.parent), 3, message.parent.proto.nestedType.indexOf(message.proto)];
  return [4, message.file.proto.messageType.indexOf(message.proto)];
}

function fieldPath(field: DescField): number[] {
  return [...messagePath(field.parent), 2, field.parent.proto.field.indexOf(field.proto)];
}

/** One paragraph: a comment's lines joined, for summaries. */
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ');

const SCALAR_NAMES: Record<ScalarType, string> = {
  [ScalarType.DOUBLE]: 'double',
  [ScalarType.FLOAT]: 'float',
  [ScalarType.INT64]: 'int64',
  [ScalarType.UINT64]: 'uint64',
  [ScalarType.INT32]: 'int32',
  [ScalarType.FIXED64]: 'fixed64',
  [ScalarType.FIXED32]: 'fixed32',
  [ScalarType.BOOL]: 'bool',
  [ScalarType.STRING]: 'string',
  [ScalarType.BYTES]: 'bytes',
  [ScalarType.UINT32]: 'uint32',
  [ScalarType.SFIXED32]: 'sfixed32',
  [ScalarType.SFIXED64]: 'sfixed64',
  [ScalarType.SINT32]: 'sint32',
  [ScalarType.SINT64]: 'sint64',
};

/** The field as written in the .proto file, e.g. `optional string planned_end = 7`. */
function declaration(field: DescField): string {
  const typeOf = (kind: { scalar?: ScalarType; enum?: DescEnum; message?: DescMessage }): string =>
    kind.scalar !== undefined ? SCALAR_NAMES[kind.scalar] : (kind.enum ?? kind.message)!.typeName;
  let type: string;
  switch (field.fieldKind) {
    case 'scalar':
      type = `${field.presence === FeatureSet_FieldPresence.EXPLICIT ? 'optional ' : ''}${SCALAR_NAMES[field.scalar]}`;
      break;
    case 'enum':
      type = `${field.presence === FeatureSet_FieldPresence.EXPLICIT ? 'optional ' : ''}${field.enum.typeName}`;
      break;
    case 'message':
      type = field.message.typeName;
      break;
    case 'list':
      type = `repeated ${typeOf(field)}`;
      break;
    case 'map':
      type = `map<${SCALAR_NAMES[field.mapKey]}, ${typeOf(field)}>`;
      break;
  }
  return `${type} ${field.name} = ${field.number}`;
}

/** JSON Schema of a scalar in the protobuf JSON mapping (https://protobuf.dev/programming-guides/json/). */
function scalarSchema(scalar: ScalarType): JsonObject {
  switch (scalar) {
    case ScalarType.STRING:
      return { type: 'string' };
    case ScalarType.BOOL:
      return { type: 'boolean' };
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT:
      return { type: 'number' };
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return { type: 'integer', minimum: -2147483648, maximum: 2147483647 };
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return { type: 'integer', minimum: 0, maximum: 4294967295 };
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return { type: 'string', pattern: '^-?[0-9]+$', description: '64-bit integer, as a decimal string' };
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return { type: 'string', pattern: '^[0-9]+$', description: 'Unsigned 64-bit integer, as a decimal string' };
    case ScalarType.BYTES:
      return { type: 'string', contentEncoding: 'base64' };
  }
}

function enumSchema(desc: DescEnum): JsonObject {
  return { type: 'string', enum: desc.values.map((v) => v.name) };
}

/**
 * String conventions of proto/referrals/events/v1/events.proto ("Conventions shared by every file"): dates are
 * "YYYY-MM-DD" (fields documented as "Date…"), instants are RFC 3339 (fields ending in `_at`, documented "Instant…"),
 * ids are UUIDs except provider_id / employer_cvr (CVR, 8 digits) and municipality_code (3 digits).
 */
function conventionOf(field: DescField, comment: string): JsonObject {
  if (field.fieldKind !== 'scalar' || field.scalar !== ScalarType.STRING) return {};
  if (field.name === 'provider_id' || field.name === 'employer_cvr') return { pattern: '^[0-9]{8}$' };
  if (field.name === 'municipality_code') return { pattern: '^[0-9]{3}$' };
  if (field.name.endsWith('_at') || /^Instant\b/.test(comment)) return { format: 'date-time' };
  if (/^Date\b/.test(comment)) return { format: 'date' };
  if (field.name.endsWith('_id')) return { format: 'uuid' };
  return {};
}

/** The zero value an implicit-presence field has when it is absent (proto3 does not send defaults). */
function zeroOf(field: DescField): Json | undefined {
  if (field.presence !== FeatureSet_FieldPresence.IMPLICIT) return undefined;
  if (field.fieldKind === 'enum') return field.enum.values[0]?.name ?? null;
  if (field.fieldKind !== 'scalar') return undefined;
  switch (field.scalar) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      return '';
    case ScalarType.BOOL:
      return false;
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return '0';
    default:
      return 0;
  }
}

/** JSON Schema (draft-07) of a message's protobuf JSON mapping, descriptions from the .proto comments. */
function messageSchema(message: DescMessage, comments: FileRegistry, seen: readonly string[] = []): JsonObject {
  if (seen.includes(message.typeName)) throw new Error(`Recursive message ${message.typeName} is not supported`);
  const documented = comments.getMessage(message.typeName);
  if (!documented) throw new Error(`${message.typeName} is not in proto/ (run npm run proto:gen)`);
  const properties: JsonObject = {};
  for (const field of message.fields) {
    const source = documented.fields.find((f) => f.number === field.number);
    if (!source || source.name !== field.name) {
      throw new Error(`${message.typeName}.${field.name} differs from proto/ (run npm run proto:gen)`);
    }
    const comment = commentAt(source.parent.file, fieldPath(source));
    const valueSchema = (kind: { scalar?: ScalarType; enum?: DescEnum; message?: DescMessage }): JsonObject =>
      kind.scalar !== undefined
        ? scalarSchema(kind.scalar)
        : kind.enum
          ? enumSchema(kind.enum)
          : messageSchema(kind.message!, comments, [...seen, message.typeName]);
    let schema: JsonObject;
    switch (field.fieldKind) {
      case 'scalar':
        schema = { ...scalarSchema(field.scalar), ...conventionOf(field, comment) };
        break;
      case 'enum':
        schema = enumSchema(field.enum);
        break;
      case 'message':
        schema = messageSchema(field.message, comments, [...seen, message.typeName]);
        break;
      case 'list':
        schema = { type: 'array', items: valueSchema(field) };
        break;
      case 'map':
        schema = {
          type: 'object',
          propertyNames: { description: `Map key (protobuf ${SCALAR_NAMES[field.mapKey]})` },
          additionalProperties: valueSchema(field),
        };
        break;
    }
    // Ids, dates and codes with a format are always set by the producers; a zero default would contradict the format.
    const zero = 'format' in schema || 'pattern' in schema ? undefined : zeroOf(field);
    const codes = lookup(CODE_LISTS, message, field);
    const described = [
      oneLine(comment),
      codes ? `Codes today (DOMAIN.md; the list may grow): ${codes.join(', ')}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    properties[field.jsonName] = {
      ...schema,
      ...(described ? { description: described } : {}),
      ...(zero !== undefined ? { default: zero } : {}),
      $comment: `protobuf: ${declaration(field)}`,
    };
  }
  const comment = commentAt(documented.file, messagePath(documented));
  return {
    type: 'object',
    title: message.name,
    ...(comment ? { description: oneLine(comment) } : {}),
    $comment: `protobuf message ${message.typeName} (proto/${documented.file.name}.proto)`,
    // The Kafka key; decodeEvent (libs/contracts) refuses an event without it.
    ...(message.fields.some((f) => f.name === 'referral_id') ? { required: ['referralId'] } : {}),
    properties,
  };
}

const HEADER_DESCRIPTIONS = {
  ce_id:
    'Event id (UUID, CloudEvents `id`): the de-duplication key. Consumers record it with their side effects, so a redelivered event changes nothing.',
  ce_type: 'Fully qualified protobuf message name of the payload (CloudEvents `type`); there is no envelope message.',
  ce_source: 'The service that published the event (CloudEvents `source`).',
  ce_time: 'When the event was written to the outbox, RFC 3339 UTC (CloudEvents `time`).',
  ce_subject: 'The referral id (CloudEvents `subject`), equal to the Kafka key.',
  'content-type': 'Always `application/protobuf`: the value is the protobuf binary encoding of the `ce_type` message.',
  traceparent:
    'W3C trace context of the request that caused the event; absent when the event was not caused by a traced request.',
} as const;

function eventHeaders(typeName: string, source: string): JsonObject {
  return {
    type: 'object',
    description: 'CloudEvents-style Kafka headers (Kafka binary content mode), UTF-8 strings.',
    required: ['ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject', 'content-type'],
    properties: {
      ce_id: { type: 'string', format: 'uuid', description: HEADER_DESCRIPTIONS.ce_id },
      ce_type: { type: 'string', const: typeName, description: HEADER_DESCRIPTIONS.ce_type },
      ce_source: { type: 'string', const: source, description: HEADER_DESCRIPTIONS.ce_source },
      ce_time: { type: 'string', format: 'date-time', description: HEADER_DESCRIPTIONS.ce_time },
      ce_subject: { type: 'string', format: 'uuid', description: HEADER_DESCRIPTIONS.ce_subject },
      'content-type': {
        type: 'string',
        const: 'application/protobuf',
        description: HEADER_DESCRIPTIONS['content-type'],
      },
      traceparent: {
        type: 'string',
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
        description: HEADER_DESCRIPTIONS.traceparent,
      },
    },
  };
}

function deadLetterHeaders(topic: EventTopic): JsonObject {
  const event = eventHeaders('', PRODUCER[topic]);
  const properties = { ...(event.properties as JsonObject) };
  properties.ce_type = {
    type: 'string',
    enum: EVENT_SCHEMAS_BY_TOPIC[topic].map((s) => s.typeName),
    description: `${HEADER_DESCRIPTIONS.ce_type} Copied from the original message (when it had one).`,
  };
  return {
    type: 'object',
    description: `The original message's headers, copied unchanged (they may be missing or wrong: that can be why it was dead-lettered), plus the dlq_* headers. UTF-8 strings.`,
    required: ['dlq_error', 'dlq_consumer', 'dlq_attempts', 'dlq_time', 'dlq_source'],
    properties: {
      ...properties,
      dlq_error: {
        type: 'string',
        maxLength: 2000,
        description: 'Why the consumer gave up (the error message, cut at 2000 characters).',
      },
      dlq_consumer: {
        type: 'string',
        description: 'The consumer (its consumer group) that dead-lettered the message.',
      },
      dlq_attempts: {
        type: 'string',
        pattern: '^[0-9]+$',
        description:
          'How many times the consumer tried (1 for a message that can never be handled, e.g. an invalid payload).',
      },
      dlq_time: {
        type: 'string',
        format: 'date-time',
        description: 'When the message was dead-lettered, RFC 3339 UTC.',
      },
      dlq_source: {
        type: 'string',
        description: `Where the original message was: \`${topic}/<partition>/<offset>\`.`,
      },
    },
  };
}

const KEY_SCHEMA: JsonObject = {
  type: 'string',
  format: 'uuid',
  description:
    "The referral id (the course's id): every event of a course has it, so a course's events share a partition.",
};

const GUARANTEES = `
## Delivery and ordering

- **Key = referral id.** Every event of one course (referral) is keyed by its referral id, so all of a course's events
  land on one partition and are **delivered in order per course within a topic**. There is no order across topics:
  a consumer of several topics must tolerate, say, a measurement arriving before the course's start.
- **Transactional outbox.** A service writes its state change and the outbox row in one database transaction; a
  relay publishes the row **after the commit** (nothing is published from a request directly, nothing is published
  for a rolled-back change). A 2xx answer from the producing service means its events are on the broker.
- **At least once.** Events may be delivered more than once (relay retries, consumer restarts, re-driven dead
  letters). \`ce_id\` is the de-duplication key: consumers record it in the transaction of their side effects.
- **Dead letters.** A message a consumer cannot handle goes, after bounded retries (3 attempts; at once when the
  payload can never be decoded), to \`<topic>.dlq\` with its original key, value and headers plus \`dlq_*\` headers,
  and never blocks its partition. \`npm run dlq -- list|redrive <topic>\` lists and re-drives them.
- **Validation.** Consumers validate every payload before use (\`decodeEvent\` in libs/contracts: the wire types of
  known fields, a referral id; codes and dates by the consuming service). Unknown fields are accepted: a newer
  producer may add fields.

## Payloads

The Kafka value is the **protobuf binary** encoding (\`content-type: application/protobuf\`) of the message named by
the \`ce_type\` header; the message's \`x-protobuf\` names its type and \`.proto\` file in the repository. The payload
schemas here are JSON Schemas of the same messages in the **canonical protobuf JSON mapping** (lowerCamelCase
names, \`$comment\` gives each field's protobuf declaration), for documentation and for tools that decode to JSON.
proto3 does not send a field holding its zero value, so absent fields read as their \`default\`; \`optional\`
fields have no default (absent means not given). Domain codes are UPPER_SNAKE strings whose lists DOMAIN.md owns,
so a new code is not a schema change; consumers validate codes.

## Personal data

No personal data beyond the citizen **pseudonym** (an HMAC of the CPR number): no CPR numbers, names, free-text
comments or reasons (they may hold health information). Reasons are codes.

## Versions

One topic per bounded context and major version (\`.v1\`). Adding fields or events is compatible; anything
\`buf breaking\` refuses means a \`v2\` package and topic.
`.trim();

/** The AsyncAPI 3.0 document of every topic, event and consumer. `comments`: `buildDescriptors()`. */
export function generateAsyncApi(comments: FileRegistry): JsonObject {
  const channels: JsonObject = {};
  const operations: JsonObject = {};
  const messages: JsonObject = {};

  for (const topic of EVENT_TOPICS) {
    const channelId = idOf(topic);
    const producer = PRODUCER[topic];
    const schemas = EVENT_SCHEMAS_BY_TOPIC[topic];
    const channelMessages: JsonObject = {};
    let fileComment = '';
    for (const schema of schemas) {
      const documented = comments.getMessage(schema.typeName);
      if (!documented) throw new Error(`${schema.typeName} is not in proto/`);
      fileComment ||= commentAt(documented.file, [2]);
      const messageComment = commentAt(documented.file, messagePath(documented));
      messages[schema.typeName] = {
        name: schema.name,
        title: titleOf(schema.name),
        summary: oneLine(messageComment).split(/(?<=\.)\s/)[0] ?? schema.name,
        description: `${messageComment}\n\nProtobuf message \`${schema.typeName}\` (\`proto/${documented.file.name}.proto\`), published by ${producer} on \`${topic}\` with \`ce_type: ${schema.typeName}\`.`,
        contentType: 'application/protobuf',
        headers: eventHeaders(schema.typeName, producer),
        payload: { schemaFormat: JSON_SCHEMA_FORMAT, schema: messageSchema(schema, comments) },
        examples: [
          {
            name: schema.name,
            summary: `A ${schema.name} event (its payload in the protobuf JSON mapping; on the wire it is protobuf binary).`,
            headers: {
              ce_id: 'a4b0c6e2-1d3f-4e5a-8b7c-9d0e1f2a3b4c',
              ce_type: schema.typeName,
              ce_source: producer,
              ce_time: '2026-12-01T09:30:00.123Z',
              ce_subject: EXAMPLE_VALUES.referral_id as string,
              'content-type': 'application/protobuf',
              traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
            },
            payload: examplePayload(schema),
          },
        ],
        correlationId: {
          description: 'W3C trace context of the request that caused the event.',
          location: '$message.header#/traceparent',
        },
        bindings: { kafka: { key: KEY_SCHEMA, bindingVersion: KAFKA_BINDING_VERSION } },
        'x-protobuf': { message: schema.typeName, file: `proto/${documented.file.name}.proto` },
      };
      channelMessages[schema.name] = { $ref: `#/components/messages/${schema.typeName}` };
    }
    const consumers = CONSUMERS.filter((c) => c.topics.includes(topic));
    channels[channelId] = {
      address: topic,
      title: topic,
      summary: `Events of the ${producer} service, keyed by referral id.`,
      description: `${fileComment}\n\nProducer: ${producer} (transactional outbox). Consumers: ${consumers.map((c) => c.service).join(', ')}.`,
      messages: channelMessages,
      bindings: { kafka: { topic, bindingVersion: KAFKA_BINDING_VERSION } },
    };
    const channelRefs = (id: string, names: readonly string[]): Json[] =>
      names.map((name) => ({ $ref: `#/channels/${id}/messages/${name}` }));
    const eventNames = schemas.map((s) => s.name);
    operations[`${producer}Publishes${capitalised(channelId)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId}` },
      title: `${producer} publishes ${topic}`,
      summary: `The ${producer} service publishes its events through its transactional outbox.`,
      description: `The relay of the ${producer} service publishes each outbox row after the transaction that wrote it committed, with the key, headers and payload of the row, idempotently (a retry may still deliver twice; \`ce_id\` de-duplicates).`,
      messages: channelRefs(channelId, eventNames),
    };

    const dlqTopic = dlq(topic);
    const dlqId = idOf(dlqTopic);
    const deadLetter = `${topic}.DeadLetter`;
    messages[deadLetter] = {
      name: 'DeadLetter',
      title: `Dead letter of ${topic}`,
      summary: `A message of ${topic} that a consumer gave up on.`,
      description: `The original key, value and headers of a message of \`${topic}\` that a consumer could not handle after bounded retries, plus the \`dlq_*\` headers. The value is normally one of the events of \`${topic}\` (the \`ce_type\` header says which) but may be bytes that are no valid event — that can be why it is here.`,
      contentType: 'application/protobuf',
      headers: deadLetterHeaders(topic),
      payload: {
        schemaFormat: JSON_SCHEMA_FORMAT,
        schema: {
          description: `The original value, unchanged: the protobuf binary of the event named by ce_type (see the messages of ${topic}), or whatever bytes the consumer could not decode.`,
        },
      },
      bindings: { kafka: { key: KEY_SCHEMA, bindingVersion: KAFKA_BINDING_VERSION } },
    };
    channels[dlqId] = {
      address: dlqTopic,
      title: dlqTopic,
      summary: `Dead letters of ${topic}.`,
      description: `Messages of \`${topic}\` that a consumer could not handle after bounded retries (or at once, for a payload that can never be decoded). They never block the original partition. \`npm run dlq -- list ${topic}\` lists them; \`npm run dlq -- redrive ${dlqTopic}\` publishes them to \`${topic}\` again (consumers de-duplicate by ce_id).`,
      messages: { DeadLetter: { $ref: `#/components/messages/${deadLetter}` } },
      bindings: { kafka: { topic: dlqTopic, bindingVersion: KAFKA_BINDING_VERSION } },
    };
    for (const consumer of consumers) {
      const groupId: JsonObject = {
        type: 'string',
        default: consumer.group,
        description: `Consumer group; configurable with ${consumer.groupVariable}.`,
      };
      operations[`${consumer.service}Consumes${capitalised(channelId)}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${channelId}` },
        title: `${consumer.service} consumes ${topic}`,
        summary: `The ${consumer.service} service consumes ${topic} (group ${consumer.group}).`,
        description:
          consumer.service === 'reporting'
            ? `The reporting read model: every event of \`${topic}\`, validated, applied in the transaction that records its ce_id.`
            : `The course projection (libs/course): the course's owner, status and dates, folded order-tolerantly; events it does not need are recorded and skipped. Positions are recorded per partition for read-your-writes (ADR 0053).`,
        messages: channelRefs(channelId, eventNames),
        bindings: { kafka: { groupId, bindingVersion: KAFKA_BINDING_VERSION } },
      };
      operations[`${consumer.service}DeadLetters${capitalised(channelId)}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${dlqId}` },
        title: `${consumer.service} dead-letters ${topic}`,
        summary: `The ${consumer.service} consumer sends what it cannot handle to ${dlqTopic}.`,
        messages: [{ $ref: `#/channels/${dlqId}/messages/DeadLetter` }],
      };
    }
    operations[`dlqToolReads${capitalised(dlqId)}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${dlqId}` },
      title: `Operators list and re-drive ${dlqTopic}`,
      summary: `npm run dlq reads ${dlqTopic} (and re-drives to ${topic}).`,
      messages: [{ $ref: `#/channels/${dlqId}/messages/DeadLetter` }],
    };
  }

  return {
    asyncapi: '3.0.0',
    id: 'urn:jobplatform:events',
    info: {
      title: 'Jobplatform events',
      version: '1.0.0',
      description: `The Kafka events between the services of the jobplatform (referrals, placements, progression, reporting): one topic per bounded context and major version, one protobuf message per event (\`proto/<context>/events/v1/events.proto\`). Generated from proto/ and the event registry of libs/contracts by \`npm run contracts:asyncapi\`; do not edit by hand.\n\n${GUARANTEES}`,
      // Placeholders (RFC 2606 .example) until the platform has a public integration contact: see ADR 0061.
      contact: CONTACT,
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    defaultContentType: 'application/protobuf',
    servers: {
      kafka: {
        host: '{bootstrap}',
        protocol: 'kafka',
        title: 'Kafka',
        description: 'The platform Kafka cluster (KAFKA_BROKERS of each service).',
        variables: { bootstrap: { default: '127.0.0.1:9092', description: 'A bootstrap broker, host:port.' } },
      },
    },
    channels,
    operations,
    components: { messages },
  };
}

/** The document as checked in: pretty JSON with a final newline. */
export function renderAsyncApi(document: JsonObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
