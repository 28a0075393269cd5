import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka, Producer } from 'kafkajs';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  create,
  encodeEvent,
  EVENT_REGISTRY,
  REFERRALS_TOPIC,
  type EventMessage,
  type EventTypeName,
} from '@platform/contracts';
import { makeValidCvr, type Role } from '@platform/domain-kernel';
import { loadConfig } from '@platform/http';
import { createKafka } from '@platform/messaging';
import { migrate } from '@platform/persistence';
import { createTestDatabase, ensureBroker, expectEventually, loadDevEnv, tokenFor } from '@platform/testing';
import { createPlacementsApp } from '../src/app';
import { PlacementsConfig } from '../src/config';
import { CourseEntity } from '@platform/course';
import { placementsDataSource } from '../src/database';

/** A valid body for POST /referrals/{id}/placements: an external internship with its individual agreement. */
export const validPlacement = (patch: Record<string, unknown> = {}) => ({
  type: 'INTERNSHIP',
  internal: false,
  employer: { cvr: makeValidCvr('2940347'), name: 'Bageriet ApS', pNumber: '1012345678' },
  startDate: '2026-10-05',
  plannedEndDate: '2027-01-31',
  hoursPerWeek: 4,
  agreement: {
    workFunctions: ['Opfyldning af varer', 'Kasse'],
    trainingGoals: ['Møde stabilt kl. 10'],
    accommodations: ['Ingen tunge løft', 'Kan først møde kl. 10'],
    aids: ['Hæve-sænkebord'],
    support: ['Kontaktperson: butikschefen', 'Sidemandsoplæring'],
    daysPerWeek: 2,
    followUp: { citizenEveryDays: 7, employerEveryDays: 14 },
    nextPaidHoursReview: '2026-11-15',
  },
  ...patch,
});

export interface PlacementsHarness {
  app: NestFastifyApplication;
  dataSource: DataSource;
  kafka: Kafka;
  http: ReturnType<typeof request>;
  /** Two providers (CVRs) for tenancy checks. */
  provider: string;
  otherProvider: string;
  token(role: Role, org?: string): Promise<string>;
  /** Produces a real referrals event on referrals.events.v1 (encodeEvent from @platform/contracts). */
  publish(
    type: EventTypeName,
    init: Record<string, unknown>,
    options?: { id?: string; time?: string },
  ): Promise<string>;
  /** Publishes the events of a course that was received and started, and waits until the projection has it. */
  startedCourse(options?: Partial<CourseSpec>): Promise<string>;
  course(referralId: string): Promise<CourseEntity | null>;
  close(): Promise<void>;
}

export interface CourseSpec {
  referralId: string;
  providerId: string;
  municipalityCode: string;
  plannedStart: string;
  plannedWeeks: number;
  hoursPerWeek: number;
  startDate: string;
}

/** The placements service on a fresh database with the repo's real Kafka broker and its own consumer group. */
export async function startPlacements(options: { serviceBrokers?: string[] } = {}): Promise<PlacementsHarness> {
  loadDevEnv();
  const kafka = await ensureBroker();
  const database = await createTestDatabase('placements');
  const config = loadConfig(PlacementsConfig, {
    ...process.env,
    DATABASE_URL: database.url,
    PLACEMENTS_CONSUMER_GROUP: `placements-test-${randomUUID()}`,
  });
  const dataSource = await placementsDataSource(database.url).initialize();
  await migrate(dataSource);
  // The service may be given other brokers (an unreachable one, to test start-up without Kafka); the test's own
  // producer always uses the real broker.
  const serviceKafka = options.serviceBrokers ? createKafka('placements-test', options.serviceBrokers) : kafka;
  const app = await createPlacementsApp({ config, dataSource, kafka: serviceKafka }, { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();

  let clock = Date.now();
  const publish: PlacementsHarness['publish'] = async (type, init, options = {}) => {
    const definition = EVENT_REGISTRY.get(type);
    if (!definition) throw new Error(`unknown event type ${type}`);
    const message: EventMessage = create(definition.schema, init);
    const id = options.id ?? randomUUID();
    // Strictly increasing event times, so that "later" in a test is later for the projection too.
    const time = options.time ?? new Date(++clock).toISOString();
    await producer.send({
      topic: REFERRALS_TOPIC,
      messages: [
        {
          key: String(init.referralId),
          value: Buffer.from(encodeEvent(type, message)),
          headers: {
            ce_id: id,
            ce_type: type,
            ce_source: 'referrals',
            ce_time: time,
            ce_subject: String(init.referralId),
            'content-type': 'application/protobuf',
          },
        },
      ],
    });
    return id;
  };

  const course = (referralId: string) => dataSource.manager.findOneBy(CourseEntity, { referralId });

  const harness: PlacementsHarness = {
    app,
    dataSource,
    kafka,
    http: request(app.getHttpServer()),
    provider: makeValidCvr('4100001'),
    otherProvider: makeValidCvr('4100002'),
    token: (role, org) => tokenFor(role, org),
    publish,
    course,
    async startedCourse(options = {}) {
      const spec: CourseSpec = {
        referralId: randomUUID(),
        providerId: harness.provider,
        municipalityCode: '101',
        plannedStart: '2026-10-01',
        plannedWeeks: 26,
        hoursPerWeek: 12,
        startDate: '2026-10-01',
        ...options,
      };
      await publish('referrals.events.v1.ReferralReceived', {
        referralId: spec.referralId,
        externalRef: `KK-${spec.referralId}`,
        municipalityCode: spec.municipalityCode,
        providerId: spec.providerId,
        offerId: randomUUID(),
        packageType: 'JOB',
        targetGroup: 'CASH_BENEFIT',
        purposes: ['SMALL_JOB'],
        hoursPerWeek: spec.hoursPerWeek,
        plannedStart: spec.plannedStart,
        plannedWeeks: spec.plannedWeeks,
        citizenPseudonym: 'pseudonym-test',
        receivedAt: new Date().toISOString(),
        answerDue: spec.plannedStart,
        startDue: spec.plannedStart,
      });
      await publish('referrals.events.v1.ReferralAccepted', {
        referralId: spec.referralId,
        acceptedAt: new Date().toISOString(),
      });
      await publish('referrals.events.v1.CourseStarted', { referralId: spec.referralId, startDate: spec.startDate });
      await expectEventually(async () => expect((await course(spec.referralId))?.status).toBe('STARTED'));
      return spec.referralId;
    },
    async close() {
      await producer.disconnect();
      await app.close();
      await dataSource.destroy();
      await database.drop();
    },
  };
  return harness;
}
