import { randomUUID } from 'node:crypto';
import { decodeEvent, REFERRALS_TOPIC } from '@platform/contracts';
import { IdempotentConsumer, OutboxRecord, PoisonMessageError } from '@platform/messaging';
import { brokerListening, expectEventually, ReferralBuilder, startBroker, stopBroker, TopicProbe } from '@platform/testing';
import { startReferrals, type ReferralsHarness } from './harness';

/**
 * The outbox's promise: with the broker down, referrals are still accepted; when it is back, every event
 * arrives, and an idempotent consumer handles each exactly once.
 */
describe('outbox across a Kafka outage', () => {
  let h: ReferralsHarness;

  beforeAll(async () => {
    h = await startReferrals();
  });

  afterAll(async () => {
    if (!(await brokerListening())) startBroker();
    await h?.close();
  });

  it('accepts referrals while the broker is stopped and delivers every event exactly once after it returns', async () => {
    const jobcenter = await h.token('jobcenter', '101');
    stopBroker();
    expect(await brokerListening()).toBe(false);

    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const body = ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).build();
      const res = await h.http.post('/api/v1/referrals').set('authorization', `Bearer ${jobcenter}`).send(body);
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const unsent = await h.dataSource.manager
      .createQueryBuilder(OutboxRecord, 'o')
      .where('o.sentAt IS NULL AND o.key IN (:...ids)', { ids })
      .getCount();
    expect(unsent).toBe(20);

    startBroker();
    const handled: string[] = [];
    const consumer = new IdempotentConsumer(h.kafka, h.dataSource, {
      name: `outage-test-${randomUUID()}`,
      topics: [REFERRALS_TOPIC],
      decode: (type, payload) => {
        try {
          return decodeEvent(type, payload);
        } catch (error) {
          throw new PoisonMessageError((error as Error).message);
        }
      },
      handle: (_manager, event) => {
        if (ids.includes(event.key)) handled.push(event.key);
        return Promise.resolve();
      },
    });
    const probe = await new TopicProbe(h.kafka, [REFERRALS_TOPIC]).start();
    await consumer.start();
    try {
      await expectEventually(() => expect(new Set(handled)).toEqual(new Set(ids)), { timeoutMs: 60_000 });
      expect(handled).toHaveLength(20);
      // On the topic itself: each referral's event once, each event id once (the relay's producer is idempotent).
      await expectEventually(() => expect(probe.messages.filter((m) => ids.includes(m.key))).toHaveLength(20));
      const eventIds = probe.messages.filter((m) => ids.includes(m.key)).map((m) => m.headers.ce_id);
      expect(new Set(eventIds).size).toBe(20);
      const remaining = await h.dataSource.manager
        .createQueryBuilder(OutboxRecord, 'o')
        .where('o.sentAt IS NULL AND o.key IN (:...ids)', { ids })
        .getCount();
      expect(remaining).toBe(0);
    } finally {
      await consumer.stop();
      await probe.stop();
    }
  }, 120_000);
});
