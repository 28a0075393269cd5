import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { isSpanContextValid, trace, type SpanContext } from '@opentelemetry/api';

/** What travels with a unit of work (an HTTP request or a consumed event) for logs and propagation. */
export interface RequestContext {
  requestId: string;
  traceId: string;
  spanId: string;
  /** W3C trace flags, two hex digits: '01' sampled (recorded), '00' not. */
  traceFlags: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const currentContext = (): RequestContext | undefined => storage.getStore();
export const runWithContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The span OpenTelemetry has active here (tracing on, ADR 0076); undefined when tracing is off. */
function activeSpan(): SpanContext | undefined {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? span : undefined;
}

/**
 * Continues a W3C trace (a new span under the caller's) or starts one. With tracing on, the ids are those of the
 * active span (the HTTP server or Kafka consumer span, which already continues the caller's trace), so logs and
 * propagated headers name spans that are really exported.
 */
export function contextFrom(requestId: string | undefined, traceparent: string | undefined): RequestContext {
  const active = activeSpan();
  const parsed = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  return {
    requestId: requestId && /^[\w.:-]{1,128}$/.test(requestId) ? requestId : randomUUID(),
    traceId: active?.traceId ?? parsed?.[1] ?? randomBytes(16).toString('hex'),
    spanId: active?.spanId ?? randomBytes(8).toString('hex'),
    traceFlags: active ? flagsOf(active) : '01',
  };
}

const flagsOf = (span: SpanContext): string => span.traceFlags.toString(16).padStart(2, '0');

/** The traceparent header that continues this context's trace downstream. */
export const traceparentOf = (context: RequestContext): string =>
  `00-${context.traceId}-${context.spanId}-${context.traceFlags}`;

/**
 * The traceparent header to send downstream (HTTP or Kafka, via the outbox row) from the current context, if any:
 * the active span's (with its sampling decision) when tracing is on.
 */
export function currentTraceparent(): string | undefined {
  const active = activeSpan();
  if (active) return `00-${active.traceId}-${active.spanId}-${flagsOf(active)}`;
  const context = storage.getStore();
  return context ? traceparentOf(context) : undefined;
}
