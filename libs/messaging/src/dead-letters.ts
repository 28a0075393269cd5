import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { createRelayProducer } from './kafka';

/** A message a consumer gave up on, as found on `<topic>.dlq`. */
export interface DeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  /** The original headers (ce_id, ce_type, …) without the dlq_* ones. */
  headers: Record<string, string>;
  error: string;
  consumer: string;
  attempts: number;
  time: string;
  /** `<topic>/<partition>/<offset>` of the original message. */
  source: string;
}

const DLQ_SUFFIX = '.dlq';
/** The consumer group that remembers which dead letters have been re-driven. */
export const REDRIVE_GROUP = 'dlq-redrive';

function deadLetterOf(partition: number, message: KafkaMessage): DeadLetter {
  const all = Object.fromEntries(
    Object.entries(message.headers ?? {}).map(([name, value]) => [
      name,
      Buffer.isBuffer(value) ? value.toString() : String(value ?? ''),
    ]),
  );
  const headers = Object.fromEntries(Object.entries(all).filter(([name]) => !name.startsWith('dlq_')));
  return {
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    headers,
    error: all.dlq_error ?? '',
    consumer: all.dlq_consumer ?? '',
    attempts: Number(all.dlq_attempts ?? 0),
    time: all.dlq_time ?? '',
    source: all.dlq_source ?? '',
  };
}

/**
 * Reads a dead-letter topic from `from` (per partition; default the beginning) to its current end and hands
 * every message to `visit`, one at a time, in partition order. Resolves when the end is reached.
 */
async function readToEnd(
  kafka: Kafka,
  dlqTopic: string,
  groupId: string,
  visit: (consumer: Consumer, partition: number, message: KafkaMessage) => Promise<void>,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(dlqTopic),
    admin.fetchOffsets({ groupId, topics: [dlqTopic] }),
  ]).finally(() => admin.disconnect());
  const startOf = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? []);
  const pending = new Set(
    ends
      .filter((end) => {
        const start = startOf.get(end.partition) ?? -1n;
        return BigInt(end.high) > BigInt(end.low) && BigInt(end.high) > (start < 0n ? BigInt(end.low) : start);
      })
      .map((end) => end.partition),
  );
  if (pending.size === 0) return;
  const high = new Map(ends.map((end) => [end.partition, BigInt(end.high)]));
  const consumer = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: dlqTopic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            if (!pending.has(partition)) return;
            try {
              await visit(consumer, partition, message);
              await consumer.commitOffsets([
                { topic: dlqTopic, partition, offset: String(BigInt(message.offset) + 1n) },
              ]);
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
              return;
            }
            if (BigInt(message.offset) + 1n >= (high.get(partition) ?? 0n)) {
              pending.delete(partition);
              if (pending.size === 0) resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Every dead letter of a consumed topic (`referrals.events.v1` or `referrals.events.v1.dlq`), oldest first. */
export async function listDeadLetters(kafka: Kafka, topic: string): Promise<DeadLetter[]> {
  const dlqTopic = topic.endsWith(DLQ_SUFFIX) ? topic : `${topic}${DLQ_SUFFIX}`;
  const letters: DeadLetter[] = [];
  // A throwaway group: listing changes nothing.
  await readToEnd(kafka, dlqTopic, `dlq-list-${randomUUID()}`, async (_consumer, partition, message) => {
    letters.push(deadLetterOf(partition, message));
    return Promise.resolve();
  });
  return letters;
}

/**
 * Publishes the dead letters not re-driven before back to the topic they came from, with their original key,
 * value and headers (so the event id is the same and consumers that did process it skip it), and remembers the
 * position in the `dlq-redrive` group so that each dead letter is re-driven once. Use after fixing the cause.
 */
export async function redriveDeadLetters(kafka: Kafka, topic: string): Promise<DeadLetter[]> {
  const source = topic.endsWith(DLQ_SUFFIX) ? topic.slice(0, -DLQ_SUFFIX.length) : topic;
  const producer = createRelayProducer(kafka);
  await producer.connect();
  const redriven: DeadLetter[] = [];
  try {
    await readToEnd(kafka, `${source}${DLQ_SUFFIX}`, REDRIVE_GROUP, async (_consumer, partition, message) => {
      const letter = deadLetterOf(partition, message);
      await producer.send({
        topic: source,
        messages: [{ key: message.key, value: message.value, headers: letter.headers }],
      });
      redriven.push(letter);
    });
  } finally {
    await producer.disconnect();
  }
  return redriven;
}
