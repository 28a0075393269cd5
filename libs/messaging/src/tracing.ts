import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Producer } from 'kafkajs';

/**
 * The relay publishes later and from its own loop, not from the request that wrote the row (ADR 0076). So each
 * row's producer span is started under the trace the row carries (its `traceparent` header, written by
 * outboxRow), and the message goes out with a traceparent naming that span: the consumers' spans then continue
 * the request's trace. With tracing off this returns the headers unchanged.
 */
export function startPublishSpan(
  topic: string,
  key: string,
  headers: Record<string, string>,
): { span: Span; headers: Record<string, string> } {
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const span = trace.getTracer('@platform/messaging').startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': topic,
        'messaging.kafka.message.key': key,
        ...(headers.ce_id ? { 'messaging.message.id': headers.ce_id } : {}),
      },
    },
    parent,
  );
  const sent = { ...headers };
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), sent);
  return { span, headers: sent };
}

export function endPublishSpans(spans: Span[], error?: unknown): void {
  for (const span of spans) {
    if (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    }
    span.end();
  }
}

/**
 * producer.sendBatch without the kafkajs instrumentation's wrapper (shimmer keeps the original as `__original`):
 * the wrapper would start every message's span under the relay's own context, a trace of its own, and overwrite
 * the traceparent startPublishSpan set.
 */
export function uninstrumentedSendBatch(producer: Producer): Producer['sendBatch'] {
  const send = producer.sendBatch as Producer['sendBatch'] & { __original?: Producer['sendBatch'] };
  return (send.__original ?? send).bind(producer);
}
