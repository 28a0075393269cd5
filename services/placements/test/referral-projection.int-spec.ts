import { randomUUID } from 'node:crypto';
import { dlq, REFERRALS_TOPIC } from '@platform/contracts';
import { ProcessedEvent } from '@platform/messaging';
import { expectEventually, TopicProbe } from '@platform/testing';
import { CourseEntity } from '@platform/course';
import { PlacementEntity } from '../src/placements/placement.entity';
import { startPlacements, validPlacement, type PlacementsHarness } from './harness';

jest.setTimeout(60_000);

/**
 * The service's own projection of referral state, fed by real events on referrals.events.v1: only a STARTED course
 * takes placements, and duplicates or late events never move a course backwards.
 */
describe('referral state from referrals.events.v1', () => {
  let h: PlacementsHarness;
  let provider: string;

  beforeAll(async () => {
    h = await startPlacements();
    provider = await h.token('provider', h.provider);
  });

  afterAll(async () => {
    await h?.close();
  });

  const createPlacement = (referralId: string) =>
    h.http
      .post(`/api/v1/referrals/${referralId}/placements`)
      .set('authorization', `Bearer ${provider}`)
      .send(validPlacement());

  /** Publishes a no-op marker after other events of the course and waits until it is processed: all before it are. */
  const settled = async (referralId: string) => {
    const marker = await h.publish('referrals.events.v1.OutcomeRecorded', {
      referralId,
      horizon: 'END_PLUS_3M',
      exitStatus: 'UNKNOWN',
      observedDate: '2026-11-01',
    });
    await expectEventually(async () =>
      expect(await h.dataSource.manager.existsBy(ProcessedEvent, { eventId: marker })).toBe(true),
    );
  };

  const placementCount = (referralId: string) => h.dataSource.manager.countBy(PlacementEntity, { referralId });

  it('a completed or cancelled referral refuses new placements (422); so does one not yet started', async () => {
    const completed = await h.startedCourse();
    await h.publish('referrals.events.v1.CourseCompleted', {
      referralId: completed,
      endDate: '2026-11-01',
      endReason: 'GOT_JOB',
      exitStatus: 'SMALL_JOB',
    });
    const cancelled = await h.startedCourse();
    await h.publish('referrals.events.v1.ReferralCancelled', {
      referralId: cancelled,
      cancelledAt: new Date().toISOString(),
      reason: 'CASE_CLOSED',
    });
    await expectEventually(async () => expect((await h.course(completed))?.status).toBe('COMPLETED'));
    await expectEventually(async () => expect((await h.course(cancelled))?.status).toBe('CANCELLED'));
    for (const id of [completed, cancelled]) {
      const res = await createPlacement(id).expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe('/problems/rule-violated');
      expect(await placementCount(id)).toBe(0);
    }

    const received = randomUUID();
    await h.publish('referrals.events.v1.ReferralReceived', {
      referralId: received,
      externalRef: 'KK-1',
      municipalityCode: '101',
      providerId: h.provider,
      offerId: randomUUID(),
      packageType: 'JOB',
      targetGroup: 'CASH_BENEFIT',
      purposes: ['JOB'],
      hoursPerWeek: 12,
      plannedStart: '2026-10-01',
      plannedWeeks: 13,
      citizenPseudonym: 'p',
      receivedAt: new Date().toISOString(),
      answerDue: '2026-10-01',
      startDue: '2026-10-01',
    });
    await expectEventually(async () => expect((await h.course(received))?.status).toBe('RECEIVED'));
    await createPlacement(received).expect(422);
    // A referral the service has never heard of is not found.
    await createPlacement(randomUUID()).expect(404);
  });

  it('a paused course takes no new placements until it resumes', async () => {
    const id = await h.startedCourse();
    await h.publish('referrals.events.v1.CoursePaused', { referralId: id, pauseDate: '2026-10-10' });
    await expectEventually(async () => expect((await h.course(id))?.status).toBe('PAUSED'));
    await createPlacement(id).expect(422);
    await h.publish('referrals.events.v1.CourseResumed', { referralId: id, resumeDate: '2026-10-20' });
    await expectEventually(async () => expect((await h.course(id))?.status).toBe('STARTED'));
    await createPlacement(id).expect(201);
  });

  it('events delivered twice change nothing; a redelivered start does not reopen a completed course', async () => {
    const id = randomUUID();
    const received = {
      referralId: id,
      externalRef: 'KK-2',
      municipalityCode: '101',
      providerId: h.provider,
      offerId: randomUUID(),
      packageType: 'JOB',
      targetGroup: 'CASH_BENEFIT',
      purposes: ['JOB'],
      hoursPerWeek: 12,
      plannedStart: '2026-10-01',
      plannedWeeks: 13,
      citizenPseudonym: 'p',
      receivedAt: new Date().toISOString(),
      answerDue: '2026-10-01',
      startDue: '2026-10-01',
    };
    const receivedId = await h.publish('referrals.events.v1.ReferralReceived', received);
    const startedId = await h.publish('referrals.events.v1.CourseStarted', { referralId: id, startDate: '2026-10-02' });
    await h.publish('referrals.events.v1.CourseCompleted', {
      referralId: id,
      endDate: '2026-11-01',
      endReason: 'PLANNED_END',
      exitStatus: 'UNEMPLOYED',
    });
    await settled(id);
    const before = await h.course(id);
    expect(before).toMatchObject({ status: 'COMPLETED', startDate: '2026-10-02', endDate: '2026-11-01' });
    // The same events again (same ce_id): the inbox drops them.
    await h.publish('referrals.events.v1.ReferralReceived', received, { id: receivedId });
    await h.publish(
      'referrals.events.v1.CourseStarted',
      { referralId: id, startDate: '2026-10-02' },
      { id: startedId },
    );
    await settled(id);
    expect(await h.course(id)).toEqual(before);
    const inbox = await h.dataSource.manager.countBy(ProcessedEvent, { eventId: startedId });
    expect(inbox).toBe(1);
  });

  it('events arriving late or out of order: the course ends up as the latest facts say', async () => {
    // The start arrives before the referral itself: unknown owner until ReferralReceived, then STARTED.
    const id = randomUUID();
    await h.publish('referrals.events.v1.CourseStarted', { referralId: id, startDate: '2026-10-05' });
    await settled(id);
    expect(await h.course(id)).toMatchObject({ status: 'STARTED', providerId: null });
    await createPlacement(id).expect(404);
    await h.publish('referrals.events.v1.ReferralReceived', {
      referralId: id,
      externalRef: 'KK-3',
      municipalityCode: '101',
      providerId: h.provider,
      offerId: randomUUID(),
      packageType: 'JOB',
      targetGroup: 'CASH_BENEFIT',
      purposes: ['JOB'],
      hoursPerWeek: 20,
      plannedStart: '2026-10-01',
      plannedWeeks: 26,
      citizenPseudonym: 'p',
      receivedAt: '2026-09-20T08:00:00.000Z',
      answerDue: '2026-09-22',
      startDue: '2026-10-10',
    });
    await h.publish('referrals.events.v1.ReferralAccepted', { referralId: id, acceptedAt: '2026-09-21T08:00:00Z' });
    await settled(id);
    expect(await h.course(id)).toMatchObject({
      status: 'STARTED',
      providerId: h.provider,
      startDate: '2026-10-05',
      hoursPerWeek: 20,
      plannedEnd: '2027-03-31',
    });
    await createPlacement(id).expect(201);

    // A pause published with an earlier event time than a resume it arrives after stays in the past.
    const resumeAt = new Date(Date.now() + 60_000).toISOString();
    const pauseAt = new Date(Date.now() + 30_000).toISOString();
    await h.publish(
      'referrals.events.v1.CourseResumed',
      { referralId: id, resumeDate: '2026-10-20' },
      { time: resumeAt },
    );
    await h.publish('referrals.events.v1.CoursePaused', { referralId: id, pauseDate: '2026-10-15' }, { time: pauseAt });
    await settled(id);
    expect((await h.course(id))?.status).toBe('STARTED');

    // An approved change of plan is not undone by an older one delivered later.
    await h.publish('referrals.events.v1.CourseChanged', {
      referralId: id,
      changeRequestId: randomUUID(),
      kind: 'EXTEND',
      plannedEnd: '2027-06-30',
      hoursPerWeek: 25,
      approvedAt: '2026-11-10T10:00:00.000Z',
    });
    await h.publish('referrals.events.v1.CourseChanged', {
      referralId: id,
      changeRequestId: randomUUID(),
      kind: 'CHANGE_HOURS',
      plannedEnd: '2027-03-31',
      hoursPerWeek: 15,
      approvedAt: '2026-11-01T10:00:00.000Z',
    });
    await settled(id);
    expect(await h.course(id)).toMatchObject({ plannedEnd: '2027-06-30', hoursPerWeek: 25 });

    // The referral's completion, and then its (very) late receipt: still completed, owner unchanged.
    await h.publish('referrals.events.v1.CourseCompleted', {
      referralId: id,
      endDate: '2026-11-15',
      endReason: 'GOT_JOB',
      exitStatus: 'ORDINARY_JOB',
    });
    await h.publish('referrals.events.v1.CourseStarted', { referralId: id, startDate: '2026-10-05' });
    await settled(id);
    expect(await h.course(id)).toMatchObject({ status: 'COMPLETED', endDate: '2026-11-15', providerId: h.provider });
    await createPlacement(id).expect(422);
  });

  it('an event that breaks the contract goes to the DLQ and the projection moves on', async () => {
    const probe = await new TopicProbe(h.kafka, [dlq(REFERRALS_TOPIC)]).start();
    try {
      const id = randomUUID();
      await h.publish('referrals.events.v1.CourseStarted', { referralId: id, startDate: '2026-02-30' });
      const dead = await expectEventually(() => {
        const found = probe.withKey(id);
        expect(found).toHaveLength(1);
        return found[0];
      });
      expect(dead.headers.dlq_error).toContain('start_date');
      await settled(id);
      expect(await h.course(id)).toBeNull();
    } finally {
      await probe.stop();
    }
  });

  it('rebuilds the projection from the topic on demand (admin) to the same state', async () => {
    const id = await h.startedCourse();
    await h.publish('referrals.events.v1.CoursePaused', { referralId: id, pauseDate: '2026-10-10' });
    await settled(id);
    const before = await h.course(id);
    const admin = await h.token('admin');
    await h.http
      .post('/api/v1/admin/referral-projection/rebuild')
      .set('authorization', `Bearer ${provider}`)
      .expect(403);
    await h.http.post('/api/v1/admin/referral-projection/rebuild').set('authorization', `Bearer ${admin}`).expect(202);
    await settled(id);
    const after = await h.course(id);
    expect({ ...after, updatedAt: null }).toEqual({ ...before, updatedAt: null });
    expect(await h.dataSource.manager.count(CourseEntity)).toBeGreaterThan(1);
  });
});

describe('start-up without Kafka', () => {
  it('starts, reports Kafka down, and answers 503 + Retry-After (never 404) for a course it cannot know yet', async () => {
    const h = await startPlacements({ serviceBrokers: ['127.0.0.1:1'] });
    try {
      const provider = await h.token('provider', h.provider);
      const health = await h.http.get('/health').expect(503);
      expect(health.body.checks).toMatchObject({ database: { status: 'up' }, kafka: { status: 'down' } });
      // The referral may exist: without the broker this replica cannot tell, so it says so instead of "not found".
      const unknown = await h.http
        .get(`/api/v1/referrals/${randomUUID()}/placements`)
        .set('authorization', `Bearer ${provider}`)
        .expect(503);
      expect(unknown.headers['retry-after']).toMatch(/^\d+$/);
      expect(unknown.body).toMatchObject({ type: '/problems/state-not-yet-known', status: 503 });
    } finally {
      await h.close();
    }
  });
});
