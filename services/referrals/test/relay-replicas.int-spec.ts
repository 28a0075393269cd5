import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@platform/http';
import { OutboxRecord } from '@platform/messaging';
import { ReferralBuilder } from '@platform/testing';
import { createReferralsApp } from '../src/app';
import { ReferralsConfig } from '../src/config';
import { referralsDataSource } from '../src/database';
import { startReferrals, type ReferralsHarness } from './harness';

/**
 * Three replicas of the service on one database: only one relay holds the outbox lock at a time, yet a write on
 * any replica is on the broker before its 2xx, within tens of milliseconds, not after another relay's idle poll.
 */
describe('publish before respond with three replicas', () => {
  let h: ReferralsHarness;
  const replicas: { app: NestFastifyApplication; dataSource: DataSource }[] = [];

  beforeAll(async () => {
    h = await startReferrals();
    const url = (h.dataSource.options as { url?: string }).url;
    const config = loadConfig(ReferralsConfig, { ...process.env, DATABASE_URL: url });
    replicas.push({ app: h.app, dataSource: h.dataSource });
    for (let i = 0; i < 2; i++) {
      const dataSource = await referralsDataSource(url).initialize();
      const app = await createReferralsApp({ config, dataSource, kafka: h.kafka }, { logger: false });
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      replicas.push({ app, dataSource });
    }
  });

  afterAll(async () => {
    for (const replica of replicas.slice(1)) {
      await replica.app.close();
      await replica.dataSource.destroy();
    }
    await h?.close();
  });

  it('publishes a write as soon as the relay that holds the lock lets go, not at the next idle poll', async () => {
    const jobcenter = await h.token('jobcenter', '101');
    const table = h.dataSource.getMetadata(OutboxRecord).tablePath;
    const holder = h.dataSource.createQueryRunner();
    await holder.connect();
    const delays: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        // Stand in for another replica's relay in the middle of a pass: it holds the lock for 100 ms.
        await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`outbox:${table}`]);
        const started = performance.now();
        const response = request(replicas[1 + (i % 2)].app.getHttpServer())
          .post('/api/v1/referrals')
          .set('authorization', `Bearer ${jobcenter}`)
          .send(ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).build())
          .then((res) => res);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [`outbox:${table}`]);
        const released = performance.now();
        const res = await response;
        expect(res.status).toBe(201);
        expect(
          (await h.dataSource.manager.findOneByOrFail(OutboxRecord, { key: res.body.id as string })).sentAt,
        ).not.toBeNull();
        delays.push(performance.now() - released);
        expect(performance.now() - started).toBeGreaterThanOrEqual(100);
      }
    } finally {
      await holder.release();
    }
    process.stdout.write(`published after the lock holder let go: ${delays.map((d) => d.toFixed(0)).join(', ')} ms\n`);
    // The idle poll is 500 ms; a replica queued behind the holder publishes within tens of milliseconds.
    for (const delay of delays) expect(delay).toBeLessThan(250);
  }, 60_000);

  it('answers every write on every replica with its event already sent, fast', async () => {
    const jobcenter = await h.token('jobcenter', '101');
    const latencies: number[] = [];
    const ids: string[] = [];
    // Three clients per replica, writing at the same time: the relays contend for the lock.
    await Promise.all(
      [...replicas, ...replicas, ...replicas].map(async ({ app }, r) => {
        const http = request(app.getHttpServer());
        for (let i = 0; i < 10; i++) {
          const started = performance.now();
          const req = http.post('/api/v1/referrals').set('authorization', `Bearer ${jobcenter}`);
          const res = await (i % 2 === 0 ? req.set('idempotency-key', `replica-${r}-${i}-${Date.now()}`) : req).send(
            ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).build(),
          );
          latencies.push(performance.now() - started);
          expect(res.status).toBe(201);
          ids.push(res.body.id as string);
          // The 2xx means the outbox row is marked sent, i.e. the broker acknowledged the event.
          const row = await h.dataSource.manager.findOneByOrFail(OutboxRecord, { key: res.body.id as string });
          expect(row.sentAt).not.toBeNull();
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const p50 = latencies[Math.floor(latencies.length * 0.5)];
    const p99 = latencies[Math.floor(latencies.length * 0.99)];
    process.stdout.write(
      `three replicas: ${ids.length} writes, latency p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ` +
        `max ${latencies.at(-1)!.toFixed(1)} ms\n`,
    );
    expect(ids).toHaveLength(90);
    // Nine clients on a shared two-core machine: the figure is printed; the bound only catches rows routinely
    // left for an idle poll (500 ms). The lock hand-over itself is measured in the test above.
    expect(p50).toBeLessThan(300);
    expect(p99).toBeGreaterThan(0);
  }, 60_000);
});
