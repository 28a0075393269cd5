import { create, toJson, type DescMessage } from '@bufbuild/protobuf';
// ajv and ajv-formats come with @asyncapi/parser (and @redocly/cli); the test only needs a draft-07 validator.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  ASYNCAPI_DOCUMENT,
  decodeEvent,
  encodeEvent,
  EVENT_REGISTRY,
  type EventMessage,
  type EventTypeName,
} from '@platform/contracts';
import { outboxRow } from '@platform/messaging';
import { contextFrom, runWithContext } from '@platform/observability';

type Schema = { type?: string; format?: string; pattern?: string; items?: Schema; properties?: Record<string, Schema> };
type Message = {
  payload: { schema: Schema & { properties: Record<string, Schema> } };
  headers: Schema;
  examples: { headers: Record<string, string>; payload: unknown }[];
  bindings: { kafka: { key: Schema } };
};

const messages = (ASYNCAPI_DOCUMENT as { components: { messages: Record<string, Message> } }).components.messages;

/** A plausible value for a property, from what the published schema says about it. */
function sample(schema: Schema): unknown {
  if (schema.format === 'uuid') return '6f1c2a44-6a53-4c8e-9a6e-2f0c7d4b9e11';
  if (schema.format === 'date') return '2026-12-01';
  if (schema.format === 'date-time') return '2026-12-01T09:30:00Z';
  if (schema.pattern === '^[0-9]{8}$') return '12345678';
  if (schema.pattern === '^[0-9]{3}$') return '101';
  switch (schema.type) {
    case 'string':
      return 'SOME_CODE';
    case 'integer':
      return 7;
    case 'number':
      return 37.5;
    case 'boolean':
      return true;
    case 'array':
      return [sample(schema.items!)];
    case 'object':
      return { step: 7 };
    default:
      throw new Error(`no sample for ${JSON.stringify(schema)}`);
  }
}

describe('the published payload schemas', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  it.each([...EVENT_REGISTRY.entries()])(
    'accept %s as protobuf-es writes it in the protobuf JSON mapping, every field set',
    (type, { schema }) => {
      const published = messages[type].payload.schema;
      const desc: DescMessage = schema;
      const init = Object.fromEntries(
        desc.fields.map((field) => [field.localName, sample(published.properties[field.jsonName])]),
      );
      const event: EventMessage = create<typeof schema>(schema, init);
      // Through the wire and back, as a consumer sees it.
      const received = decodeEvent(type, encodeEvent(type as EventTypeName, event));
      const json = toJson(schema, received as never);
      expect(Object.keys(json as object).sort()).toEqual(desc.fields.map((f) => f.jsonName).sort());
      const validate = ajv.compile(published);
      const valid = validate(json);
      expect(valid ? [] : validate.errors).toEqual([]);
    },
  );

  it('refuse a payload whose field has the wrong JSON type or misses the referral id', () => {
    const validate = ajv.compile(messages['progression.events.v1.MeasurementRecorded'].payload.schema);
    expect(validate({ referralId: '6f1c2a44-6a53-4c8e-9a6e-2f0c7d4b9e11', values: { step: 'seven' } })).toBe(false);
    expect(validate({ measurementId: '6f1c2a44-6a53-4c8e-9a6e-2f0c7d4b9e11' })).toBe(false);
  });

  it.each([...EVENT_REGISTRY.entries()])(
    'describe the headers and key libs/messaging really sends with %s, with and without a trace',
    (type, { schema, topic }) => {
      const message = messages[type];
      const validateHeaders = ajv.compile(message.headers);
      const validateKey = ajv.compile(message.bindings.kafka.key);
      const key = '6f1c2a44-6a53-4c8e-9a6e-2f0c7d4b9e11';
      const producer = topic.split('.')[0];
      const event = {
        topic,
        key,
        type,
        payload: encodeEvent(type as EventTypeName, create(schema, { referralId: key })),
      };
      const traced = runWithContext(contextFrom(undefined, undefined), () => outboxRow(producer, event));
      for (const row of [traced, outboxRow(producer, event)]) {
        expect(validateHeaders(row.headers) ? [] : validateHeaders.errors).toEqual([]);
        expect(validateKey(row.key)).toBe(true);
      }
      expect(traced.headers.traceparent).toBeDefined();
      expect(validateHeaders({ ...traced.headers, ce_type: 'referrals.events.v1.Other' })).toBe(false);
    },
  );

  it.each([...EVENT_REGISTRY.keys()])('accept the example of %s, headers and payload', (type) => {
    const message = messages[type];
    const validatePayload = ajv.compile(message.payload.schema);
    const validateHeaders = ajv.compile(message.headers);
    expect(message.examples).toHaveLength(1);
    for (const example of message.examples) {
      expect(validatePayload(example.payload) ? [] : validatePayload.errors).toEqual([]);
      expect(validateHeaders(example.headers) ? [] : validateHeaders.errors).toEqual([]);
    }
  });
});
