import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka, Producer } from 'kafkajs';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  create,
  encodeEvent,
  REFERRALS_TOPIC,
  CourseCompletedSchema,
  CoursePausedSchema,
  CourseStartedSchema,
  ReferralAcceptedSchema,
  ReferralReceivedSchema,
  type EventMessage,
} from '@platform/contracts';
import { makeValidCvr, type Role } from '@platform/domain-kernel';
import { loadConfig } from '@platform/http';
import { migrate } from '@platform/persistence';
import { readHeaders } from '@platform/messaging';
import {
  createTestDatabase,
  ensureBroker,
  expectEventually,
  loadDevEnv,
  tokenFor,
  type ProbedMessage,
} from '@platform/testing';
import { createProgressionApp } from '../src/app';
import { ProgressionConfig } from '../src/config';
import { CourseEntity } from '@platform/course';
import { progressionDataSource } from '../src/database';

export interface ProgressionHarness {
  app: NestFastifyApplication;
  dataSource: DataSource;
  kafka: Kafka;
  http: ReturnType<typeof request>;
  /** Two providers (CVR) for tenancy checks. */
  provider: string;
  otherProvider: string;
  token(role: Role, org?: string): Promise<string>;
  /** The projection's consumer group (fresh per harness). */
  group: string;
  /** Publishes referral events on the real topic, as the referrals service would. */
  publish(...events: EventMessage[]): Promise<void>;
  /** A referral whose events got as far as `until`, once the projection has it. */
  course(options?: CourseOptions): Promise<string>;
  close(): Promise<void>;
}

export interface CourseOptions {
  providerId?: string;
  municipalityCode?: string;
  until?: 'RECEIVED' | 'ACCEPTED' | 'STARTED' | 'PAUSED' | 'COMPLETED';
  startDate?: string;
}

