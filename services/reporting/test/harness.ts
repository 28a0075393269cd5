import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka, Producer } from 'kafkajs';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  create,
  encodeEvent,
  topicOf,
  type EventMessage,
  type EventSchema,
  type EventTypeName,
} from '@platform/contracts';
import { makeValidCvr, type Role } from '@platform/domain-kernel';
import { loadConfig } from '@platform/http';
import { migrate } from '@platform/persistence';
import { createTestDatabase, ensureBroker, loadDevEnv, tokenFor } from '@platform/testing';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { createReportingApp } from '../src/app';
import { ReportingConfig } from '../src/config';
import { reportingDataSource } from '../src/database';

export interface GqlResult<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface ReportingHarness {
  app: NestFastifyApplication;
  dataSource: DataSource;
  kafka: Kafka;
  config: ReportingConfig;
  http: () => ReturnType<typeof request>;
  token(role: Role, org?: string): Promise<string>;
  /** Publishes an event on its real topic, keyed by referral id, with the CloudEvents headers; returns its id. */
  publish<S extends EventSchema>(schema: S, init: MessageInitShape<S>, eventId?: string): Promise<string>;
  gql<T = Record<string, unknown>>(
    token: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResult<T>>;
  /** Stops the service (projections included) and starts it again on the same database and group. */
  restart(beforeStart?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** The reporting service on a fresh database and its own consumer group, against the real broker. */
export async function startReporting(): Promise<ReportingHarness> {
  loadDevEnv();
  const kafka = await ensureBroker();
  const database = await createTestDatabase('reporting');
  const config = loadConfig(ReportingConfig, {
    ...process.env,
    DATABASE_URL: database.url,
    REPORTING_CONSUMER_GROUP: `reporting-test-${randomUUID()}`,
  });
  const dataSource = await reportingDataSource(database.url).initialize();
  await migrate(dataSource);
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const boot = async () => {
    const app = await createReportingApp({ config, dataSource, kafka }, { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  };
  const h: ReportingHarness = {
    app: await boot(),
    dataSource,
    kafka,
    config,
    http: () => request(h.app.getHttpServer()),
    token: (role, org) => tokenFor(role, org),
    async publish(schema, init, eventId = randomUUID()) {
      const message = create(schema, init) as EventMessage;
      const type: EventTypeName = schema.typeName;
      await producer.send({
        topic: topicOf(type),
        messages: [
          {
            key: message.referralId,
            value: Buffer.from(encodeEvent(type, message)),
            headers: {
              ce_id: eventId,
              ce_type: type,
              ce_source: 'reporting-test',
              ce_time: new Date().toISOString(),
              ce_subject: message.referralId,
              'content-type': 'application/protobuf',
            },
          },
        ],
      });
      return eventId;
    },
    async gql<T>(token: string, query: string, variables?: Record<string, unknown>) {
      const res = await request(h.app.getHttpServer())
        .post('/graphql')
        .set('authorization', `Bearer ${token}`)
        .send({ query, variables });
      return res.body as GqlResult<T>;
    },
    async restart(beforeStart) {
      await h.app.close();
      await beforeStart?.();
      h.app = await boot();
    },
    async close() {
      await h.app.close();
      await producer.disconnect();
      await dataSource.destroy();
      await database.drop();
    },
  };
  return h;
}

/** A random valid CVR, so each test run reports on a provider of its own (the topics keep earlier runs' events). */
export const randomCvr = (): string => makeValidCvr(String(1_000_000 + Math.floor(Math.random() * 8_999_999)));
