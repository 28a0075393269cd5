import type { Admin, Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import { metricsRegistry } from '@platform/observability';
import { REDRIVE_GROUP } from './dead-letters';

interface Watched {
  kafka: Kafka;
  topics: string[];
}

const watched = new Map<string, Watched>();
const admins = new Map<Kafka, Promise<Admin>>();

/** A scrape must answer while the broker is down: what could not be read in time keeps its last value. */
const SCRAPE_TIMEOUT_MS = 3000;

function adminOf(kafka: Kafka): Promise<Admin> {
  let admin = admins.get(kafka);
  if (!admin) {
    const created = kafka.admin();
    admin = created.connect().then(() => created);
    // A failed connection is tried again at the next scrape.
    admin.catch(() => admins.delete(kafka));
    admins.set(kafka, admin);
  }
  return admin;
}

const withTimeout = <T>(promise: Promise<T>): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), SCRAPE_TIMEOUT_MS).unref()),
  ]);

interface Offsets {
  partition: number;
  high: number;
  low: number;
}

async function topicOffsets(admin: Admin, topic: string): Promise<Offsets[]> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.map((o) => ({ partition: o.partition, high: Number(o.high), low: Number(o.low) }));
}

/** Messages after a group's committed offset in each partition (all retained ones when it has committed none). */
async function groupLag(admin: Admin, groupId: string, topics: string[]) {
  const [ends, committed] = await Promise.all([
    Promise.all(topics.map(async (topic) => ({ topic, offsets: await topicOffsets(admin, topic) }))),
    admin.fetchOffsets({ groupId, topics }),
  ]);
  return ends.flatMap(({ topic, offsets }) =>
    offsets.map(({ partition, high, low }) => {
      const at = Number(
        committed.find((c) => c.topic === topic)?.partitions.find((p) => p.partition === partition)?.offset ?? -1,
      );
      return { topic, partition, lag: Math.max(0, high - (at >= 0 ? Math.max(at, low) : low)) };
    }),
  );
}

new Gauge({
  name: 'kafka_consumer_lag_messages',
  help: "Messages on the broker after a consumer group's committed offset, per topic and partition",
  labelNames: ['group', 'topic', 'partition'],
  registers: [metricsRegistry],
  async collect() {
    await Promise.all(
      [...watched].map(async ([group, { kafka, topics }]) => {
        try {
          const admin = await withTimeout(adminOf(kafka));
          for (const { topic, partition, lag } of await withTimeout(groupLag(admin, group, topics)))
            this.set({ group, topic, partition: String(partition) }, lag);
        } catch {
          // broker unreachable: the last values stay (and /health says why)
        }
      }),
    );
  },
});

new Gauge({
  name: 'kafka_dlq_messages',
  help: 'Dead letters on <topic>.dlq not yet re-driven (npm run dlq), per dead-letter topic',
  labelNames: ['topic'],
  registers: [metricsRegistry],
  async collect() {
    const byKafka = new Map<Kafka, Set<string>>();
    for (const { kafka, topics } of watched.values()) {
      const set = byKafka.get(kafka) ?? new Set<string>();
      for (const topic of topics) set.add(`${topic}.dlq`);
      byKafka.set(kafka, set);
    }
    await Promise.all(
      [...byKafka].map(async ([kafka, dlqTopics]) => {
        try {
          const admin = await withTimeout(adminOf(kafka));
          const existing = new Set(await withTimeout(admin.listTopics()));
          const present = [...dlqTopics].filter((topic) => existing.has(topic));
          if (present.length === 0) return;
          const lags = await withTimeout(groupLag(admin, REDRIVE_GROUP, present));
          for (const topic of present)
            this.set(
              { topic },
              lags.filter((l) => l.topic === topic).reduce((sum, l) => sum + l.lag, 0),
            );
        } catch {
          // broker unreachable: the last values stay
        }
      }),
    );
  },
});

/**
 * Reports a consumer group's lag (and its topics' dead letters) at every scrape, read from the broker's end offsets
 * and the group's committed offsets: it keeps rising while the consumer is stopped, which a figure the consumer
 * reported itself could not.
 */
export function watchConsumerLag(kafka: Kafka, group: string, topics: string[]): void {
  watched.set(group, { kafka, topics: [...new Set([...(watched.get(group)?.topics ?? []), ...topics])] });
}

/** Disconnects the admin clients of the lag metrics (tests; a service ends with its process). */
export async function stopLagMetrics(): Promise<void> {
  watched.clear();
  const all = [...admins.values()];
  admins.clear();
  await Promise.all(all.map((admin) => admin.then((a) => a.disconnect()).catch(() => undefined)));
}