// Starting a harness joins a fresh consumer group (and commits its start), which takes longer than jest's default.
jest.setTimeout(60_000);

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** The progression service on a fresh database and the repo's real broker, with its own consumer group. */
export async function startProgression(): Promise<ProgressionHarness> {
  loadDevEnv();
  const kafka = await ensureBroker();
  const database = await createTestDatabase('progression');
  const config = loadConfig(ProgressionConfig, {
    ...process.env,
    DATABASE_URL: database.url,
    PROGRESSION_CONSUMER_GROUP: `progression-test-${randomUUID()}`,
    // A fresh group needs only the events this test publishes, not the topic's history (benchmarks leave plenty).
    PROGRESSION_CONSUMER_FROM_BEGINNING: 'false',
  });
  // The group starts where the topic ends now, committed explicitly (as the e2e stack does): then a partition the
  // test never writes to counts as caught up for read-your-writes, instead of unknown until its first message.
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(REFERRALS_TOPIC);
    await admin.setOffsets({
      groupId: config.PROGRESSION_CONSUMER_GROUP,
      topic: REFERRALS_TOPIC,
      partitions: ends.map((o) => ({ partition: o.partition, offset: o.high })),
    });
  } finally {
    await admin.disconnect();
  }
  const dataSource = await progressionDataSource(database.url).initialize();
  await migrate(dataSource);
  const app = await createProgressionApp({ config, dataSource, kafka }, { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();

  const publish = async (...events: EventMessage[]) => {
    await producer.send({
      topic: REFERRALS_TOPIC,
      messages: events.map((event) => ({
        key: event.referralId,
        value: Buffer.from(encodeEvent(event.$typeName, event)),
        headers: {
          ce_id: randomUUID(),
          ce_type: event.$typeName,
          ce_source: 'referrals',
          ce_time: new Date().toISOString(),
          ce_subject: event.referralId,
          'content-type': 'application/protobuf',
        },
      })),
    });
  };

  // The group starts at the topic's end (see config), fixed at its first fetch. Until that fetch has happened an
  // event could fall before the start; so publish probes until the projection shows one, and only then go on.
  await expectEventually(
    async () => {
      const probe = randomUUID();
      await publish(
        create(ReferralReceivedSchema, {
          referralId: probe,
          municipalityCode: '101',
          providerId: makeValidCvr('9999999'),
          hoursPerWeek: 1,
          plannedStart: '2026-01-01',
          plannedWeeks: 1,
        }),
      );
      await expectEventually(
        async () => expect(await dataSource.manager.existsBy(CourseEntity, { referralId: probe })).toBe(true),
        { timeoutMs: 2_000 },
      );
    },
    { timeoutMs: 60_000, intervalMs: 0 },
  );

  const provider = makeValidCvr('1234567');
  const otherProvider = makeValidCvr('7654321');

  const course = async (options: CourseOptions = {}) => {
    const referralId = randomUUID();
    const until = options.until ?? 'STARTED';
    const startDate = options.startDate ?? daysAgo(60);
    const events: EventMessage[] = [
      create(ReferralReceivedSchema, {
        referralId,
        externalRef: `KK-TEST-${referralId}`,
        municipalityCode: options.municipalityCode ?? '101',
        providerId: options.providerId ?? provider,
        offerId: randomUUID(),
        packageType: 'JOB',
        targetGroup: 'CASH_BENEFIT',
        purposes: ['JOB'],
        hoursPerWeek: 12,
        plannedStart: startDate,
        plannedWeeks: 26,
        citizenPseudonym: 'pseudonym',
        receivedAt: new Date().toISOString(),
        answerDue: startDate,
        startDue: startDate,
      }),
    ];
    const order = ['RECEIVED', 'ACCEPTED', 'STARTED', 'PAUSED', 'COMPLETED'];
    const reach = (status: string) => order.indexOf(until) >= order.indexOf(status);
    if (reach('ACCEPTED')) {
      events.push(create(ReferralAcceptedSchema, { referralId, acceptedAt: new Date().toISOString() }));
    }
    if (reach('STARTED')) events.push(create(CourseStartedSchema, { referralId, startDate }));
    if (until === 'PAUSED') events.push(create(CoursePausedSchema, { referralId, pauseDate: daysAgo(1) }));
    if (until === 'COMPLETED') {
      events.push(
        create(CourseCompletedSchema, {
          referralId,
          endDate: daysAgo(1),
          endReason: 'GOT_JOB',
          exitStatus: 'SMALL_JOB',
        }),
      );
    }
    await publish(...events);
    await expectEventually(async () =>
      expect((await dataSource.manager.findOneBy(CourseEntity, { referralId }))?.status).toBe(until),
    );
    return referralId;
  };

  return {
    app,
    dataSource,
    kafka,
    http: request(app.getHttpServer()),
    group: config.PROGRESSION_CONSUMER_GROUP,
    provider,
    otherProvider,
    token: (role, org) => tokenFor(role, org),
    publish,
    course,
    async close() {
      await producer.disconnect();
      await app.close();
      await dataSource.destroy();
      await database.drop();
    },
  };
}

export { daysAgo };

/**
 * Like TopicProbe of @platform/testing, but from the topic's current end: a long-lived broker (benchmarks put
 * hundreds of thousands of events on it) would otherwise be read from the start before the test's own events.
 */
export interface EventProbe {
  readonly messages: ProbedMessage[];
  withKey(key: string): ProbedMessage[];
  stop(): Promise<void>;
}

export async function probeFromNow(kafka: Kafka, topic: string): Promise<EventProbe> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const consumer = kafka.consumer({
    groupId: `probe-${randomUUID()}`,
    sessionTimeout: 6000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 100,
    allowAutoTopicCreation: false,
  });
  const messages: ProbedMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: ({ message }) => {
      messages.push({
        topic,
        key: message.key?.toString('utf8') ?? '',
        headers: readHeaders(message.headers),
        value: message.value ?? Buffer.alloc(0),
      });
      return Promise.resolve();
    },
  });
  for (const { partition, offset } of ends) consumer.seek({ topic, partition, offset });
  await joined;
  return {
    messages,
    withKey: (key: string) => messages.filter((m) => m.key === key),
    stop: () => consumer.disconnect(),
  };
}
