// Event contracts between services: generated protobuf-es schemas and types (from proto/), topics, and the
// registry mapping an event type name (the `ce_type` header) to its schema and topic.
export { create, toBinary } from '@bufbuild/protobuf';
export * from './gen/referrals/events/v1/events_pb';
export * from './gen/placements/events/v1/events_pb';
export * from './gen/progression/events/v1/events_pb';
export * from './topics';
export * from './registry';
export * from './asyncapi';
