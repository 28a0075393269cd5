import { fromJson, toBinary, type JsonValue } from '@bufbuild/protobuf';
import { ASYNCAPI_DOCUMENT, decodeEvent, EVENT_REGISTRY, REFERRALS_TOPIC } from '@platform/contracts';
import { decodeCourseEvent } from '@platform/course';
import { changeOf } from './changes';

type Example = { headers: Record<string, string>; payload: JsonValue };
const messages = (ASYNCAPI_DOCUMENT as { components: { messages: Record<string, { examples: Example[] }> } }).components
  .messages;

describe('the examples of the published event contract (libs/contracts/asyncapi.json)', () => {
  it.each([...EVENT_REGISTRY.entries()])(
    '%s: its example, as protobuf binary, passes the consumers’ decoders and the read model’s checks',
    (type, { schema, topic }) => {
      const [example] = messages[type].examples;
      expect(example.headers.ce_type).toBe(type);
      const bytes = Buffer.from(toBinary(schema, fromJson(schema, example.payload)));
      // As the reporting consumer decodes (reporting.consumer.ts); placements and progression use decodeCourseEvent.
      const event = topic === REFERRALS_TOPIC ? decodeCourseEvent(type, bytes) : decodeEvent(type, bytes);
      expect(() => changeOf(event)).not.toThrow();
    },
  );
});
