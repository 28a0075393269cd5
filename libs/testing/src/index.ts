export {
  PlacementBuilder,
  ReferralBuilder,
  tokenFor,
  validCpr,
  type PlacementBody,
  type ReferralBody,
} from './builders';
export { createTestDatabase } from './database';
export { loadDevEnv, REPO_ROOT } from './env';
export { checkOpenApiSnapshot } from './openapi-snapshot';
export { checkSubgraphSchema } from './subgraph';
export { expectEventually } from './eventually';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver';
export { brokerListening, ensureBroker, startBroker, stopBroker, TopicProbe, type ProbedMessage } from './kafka';
export { startStack, type Stack } from './stack';
export { PlatformClient, type GraphQLResult } from './platform-client';
export * from './bad-input';
export { DatabaseFaults } from './faults';
export {
  actorOf,
  CALLERS,
  expectedGraphql,
  expectedRest,
  itFollowsTheTenancyTable,
  registeredFields,
  registeredRoutes,
  runGraphqlTable,
  runRestTable,
  type AccessRule,
  type Caller,
  type GraphqlRow,
  type RestRow,
  type TenancyFixture,
  type TenancyReport,
} from './tenancy';
export * from './document-inputs';
