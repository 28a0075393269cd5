import { consumerStatuses, isBrokerUnavailable } from '@platform/messaging';
import { JsonLogger, routeProcessWarnings, type HealthCheck } from '@platform/observability';
import { isDatabaseUnavailable, onConnectionFault } from '@platform/persistence';
import { problemType, type Problem } from './problem';

/** Seconds a client is asked to wait (Retry-After) when a dependency is down: about one reconnect attempt. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 2;

/** Which dependency an error says is unreachable, if any. */
export function unavailableDependency(error: unknown): 'database' | 'kafka' | undefined {
  if (isDatabaseUnavailable(error)) return 'database';
  if (isBrokerUnavailable(error)) return 'kafka';
  return undefined;
}

/** 503 problem for a request that needed a dependency that is down: the client may retry (same Idempotency-Key). */
export function dependencyUnavailableProblem(dependency: 'database' | 'kafka'): Problem {
  return {
    type: problemType('dependency-unavailable'),
    title: 'A dependency of the service is unavailable',
    status: 503,
    detail: `The ${dependency === 'database' ? 'database' : 'message broker'} is unavailable; retry after the time in Retry-After`,
    dependency,
  };
}

/**
 * Readiness of the supervised Kafka consumers: down while one is restarting after a crash (ADR 0051). A consumer
 * that never started (broker down at start-up, retried in the background) shows up in the broker check instead.
 */
export const consumersHealthCheck: HealthCheck = {
  name: 'consumers',
  check: () => {
    const restarting = [...consumerStatuses()]
      .filter(([, status]) => status.state === 'restarting')
      .map(([name, status]) => `${name}: ${status.error ?? 'restarting'}`);
    return restarting.length === 0 ? Promise.resolve() : Promise.reject(new Error(restarting.join('; ')));
  },
};

/** What the process does with an error no code handled (ADR 0051): go on after a dependency fault, exit otherwise. */
export function processFaultAction(reason: unknown): 'continue' | 'exit' {
  return unavailableDependency(reason) ? 'continue' : 'exit';
}

let installed = false;

/**
 * The process-level policy of a service's main.ts (ADR 0051):
 * - a connection fault reported by the pg pool is logged (warn) and the process keeps running: pg already failed
 *   the affected query and the pool replaces the connection;
 * - an unhandled rejection or uncaught exception whose cause is a dependency fault (database or broker
 *   unreachable, connection cut) is logged (warn) and the process keeps running: it was a background operation
 *   that will be retried, and no in-memory state depends on it;
 * - Node's own warnings go to the JSON log (routeProcessWarnings), not as plain text to stderr;
 * - anything else is a programming error: it is logged (error, with stack) and the process exits with status 1, so
 *   the supervisor (npm start's runner, Kubernetes) starts a clean one. Keeping a process with unknown state alive
 *   would hide the bug.
 * Not used in tests, which create the application in-process.
 */
export function installProcessFaultPolicy(service: string, exit: (code: number) => void = process.exit): void {
  if (installed) return;
  installed = true;
  const logger = new JsonLogger(service);
  // From the first moment: main.ts talks to Kafka (ensureTopics) before the HTTP application exists.
  routeProcessWarnings(logger);
  onConnectionFault(({ source, error }) =>
    logger.event('warn', 'database connection lost; the pool replaces it', {
      source,
      error: error.message,
      code: (error as { code?: unknown }).code,
    }),
  );
  const handle = (kind: 'unhandledRejection' | 'uncaughtException') => (reason: unknown) => {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    if (processFaultAction(error) === 'continue') {
      logger.event('warn', `${kind} from a ${unavailableDependency(error)} fault; the service keeps running`, {
        error: error.message,
      });
      return;
    }
    logger.event('error', `${kind}: programming error; exiting so that a clean process is started`, {
      error: error.message,
      stack: error.stack,
    });
    // A moment for the log line to leave through a pipe before the process ends.
    process.exitCode = 1;
    setTimeout(() => exit(1), 200);
  };
  process.on('unhandledRejection', handle('unhandledRejection'));
  process.on('uncaughtException', handle('uncaughtException'));
}
