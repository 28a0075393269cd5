import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process, exposed at /metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

export const eventsPublished = new Counter({
  name: 'outbox_events_published_total',
  help: 'Events published from the outbox to Kafka',
  labelNames: ['topic'],
  registers: [metricsRegistry],
});

export const outboxLag = new Gauge({
  name: 'outbox_pending_events',
  help: 'Outbox rows not yet published at the last relay pass',
  registers: [metricsRegistry],
});

export const eventsConsumed = new Counter({
  name: 'events_consumed_total',
  help: 'Events handled by idempotent consumers, by outcome (processed, duplicate, dead_lettered)',
  labelNames: ['consumer', 'outcome'],
  registers: [metricsRegistry],
});
