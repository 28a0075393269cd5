import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { endPublishSpans, startPublishSpan } from './tracing';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const REQUEST_SPAN = '00f067aa0ba902b7';
const row = { ce_id: 'c0ffee00-0000-4000-8000-000000000001', traceparent: `00-${TRACE}-${REQUEST_SPAN}-01` };

describe('the relay publishes each outbox row in the trace of the request that wrote it', () => {
  it('with tracing off, the row goes out with its own headers', () => {
    const { headers, span } = startPublishSpan('referrals.events.v1', 'key-1', row);
    endPublishSpans([span]);
    expect(headers).toEqual(row);
  });

  describe('with tracing on', () => {
    const exporter = new InMemorySpanExporter();
    beforeAll(() => {
      trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
      propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    });
    afterAll(() => {
      trace.disable();
      propagation.disable();
    });

    it("starts a producer span under the row's traceparent and sends that span's traceparent", () => {
      const { headers, span } = startPublishSpan('referrals.events.v1', 'key-1', row);
      endPublishSpans([span]);
      const [finished] = exporter.getFinishedSpans();
      expect(finished.spanContext().traceId).toBe(TRACE);
      expect(finished.parentSpanContext?.spanId).toBe(REQUEST_SPAN);
      expect(finished.name).toBe('send referrals.events.v1');
      expect(finished.attributes['messaging.message.id']).toBe(row.ce_id);
      expect(headers).toEqual({ ...row, traceparent: `00-${TRACE}-${finished.spanContext().spanId}-01` });
      // The row itself is left as it is (a failed pass publishes it again).
      expect(row.traceparent).toBe(`00-${TRACE}-${REQUEST_SPAN}-01`);
    });

    it('marks the spans of a failed send as errors', () => {
      exporter.reset();
      const { span } = startPublishSpan('referrals.events.v1', 'key-1', row);
      endPublishSpans([span], new Error('broker down'));
      expect(exporter.getFinishedSpans()[0].status).toEqual({ code: 2, message: 'broker down' });
    });
  });
});
