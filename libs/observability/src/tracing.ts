/**
 * OpenTelemetry tracing (ADR 0076). Imported for its side effect as the FIRST import of every service's main.ts
 * (`import '@platform/observability/tracing'`): the instrumentations patch http, fastify, graphql, pg and kafkajs
 * when those are required, so nothing instrumented may be loaded before this module. It imports only the
 * OpenTelemetry packages.
 *
 * Off unless an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
 * OTEL_SDK_DISABLED=true turns it off regardless. Spans go out over OTLP/HTTP (JSON). Sampling is parent-based: a
 * request that arrives with a sampled `traceparent` is traced, a new trace is sampled with probability
 * OTEL_TRACES_SAMPLER_ARG (0..1, default 1).
 */
import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace';

/** Probes and scrapes are not worth a trace each. */
export const untraced = (url: string): boolean => /^\/(health(\/live)?|metrics)(\?|$)/.test(url);

export interface TracingSettings {
  enabled: boolean;
  serviceName: string;
  /** Probability that a new trace (no sampled parent) is recorded, 0..1. */
  ratio: number;
  /** How long finished spans are buffered before an export (OTEL_BSP_SCHEDULE_DELAY, ms). */
  exportDelayMs: number;
}

/** What the environment asks for; the service name defaults to the `services/<name>/` directory of the entry point. */
export function tracingSettings(env: NodeJS.ProcessEnv = process.env, entry = process.argv[1] ?? ''): TracingSettings {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const ratio = env.OTEL_TRACES_SAMPLER_ARG ? Number(env.OTEL_TRACES_SAMPLER_ARG) : 1;
  if (!(ratio >= 0 && ratio <= 1)) {
    throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got "${env.OTEL_TRACES_SAMPLER_ARG}"`);
  }
  return {
    enabled: Boolean(endpoint) && env.OTEL_SDK_DISABLED !== 'true',
    serviceName: env.OTEL_SERVICE_NAME || /services[\\/]([\w-]+)[\\/]/.exec(entry)?.[1] || 'platform',
    ratio,
    exportDelayMs: Number(env.OTEL_BSP_SCHEDULE_DELAY) || 5000,
  };
}

function startTracing(settings: TracingSettings): NodeSDK | undefined {
  if (!settings.enabled) return undefined;
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.ratio) }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), scheduledDelayMillis: settings.exportDelayMs }),
    ],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => untraced(request.url ?? ''),
      }),
      new FastifyOtelInstrumentation({
        registerOnInitialization: true,
        ignorePaths: ({ url }) => untraced(url),
      }),
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      new PgInstrumentation({ requireParentSpan: true }),
      new KafkaJsInstrumentation(),
    ],
  });
  sdk.start();
  return sdk;
}

export const tracing = startTracing(tracingSettings());
