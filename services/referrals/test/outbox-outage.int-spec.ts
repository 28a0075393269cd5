import { decodeEvent, REFERRALS_TOPIC } from '@platform/contracts';
import { OutboxRecord } from '@platform/messaging';
import {
  brokerListening,
  expectEventually,
  ReferralBuilder,
  startBroker,
  stopBroker,
  TopicProbe,
} from '@platform/testing';
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
    // A plain consumer of the topic: every event must arrive, and none twice (the relay's producer is idempotent
    // and rows are marked sent only after the broker acknowledged them). The inbox that makes redeliveries
    // harmless is tested in libs/messaging.
    const probe = await new TopicProbe(h.kafka, [REFERRALS_TOPIC]).start();
    try {
      const ours = await expectEventually(
        () => {
          const found = probe.messages.filter((m) => ids.includes(m.key));
          expect(new Set(found.map((m) => m.key))).toEqual(new Set(ids));
          return found;
        },
        { timeoutMs: 60_000 },
      );
      expect(ours).toHaveLength(20);
      expect(new Set(ours.map((m) => m.headers.ce_id)).size).toBe(20);
      for (const message of ours) {
        expect(decodeEvent('referrals.events.v1.ReferralReceived', message.value).referralId).toBe(message.key);
      }
      const remaining = await h.dataSource.manager
        .createQueryBuilder(OutboxRecord, 'o')
        .where('o.sentAt IS NULL AND o.key IN (:...ids)', { ids })
        .getCount();
      expect(remaining).toBe(0);
    } finally {
      await probe.stop();
    }
  }, 120_000);
});
