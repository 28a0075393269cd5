import { decodeEvent, REFERRALS_TOPIC } from '@platform/contracts';
import { metricsRegistry } from '@platform/observability';
import { pendingSchemaChanges } from '@platform/persistence';
import { expectEventually, ReferralBuilder, TopicProbe } from '@platform/testing';
import { ReferralEntity } from '../src/referrals/referral.entity';
import { startReferrals, type ReferralsHarness } from './harness';

jest.setTimeout(60_000);

const today = () => new Date().toISOString().slice(0, 10);

describe('referrals service on real PostgreSQL and Kafka', () => {
  let h: ReferralsHarness;
  let probe: TopicProbe;
  let jobcenter: string;
  let provider: string;

  beforeAll(async () => {
    h = await startReferrals();
    probe = await new TopicProbe(h.kafka, [REFERRALS_TOPIC]).start();
    jobcenter = await h.token('jobcenter', '101');
    provider = await h.token('provider', h.provider.id);
  });

  afterAll(async () => {
    await probe?.stop();
    await h?.close();
  });

  const newReferral = () => ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId);

  it('serves OpenAPI 3.1 and health with database and Kafka without a token, and no /metrics on the API port', async () => {
    const spec = await h.http.get('/api/openapi.json').expect(200);
    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/referrals',
        '/api/v1/referrals/{id}/accept',
        '/api/v1/providers',
        '/api/v1/offers',
      ]),
    );
    expect(spec.body.components.schemas.CreateReferralDto.required).toEqual(
      expect.arrayContaining(['citizen', 'offerId']),
    );
    await h.http.get('/api/docs').expect(200);
    const health = await h.http.get('/health').expect(200);
    expect(health.body.checks).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
    // Metrics are on the internal port (serveMetrics), never on the API's.
    await h.http.get('/metrics').expect(404);
    expect(await metricsRegistry.metrics()).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/health"/);
  });

  it('has migrations that cover every entity', async () => {
    expect(await pendingSchemaChanges(h.dataSource)).toEqual([]);
  });

  it('publishes ReferralReceived with the pseudonym and without CPR or name', async () => {
    const body = newReferral().build();
    const res = await h.http
      .post('/api/v1/referrals')
      .set('authorization', `Bearer ${jobcenter}`)
      .send(body)
      .expect(201);
    expect(res.headers.location).toBe(`/api/v1/referrals/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'RECEIVED', externalRef: body.externalRef, providerId: h.provider.id });
    const pseudonym: string = res.body.citizen.pseudonym;
    expect(pseudonym).toMatch(/^[\w-]{43}$/);

    const [message] = await expectEventually(() => {
      const found = probe.withKey(res.body.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(message.headers.ce_type).toBe('referrals.events.v1.ReferralReceived');
    expect(message.headers.ce_source).toBe('referrals');
    const event = decodeEvent('referrals.events.v1.ReferralReceived', message.value);
    expect(event.citizenPseudonym).toBe(pseudonym);
    expect(event.externalRef).toBe(body.externalRef);
    const raw = message.value.toString('latin1') + JSON.stringify(message.headers);
    expect(raw).not.toContain(body.citizen.cpr);
    expect(raw).not.toContain(body.citizen.name);

    const stored = await h.dataSource.manager.findOneByOrFail(ReferralEntity, { id: res.body.id });
    expect(stored.citizenSealed).not.toContain(body.citizen.cpr);
  });

  it('replays the same Idempotency-Key: one referral, one event; another body with that key is 422', async () => {
    const body = newReferral().build();
    const key = `idem-${body.externalRef}`;
    const post = (payload: object) =>
      h.http
        .post('/api/v1/referrals')
        .set('authorization', `Bearer ${jobcenter}`)
        .set('idempotency-key', key)
        .send(payload);
    const first = await post(body).expect(201);
    const second = await post(body).expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await h.dataSource.manager.countBy(ReferralEntity, { externalRef: body.externalRef })).toBe(1);

    const other = await post({ ...body, hoursPerWeek: 20 }).expect(422);
    expect(other.body.type).toMatch(/\/idempotency-key-reused$/);

    await expectEventually(() => expect(probe.withKey(first.body.id)).toHaveLength(1));
    // Let the relay make another pass: still exactly one event.
    await h.dataSource.query(`SELECT pg_sleep(0.6)`);
    expect(probe.withKey(first.body.id)).toHaveLength(1);
  });

  it('refuses a second referral with the same externalRef in the municipality, naming the existing one', async () => {
    const body = newReferral().build();
    const first = await h.http
      .post('/api/v1/referrals')
      .set('authorization', `Bearer ${jobcenter}`)
      .send(body)
      .expect(201);
    const again = await h.http
      .post('/api/v1/referrals')
      .set('authorization', `Bearer ${jobcenter}`)
      .send({ ...body, citizen: { ...body.citizen } })
      .expect(409);
    expect(again.body.existingId).toBe(first.body.id);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('refuses an offer of another provider with 422', async () => {
    const body = ReferralBuilder.valid().forProvider(h.provider.id, h.otherProvider.offerId).build();
    const res = await h.http
      .post('/api/v1/referrals')
      .set('authorization', `Bearer ${jobcenter}`)
      .send(body)
      .expect(422);
    expect(res.body.errors).toEqual([{ field: 'offerId', message: 'no such offer for this provider' }]);
  });

  it('runs the whole course lifecycle with history and one event per change', async () => {
    const created = await h.http
      .post('/api/v1/referrals')
      .set('authorization', `Bearer ${jobcenter}`)
      .send(newReferral().build())
      .expect(201);
    const id: string = created.body.id;
    const act = (action: string, token: string, body: object, status = 200) =>
      h.http
        .post(`/api/v1/referrals/${id}/${action}`)
        .set('authorization', `Bearer ${token}`)
        .send(body)
        .expect(status);

    await act('accept', provider, { expectedStart: today() });
    await act('start', provider, { startDate: today() });
    await act('pause', provider, { from: today(), reason: 'Operation' });
    const illegal = await act('accept', provider, {}, 409);
    expect(illegal.body.type).toMatch(/\/invalid-transition$/);
    await act('resume', provider, { date: today() });
    await act('cancel', provider, { reason: 'OTHER' }, 403);
    const done = await act('complete', provider, { endDate: today(), endReason: 'GOT_JOB', exitStatus: 'SMALL_JOB' });
    expect(done.body).toMatchObject({ status: 'COMPLETED', exitStatus: 'SMALL_JOB', endReason: 'GOT_JOB' });
    expect(done.body.history.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'accept',
      'start',
      'pause',
      'resume',
      'complete',
    ]);
    expect(done.body.history[1]).toMatchObject({
      status: 'ACCEPTED',
      by: `provider-${h.provider.id}`,
      byRole: 'provider',
    });
    expect(done.body.outcomes.map((o: { horizon: string }) => o.horizon)).toEqual([
      'END_PLUS_3M',
      'END_PLUS_6M',
      'END_PLUS_12M',
    ]);

    await h.http
      .post(`/api/v1/referrals/${id}/outcomes`)
      .set('authorization', `Bearer ${jobcenter}`)
      .send({ horizon: 'END_PLUS_3M', status: 'FLEX_JOB', observedAt: today() })
      .expect(201);
    await h.http
      .post(`/api/v1/referrals/${id}/outcomes`)
      .set('authorization', `Bearer ${jobcenter}`)
      .send({ horizon: 'END_PLUS_3M', status: 'FLEX_JOB', observedAt: today() })
      .expect(409);

    const types = await expectEventually(() => {
      const list = probe.withKey(id).map((m) => m.headers.ce_type.split('.').pop());
      expect(list).toHaveLength(7);
      return list;
    });
    expect(types).toEqual([
      'ReferralReceived',
      'ReferralAccepted',
      'CourseStarted',
      'CoursePaused',
      'CourseResumed',
      'CourseCompleted',
      'OutcomeRecorded',
    ]);
  });

  it('shows a referral only to its municipality and its provider; others get 404, analysts 403', async () => {
    const created = await h.http
      .post('/api/v1/referrals')
      .set('authorization', `Bearer ${jobcenter}`)
      .send(newReferral().build())
      .expect(201);
    const id: string = created.body.id;
    const get = async (role: 'jobcenter' | 'provider' | 'analyst', org: string) =>
      h.http.get(`/api/v1/referrals/${id}`).set('authorization', `Bearer ${await h.token(role, org)}`);

    const own = await get('provider', h.provider.id);
    expect(own.status).toBe(200);
    expect(own.body.citizen.cpr).toMatch(/^\d{10}$/);
    expect((await get('provider', h.otherProvider.id)).status).toBe(404);
    expect((await get('jobcenter', '147')).status).toBe(404);
    expect((await get('analyst', '101')).status).toBe(403);
    const otherAccept = await h.http
      .post(`/api/v1/referrals/${id}/accept`)
      .set('authorization', `Bearer ${await h.token('provider', h.otherProvider.id)}`)
      .send({});
    expect(otherAccept.status).toBe(404);
    expect((await h.http.get(`/api/v1/referrals/${id}`)).status).toBe(401);

    const otherList = await h.http
      .get('/api/v1/referrals')
      .set('authorization', `Bearer ${await h.token('provider', h.otherProvider.id)}`)
      .expect(200);
    expect(otherList.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
  });

  it('applies an approved change request to the course', async () => {
    const created = await h.http
      .post('/api/v1/referrals')
      .set('authorization', `Bearer ${jobcenter}`)
      .send(newReferral().with({ plannedWeeks: 4, plannedStart: '2026-12-01' }).build())
      .expect(201);
    const id: string = created.body.id;
    await h.http.post(`/api/v1/referrals/${id}/accept`).set('authorization', `Bearer ${provider}`).send({}).expect(200);
    const cr = await h.http
      .post(`/api/v1/referrals/${id}/change-requests`)
      .set('authorization', `Bearer ${provider}`)
      .send({ kind: 'EXTEND', newEndDate: '2027-01-31', reason: 'Borgeren er tæt på småjob' })
      .expect(201);
    expect(cr.body).toMatchObject({ kind: 'EXTEND', status: 'PENDING' });
    await h.http
      .post(`/api/v1/change-requests/${cr.body.id}/approve`)
      .set('authorization', `Bearer ${provider}`)
      .send({})
      .expect(403);
    await h.http
      .post(`/api/v1/change-requests/${cr.body.id}/approve`)
      .set('authorization', `Bearer ${jobcenter}`)
      .send({ comment: 'OK' })
      .expect(200);
    const after = await h.http.get(`/api/v1/referrals/${id}`).set('authorization', `Bearer ${jobcenter}`).expect(200);
    expect(after.body.plannedEnd).toBe('2027-01-31');
    await h.http
      .post(`/api/v1/change-requests/${cr.body.id}/reject`)
      .set('authorization', `Bearer ${jobcenter}`)
      .send({})
      .expect(409);
    await expectEventually(() =>
      expect(probe.withKey(id).map((m) => m.headers.ce_type)).toContain('referrals.events.v1.CourseChanged'),
    );
  });

  it('creates a batch item by item and pages through the list', async () => {
    const good = newReferral().build();
    const res = await h.http
      .post('/api/v1/referrals/batch')
      .set('authorization', `Bearer ${jobcenter}`)
      .send({ items: [good, { ...newReferral().build(), citizen: { cpr: '3113991234', name: 'X' } }, good] })
      .expect(200);
    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([201, 400, 409]);
    expect(res.body.results[1].problem.errors).toEqual([
      { field: 'citizen.cpr', message: expect.stringContaining('CPR') },
    ]);

    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await h.http
        .get('/api/v1/referrals')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('authorization', `Bearer ${jobcenter}`)
        .expect(200);
      page.body.items.forEach((r) => seen.add(r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(await h.dataSource.manager.countBy(ReferralEntity, { municipalityCode: '101' }));
  });
});
