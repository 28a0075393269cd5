import { Kafka, logLevel, Partitioners, type LogEntry, type Producer, type ProducerConfig } from 'kafkajs';
import { JsonLogger, type Level } from '@platform/observability';

export const kafkaBrokers = (env: NodeJS.ProcessEnv = process.env): string[] =>
  (env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim());

const LEVELS: Record<number, Level> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs's own log lines through the service's JSON logger (kafkajs prints plain text to the console by default):
 * warnings and errors, and its info lines too when LOG_LEVEL is debug.
 */
function kafkaLogCreator(service: string) {
  const logger = new JsonLogger(service);
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- pino writes its own time; the rest are fields
      const { message, timestamp, logger: _name, ...fields } = log;
      logger.event(LEVELS[level] ?? 'info', message, { component: 'kafkajs', namespace, ...fields });
    };
}

export function createKafka(clientId: string, brokers: string[] = kafkaBrokers()): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: process.env.LOG_LEVEL === 'debug' ? logLevel.INFO : logLevel.WARN,
    logCreator: kafkaLogCreator(clientId),
    connectionTimeout: 3000,
    // A stopped broker must not stall a request path; callers own their retry loops.
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 2000 },
  });
}

/**
 * The relay's producer: idempotent (no duplicates on the log from internal retries) and used strictly
 * one send at a time, which is what kafkajs' idempotent producer needs to keep sequence numbers right.
 */
export function createRelayProducer(kafka: Kafka, extra: ProducerConfig = {}): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    ...extra,
  });
}

/** Creates topics that do not exist yet (idempotent) and waits for their leaders. */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
