export { buildOpenApi, createHttpApp, routeTemplate, type HttpAppOptions } from './bootstrap';
export {
  assertIfMatch,
  ConditionalRequestInterceptor,
  ConditionalRequests,
  etagOf,
  NotModified,
  NotModifiedFilter,
  parseEntityTags,
  type Versioned,
} from './concurrency';
export { loadConfig } from './config';
export { documentValidationBounds, limitErrors, MAX_ARRAY_ITEMS } from './limits';
export {
  consumersHealthCheck,
  DEPENDENCY_RETRY_AFTER_SECONDS,
  dependencyUnavailableProblem,
  installProcessFaultPolicy,
  processFaultAction,
  unavailableDependency,
} from './dependency-faults';
export {
  advisoryLockId,
  IDEMPOTENCY_KEY_RING,
  idempotencyScope,
  IdempotencyInterceptor,
  IdempotencyRecord,
  purgeIdempotencyKeys,
  ReplayedProblem,
  requestHash,
  singleMutationField,
} from './idempotency';
export {
  ApiOp,
  BatchItemResult,
  BatchResultsResponse,
  LOCATION,
  ApiProblems,
  completeOpenApi,
  COPENHAGEN_DATES,
  copenhagenDate,
  IDEMPOTENCY_KEY_PARAMETER,
  PROBLEM_DESCRIPTIONS,
  PROBLEM_SCHEMA,
  problemResponse,
  type ProblemStatus,
  ApiConditionalRead,
  ApiConditionalWrite,
  ETAG,
} from './openapi';
export { PROBLEM_CONTENT_TYPE, PROBLEM_OF, problemType, type Problem } from './problem';
export { ProblemFilter, toGraphQLError, toProblem } from './problem.filter';
export {
  fieldErrors,
  jsonTextNestsDeeperThan,
  MAX_BODY_DEPTH,
  bodyTooDeep,
  nestsDeeperThan,
  StrictValidationPipe,
  unsafeValues,
  validateDto,
  ValidatedPerItem,
  validationFailed,
} from './validation';
export {
  assertUuid,
  HasAtMostTwoDecimals,
  IsCpr,
  IsCvr,
  IsDateOrInstant,
  IsLocalDate,
  IsLocalDateBetween,
  IsMunicipalityCode,
  validationRule,
} from './validators';
export { serviceProviders, type AuthSettings, type ServiceProvidersOptions } from './service-providers';
