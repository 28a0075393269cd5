export {
  contextFrom,
  currentContext,
  currentTraceparent,
  runWithContext,
  traceparentOf,
  type RequestContext,
} from './context';
export { runHealthChecks, type HealthCheck, type HealthReport } from './health';
export { JsonLogger } from './logger';
export { eventsConsumed, eventsPublished, httpRequestDuration, metricsRegistry, outboxLag } from './metrics';
