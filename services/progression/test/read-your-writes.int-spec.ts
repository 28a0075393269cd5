import { randomUUID } from 'node:crypto';
import {
  create,
  CourseStartedSchema,
  REFERRALS_TOPIC,
  ReferralAcceptedSchema,
  ReferralReceivedSchema,
} from '@platform/contracts';
import { CourseEntity } from '@platform/course';
import { ConsumerCatchUp } from '@platform/messaging';
import { daysAgo, startProgression, type ProgressionHarness } from './harness';

jest.setTimeout(60_000);

/** The shared course projection as progression runs it: late and re-driven events, and read-your-writes. */
describe('progression: one course projection, read-your-writes', () => {
  let h: ProgressionHarness;
  let provider: string;
  let catchUp: ConsumerCatchUp;

  beforeAll(async () => {
    h = await startProgression();
    provider = await h.token('provider', h.provider);
    catchUp = new ConsumerCatchUp(h.kafka, h.dataSource, h.group, REFERRALS_TOPIC);
  });
  afterAll(async () => {
    await catchUp?.close();
    await h?.close();
  });

  const measurement = (measuredAt = daysAgo(0)) => ({
    scale: 'LADDER_12',
    measuredAt,
    values: { step: 6 },
    assessor: 'PROFESSIONAL',
  });
  const received = (referralId: string, startDate: string) =>
    create(ReferralReceivedSchema, {
      referralId,
      externalRef: `KK-TEST-${referralId}`,
      municipalityCode: '101',
      providerId: h.provider,
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
    });

  it('a CourseStarted re-driven after CourseCompleted (and a duplicated acceptance) does not reopen the course', async () => {
    const referralId = await h.course({ until: 'COMPLETED' });
    await h.publish(
      create(CourseStartedSchema, { referralId, startDate: daysAgo(60) }),
      create(ReferralAcceptedSchema, { referralId }),
    );
    await catchUp.waitFor([referralId], 10_000);
    expect((await h.dataSource.manager.findOneBy(CourseEntity, { referralId }))?.status).toBe('COMPLETED');
    await h.http
      .post(`/api/v1/referrals/${referralId}/measurements`)
      .set('authorization', `Bearer ${provider}`)
      .send(measurement(daysAgo(10)))
      .expect(422);
  });

  it('a measurement sent the moment the start is on the broker is recorded, not refused (the request waits)', async () => {
    for (let i = 0; i < 10; i++) {
      const referralId = randomUUID();
      const startDate = daysAgo(3);
      await h.publish(
        received(referralId, startDate),
        create(ReferralAcceptedSchema, { referralId }),
        create(CourseStartedSchema, { referralId, startDate }),
      );
      const res = await h.http
        .post(`/api/v1/referrals/${referralId}/measurements`)
        .set('authorization', `Bearer ${provider}`)
        .send(measurement());
      expect({ i, status: res.status, body: res.body as unknown }).toMatchObject({ i, status: 201 });
    }
  });

  it('a referral that nobody has referred is 404 once the projection is known to be up to date', async () => {
    const started = Date.now();
    await h.http
      .post(`/api/v1/referrals/${randomUUID()}/measurements`)
      .set('authorization', `Bearer ${provider}`)
      .send(measurement())
      .expect(404);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
