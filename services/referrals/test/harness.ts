import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Kafka } from 'kafkajs';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Role } from '@platform/domain-kernel';
import { loadConfig } from '@platform/http';
import { migrate } from '@platform/persistence';
import { createTestDatabase, ensureBroker, loadDevEnv, tokenFor } from '@platform/testing';
import { createReferralsApp } from '../src/app';
import { seedDemoCatalogue } from '../src/catalogue/catalogue.use-cases';
import { OfferEntity } from '../src/catalogue/offer.entity';
import { ReferralsConfig } from '../src/config';
import { referralsDataSource } from '../src/database';

export interface ReferralsHarness {
  app: NestFastifyApplication;
  dataSource: DataSource;
  kafka: Kafka;
  http: ReturnType<typeof request>;
  /** A demo-catalogue provider with one of its offers, and a second provider for tenancy checks. */
  provider: { id: string; offerId: string };
  otherProvider: { id: string; offerId: string };
  token(role: Role, org?: string): Promise<string>;
  close(): Promise<void>;
}

/** The referrals service on a fresh database, the repo's real Kafka broker, and the demo catalogue. */
export async function startReferrals(): Promise<ReferralsHarness> {
  loadDevEnv();
  const kafka = await ensureBroker();
  const database = await createTestDatabase('referrals');
  const config = loadConfig(ReferralsConfig, { ...process.env, DATABASE_URL: database.url });
  const dataSource = await referralsDataSource(database.url).initialize();
  await migrate(dataSource);
  await seedDemoCatalogue(dataSource);
  const app = await createReferralsApp({ config, dataSource, kafka }, { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const offers = await dataSource.manager.find(OfferEntity, {
    where: { packageType: 'JOB' },
    order: { providerId: 'ASC' },
  });
  return {
    app,
    dataSource,
    kafka,
    http: request(app.getHttpServer()),
    provider: { id: offers[0].providerId, offerId: offers[0].id },
    otherProvider: { id: offers[1].providerId, offerId: offers[1].id },
    token: (role, org) => tokenFor(role, org),
    async close() {
      await app.close();
      await dataSource.destroy();
      await database.drop();
    },
  };
}
