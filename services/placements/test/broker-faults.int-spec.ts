import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { OutboxRecord } from '@platform/messaging';
import { brokerListening, expectEventually, startBroker, stopBroker } from '@platform/testing';
import { startPlacements, validPlacement, type PlacementsHarness } from './harness';

jest.setTimeout(180_000);

/**
 * ADR 0051: a broker that stops and comes back must not end the service or leave its consumer stopped. While it is
 * down the service answers what does not need it, /health says Kafka is down (liveness stays 200); when it is back the
 * projection consumes again and the outbox drains, without a restart.
 *
 * This stops and starts the broker of this checkout (tools/kafka/kafka.sh, as the outbox-outage test does). Locally,
 * point the test at a broker of your own: KAFKA_PORT=19292 KAFKA_CONTROLLER_PORT=19293 KAFKA_BROKERS=127.0.0.1:19292.
 */
describe('placements across a broker restart', () => {
  let h: PlacementsHarness;
  let provider: string;

  beforeAll(async () => {
    h = await startPlacements();
    provider = await h.token('provider', h.provider);
  });

  afterAll(async () => {
    if (!(await brokerListening())) startBroker();
    await h?.close();
  });

  const placementFor = (referralId: string) =>
    h.http
      .post(`/api/v1/referrals/${referralId}/placements`)
      .set('authorization', `Bearer ${provider}`)
      .set('idempotency-key', randomUUID())
      .send(validPlacement());

  it('stays up with the broker stopped, reports it, and consumes and publishes again once it is back', async () => {
    const before = await h.startedCourse();
    stopBroker();
    expect(await brokerListening()).toBe(false);

    try {
      // Readiness names the broker; liveness and the work that needs only the database go on.
      await expectEventually(async () => {
        const health = await h.http.get('/health');
        expect(health.status).toBe(503);
        expect(health.body.checks.kafka.status).toBe('down');
        expect(health.body.checks.database.status).toBe('up');
      });
      expect((await h.http.get('/health/live')).status).toBe(200);
      const during = await placementFor(before).timeout({ response: 10_000 });
      expect(during.status).toBe(201);
      // Long enough for the consumer to crash and be restarted by kafkajs (or by its supervisor) several times.
      const until = Date.now() + 15_000;
      while (Date.now() < until) {
        expect((await h.http.get('/health/live')).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      // The placement's event waits in the outbox.
      expect(await h.dataSource.manager.countBy(OutboxRecord, { key: before, sentAt: IsNull() })).toBeGreaterThan(0);
    } finally {
      startBroker();
    }

    // Back: readiness recovers, the consumer rejoins (a new course reaches the projection), the outbox drains.
    await expectEventually(
      async () => {
        const health = await h.http.get('/health');
        expect(health.body.checks).toMatchObject({ kafka: { status: 'up' }, consumers: { status: 'up' } });
        expect(health.status).toBe(200);
      },
      { timeoutMs: 60_000 },
    );
    const after = await h.startedCourse();
    expect((await h.course(after))?.status).toBe('STARTED');
    await expectEventually(
      async () =>
        expect(
          await h.dataSource.manager.createQueryBuilder(OutboxRecord, 'o').where('o.sentAt IS NULL').getCount(),
        ).toBe(0),
      { timeoutMs: 60_000 },
    );
    expect((await placementFor(after)).status).toBe(201);
  });
});
