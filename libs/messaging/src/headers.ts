import type { IHeaders } from 'kafkajs';

/** CloudEvents-style Kafka headers (EVENTS.md). */
export interface EventHeaders {
  ce_id: string;
  ce_type: string;
  ce_source: string;
  ce_time: string;
  ce_subject: string;
  'content-type': string;
  traceparent?: string;
  [extra: string]: string | undefined;
}

export function readHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  }
  return out;
}
