import { randomUUID } from 'node:crypto';
import { ensureBroker, expectEventually, TopicProbe } from '@platform/testing';
import { ensureTopics, listDeadLetters, redriveDeadLetters } from '@platform/messaging';

describe('dead letters: list and re-drive', () => {
  it('lists dead letters with their reason and re-drives each one once, unchanged, to its topic', async () => {
    const kafka = await ensureBroker();
    const topic = `test.dlq-tool-${randomUUID()}`;
    await ensureTopics(kafka, [topic, `${topic}.dlq`], 1);
    const producer = kafka.producer();
    await producer.connect();
    const ids = [randomUUID(), randomUUID()];
    await producer.send({
      topic: `${topic}.dlq`,
      messages: ids.map((id, i) => ({
        key: `referral-${i}`,
        value: Buffer.from([i, 1, 2]),
        headers: {
          ce_id: id,
          ce_type: 'jobplatform.referrals.v1.CourseStarted',
          dlq_error: `payload ${i} is not a valid CourseStarted`,
          dlq_consumer: 'placements.referral-projection',
          dlq_attempts: '5',
          dlq_time: '2026-11-22T10:00:00.000Z',
          dlq_source: `${topic}/0/${i}`,
        },
      })),
    });
    await producer.disconnect();

    const letters = await listDeadLetters(kafka, topic);
    expect(letters.map((l) => [l.key, l.error, l.consumer, l.attempts, l.headers.ce_id])).toEqual([
      ['referral-0', 'payload 0 is not a valid CourseStarted', 'placements.referral-projection', 5, ids[0]],
      ['referral-1', 'payload 1 is not a valid CourseStarted', 'placements.referral-projection', 5, ids[1]],
    ]);
    expect(Object.keys(letters[0].headers).some((name) => name.startsWith('dlq_'))).toBe(false);
    // Listing changes nothing.
    expect(await listDeadLetters(kafka, `${topic}.dlq`)).toHaveLength(2);

    const probe = await new TopicProbe(kafka, [topic]).start();
    try {
      expect((await redriveDeadLetters(kafka, topic)).map((l) => l.headers.ce_id)).toEqual(ids);
      await expectEventually(() => expect(probe.messages).toHaveLength(2));
      expect(probe.messages.map((m) => [m.key, m.headers.ce_id, m.value.toString('hex')])).toEqual([
        ['referral-0', ids[0], '000102'],
        ['referral-1', ids[1], '010102'],
      ]);
      expect(probe.messages.every((m) => m.headers.dlq_error === undefined)).toBe(true);
      // Already re-driven: a second run publishes nothing.
      expect(await redriveDeadLetters(kafka, topic)).toEqual([]);
    } finally {
      await probe.stop();
    }
  });
});
