import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { loadConfig } from '@platform/http';
import { createKafka } from '@platform/messaging';
import { migrate } from '@platform/persistence';
import { createTestDatabase, loadDevEnv, tokenFor } from '@platform/testing';
import { createProgressionApp } from '../src/app';
import { ProgressionConfig } from '../src/config';
import { progressionDataSource } from '../src/database';

describe('progression without a reachable broker', () => {
  it('starts, answers from its own data and reports Kafka down in /health', async () => {
    loadDevEnv();
    const database = await createTestDatabase('progression_nobroker');
    const dataSource = await progressionDataSource(database.url).initialize();
    await migrate(dataSource);
    // Nothing listens on port 1: the consumer and the relay keep retrying in the background.
    const kafka = createKafka('progression-no-broker', ['127.0.0.1:1']);
    const config = loadConfig(ProgressionConfig, {
      ...process.env,
      DATABASE_URL: database.url,
      PROGRESSION_CONSUMER_GROUP: `progression-test-${randomUUID()}`,
    });
    const app = await createProgressionApp({ config, dataSource, kafka }, { logger: false });
    try {
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      const http = request(app.getHttpServer());
      const token = await tokenFor('jobcenter', '101');
      const scales = await http.get('/api/v1/scales').set('authorization', `Bearer ${token}`).expect(200);
      expect(scales.body.items.map((s: { code: string }) => s.code)).toContain('LADDER_12');
      const health = await http.get('/health').expect(503);
      expect(health.body.checks).toMatchObject({ database: { status: 'up' }, kafka: { status: 'down' } });
    } finally {
      await app.close();
      await dataSource.destroy();
      await database.drop();
    }
  }, 60_000);
});
