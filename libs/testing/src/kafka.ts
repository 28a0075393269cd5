import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { ALL_TOPICS } from '@platform/contracts';
import { createKafka, ensureTopics, readHeaders } from '@platform/messaging';
import { REPO_ROOT } from './env';

const KAFKA_SCRIPT = join(REPO_ROOT, 'tools', 'kafka', 'kafka.sh');

export const brokerListening = (port = Number(process.env.KAFKA_PORT ?? 9092)): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** The repo's own broker (tools/kafka), started if it is not running, with every topic created. */
export async function ensureBroker(): Promise<Kafka> {
  if (!(await brokerListening())) execFileSync('bash', [KAFKA_SCRIPT, 'start'], { stdio: 'inherit' });
  const kafka = createKafka(`test-${process.pid}`);
  await ensureTopics(kafka, [...ALL_TOPICS]);
  return kafka;
}

export function stopBroker(): void {
  execFileSync('bash', [KAFKA_SCRIPT, 'stop'], { stdio: 'inherit' });
}

export function startBroker(): void {
  execFileSync('bash', [KAFKA_SCRIPT, 'start'], { stdio: 'inherit' });
}

export interface ProbedMessage {
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: Buffer;
}

/** Reads a topic from the beginning with a fresh consumer group and keeps every message, for assertions. */
export class TopicProbe {
  readonly messages: ProbedMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: string[],
  ) {}

  async start(): Promise<this> {
    const consumer = this.kafka.consumer({
      groupId: `probe-${randomUUID()}`,
      sessionTimeout: 6000,
      heartbeatInterval: 500,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      eachMessage: ({ topic, message }: { topic: string; message: KafkaMessage }) => {
        this.messages.push({
          topic,
          key: message.key?.toString('utf8') ?? '',
          headers: readHeaders(message.headers),
          value: message.value ?? Buffer.alloc(0),
        });
        return Promise.resolve();
      },
    });
    await joined;
    this.consumer = consumer;
    return this;
  }

  withKey(key: string): ProbedMessage[] {
    return this.messages.filter((m) => m.key === key);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
