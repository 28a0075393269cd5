import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { totalmem } from 'node:os';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process, served on the internal metrics port (serveMetrics), never the public one. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method, route template (never a concrete path) and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

export const graphqlOperations = new Counter({
  name: 'graphql_operations_total',
  help: 'GraphQL operations by operation name (anonymous, malformed and names beyond the cap as "other") and outcome',
  labelNames: ['operation', 'outcome'],
  registers: [metricsRegistry],
});

export const eventsPublished = new Counter({
  name: 'outbox_events_published_total',
  help: 'Events published from the outbox to Kafka',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

export const eventsConsumed = new Counter({
  name: 'events_consumed_total',
  help: 'Events handled by idempotent consumers, by outcome (processed, duplicate, dead_lettered)',
  labelNames: ['consumer', 'outcome'],
  registers: [metricsRegistry],
});

export const lastAppliedEventAge = new Gauge({
  name: 'consumer_last_applied_event_age_seconds',
  help: 'Projection freshness: how old the last event a consumer applied was when it was applied (now - ce_time)',
  labelNames: ['consumer'],
  registers: [metricsRegistry],
});

export const lastAppliedEventTime = new Gauge({
  name: 'consumer_last_applied_timestamp_seconds',
  help: 'When a consumer last applied an event (unix seconds); time() minus it is the time since',
  labelNames: ['consumer'],
  registers: [metricsRegistry],
});

/** The memory a process may use: the cgroup limit of its container, else the machine's memory. */
function memoryLimitBytes(): number {
  for (const file of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const value = Number(readFileSync(file, 'utf8').trim());
      // cgroup v1 reports "no limit" as a number near 2^63.
      if (Number.isFinite(value) && value > 0 && value < 2 ** 60) return value;
    } catch {
      // not this cgroup version, or not in a container
    }
  }
  return totalmem();
}

new Gauge({
  name: 'process_memory_limit_bytes',
  help: "The memory limit of the process's container (cgroup), else the machine's memory",
  registers: [metricsRegistry],
  collect() {
    this.set(memoryLimitBytes());
  },
});

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const MAX_OPERATION_NAMES = 200;
const operationNames = new Set<string>();

/**
 * A label value for a client-chosen GraphQL operation name with bounded cardinality: `anonymous` without a name,
 * `other` for a malformed one or once 200 distinct names were seen.
 */
export function operationLabel(name: unknown): string {
  if (name === undefined || name === null || name === '') return 'anonymous';
  if (typeof name !== 'string' || !GRAPHQL_NAME.test(name)) return 'other';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES) return 'other';
  operationNames.add(name);
  return name;
}

/**
 * Serves /metrics (Prometheus text format) on its own port, for the scraper only: not routed by the gateway, not
 * exposed by the public Service. Port 0 picks a free one (tests).
 */
export async function serveMetrics(port: number, host = process.env.HOST ?? '127.0.0.1'): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metricsRegistry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  server.unref();
  return server;
}
