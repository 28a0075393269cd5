import type { JsonLogger } from './logger';
import { httpRequestDuration } from './metrics';

/** What one access line says about a request: never a concrete path, a query string, a body or a token. */
export interface AccessLine {
  method: string;
  /** The route template (`/api/v1/referrals/{id}`), `/graphql` with the operation, or `unmatched`. */
  route: string;
  status: number;
  durationMs: number;
  requestId: string;
  traceId: string;
  /** The acting role and tenant (organisation) when the request was authenticated. */
  role?: string;
  org?: string;
  /** GraphQL: the operation's name as labelled in the metrics. */
  operation?: string;
}

/** One line per request at info (error for a 5xx), the same fields in the gateway and in every service. */
export function accessLine(logger: JsonLogger, line: AccessLine): void {
  logger.event(line.status >= 500 ? 'error' : 'info', 'request', {
    ...line,
    durationMs: Math.round(line.durationMs * 10) / 10,
  });
}

/**
 * What every HTTP process records when a request ends (gateway and services alike): its duration in the histogram by
 * route template, and its access line — health probes, which answer every few seconds, only at debug. Without a
 * logger (tests that silence the process) only the metric.
 */
export function recordRequest(logger: JsonLogger | undefined, line: AccessLine): void {
  httpRequestDuration.observe(
    { method: line.method, route: line.route, status: String(line.status) },
    line.durationMs / 1000,
  );
  if (!logger) return;
  if (line.route.startsWith('/health')) logger.event('debug', 'probe', { route: line.route, status: line.status });
  else accessLine(logger, line);
}
