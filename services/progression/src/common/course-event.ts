import { create, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { topicOf, type EventSchema } from '@platform/contracts';
import type { OutgoingEvent } from '@platform/messaging';

/** An event about one course, keyed by its referral id so the course's events stay in order. */
export function courseEvent<S extends EventSchema>(
  schema: S,
  init: MessageInitShape<S> & { referralId: string },
): OutgoingEvent {
  return {
    topic: topicOf(schema.typeName),
    key: init.referralId,
    type: schema.typeName,
    payload: toBinary(schema, create(schema, init)),
  };
}
