import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

/** What travels with a unit of work (an HTTP request or a consumed event) for logs and propagation. */
export interface RequestContext {
  requestId: string;
  traceId: string;
  spanId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const currentContext = (): RequestContext | undefined => storage.getStore();
export const runWithContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** Continues a W3C trace (a new span under the caller's) or starts one. */
export function contextFrom(requestId: string | undefined, traceparent: string | undefined): RequestContext {
  const parsed = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  return {
    requestId: requestId && /^[\w.:-]{1,128}$/.test(requestId) ? requestId : randomUUID(),
    traceId: parsed?.[1] ?? randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
  };
}

/** The traceparent header to send downstream (HTTP or Kafka) from the current context, if any. */
export function currentTraceparent(): string | undefined {
  const context = storage.getStore();
  return context ? `00-${context.traceId}-${context.spanId}-01` : undefined;
}
