import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { currentTraceparent } from '@platform/observability';
import { OutboxRecord } from './entities';
import type { EventHeaders } from './headers';

export interface OutgoingEvent {
  topic: string;
  /** Kafka key: the referral id, so a course's events stay in order. */
  key: string;
  /** Fully qualified protobuf message name, e.g. referrals.events.v1.ReferralReceived. */
  type: string;
  payload: Uint8Array;
}

/** The outbox row for an event: a new event id and the CloudEvents headers of EVENTS.md. */
export function outboxRow(source: string, event: OutgoingEvent): Omit<OutboxRecord, 'seq' | 'createdAt' | 'sentAt'> {
  const eventId = randomUUID();
  const traceparent = currentTraceparent();
  const headers: EventHeaders = {
    ce_id: eventId,
    ce_type: event.type,
    ce_source: source,
    ce_time: new Date().toISOString(),
    ce_subject: event.key,
    'content-type': 'application/protobuf',
    ...(traceparent ? { traceparent } : {}),
  };
  return {
    eventId,
    topic: event.topic,
    key: event.key,
    type: event.type,
    payload: Buffer.from(event.payload),
    headers: headers as Record<string, string>,
  };
}

/**
 * Adds events to the outbox inside the caller's transaction: they are published if and only if the state
 * change commits. Returns the rows' seqs (for `OutboxRelay.awaitPublished`).
 */
export async function addToOutbox(manager: EntityManager, source: string, events: OutgoingEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = events.map((event) => outboxRow(source, event));
  const result = await manager.insert(OutboxRecord, rows);
  return result.identifiers.map((identifier) => String((identifier as { seq: string | number }).seq));
}
