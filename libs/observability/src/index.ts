export {
  contextFrom,
  currentContext,
  currentTraceparent,
  runWithContext,
  traceparentOf,
  type RequestContext,
} from './context';
export { runHealthChecks, type HealthCheck, type HealthReport } from './health';
export { createLogger, JsonLogger, REDACTED_FIELDS, routeProcessWarnings, scrub, type Level } from './logger';
export { accessLine, recordRequest, type AccessLine } from './access-log';
export {
  eventsConsumed,
  eventsPublished,
  graphqlOperations,
  httpRequestDuration,
  lastAppliedEventAge,
  lastAppliedEventTime,
  metricsRegistry,
  operationLabel,
  serveMetrics,
} from './metrics';
