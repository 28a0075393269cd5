/** Kafka topics: one per bounded context and major version of its events (ARCHITECTURE.md, Events). */
export const REFERRALS_TOPIC = 'referrals.events.v1';
export const PLACEMENTS_TOPIC = 'placements.events.v1';
export const PROGRESSION_TOPIC = 'progression.events.v1';

export const EVENT_TOPICS = [REFERRALS_TOPIC, PLACEMENTS_TOPIC, PROGRESSION_TOPIC] as const;
export type EventTopic = (typeof EVENT_TOPICS)[number];

/** The dead-letter topic of a consumed topic: `<topic>.dlq`. */
export function dlq<T extends string>(topic: T): `${T}.dlq` {
  return `${topic}.dlq`;
}

/** Every topic the platform uses, dead-letter topics included (e.g. for creating them at start-up). */
export const ALL_TOPICS: readonly (EventTopic | `${EventTopic}.dlq`)[] = [...EVENT_TOPICS, ...EVENT_TOPICS.map(dlq)];
