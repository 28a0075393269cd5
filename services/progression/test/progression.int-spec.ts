import { decodeEvent, PROGRESSION_TOPIC } from '@platform/contracts';
import { todayInCopenhagen } from '@platform/domain-kernel';
import { ArrayContains } from 'typeorm';
import { AuditRecord } from '@platform/audit';
import { OutboxRecord } from '@platform/messaging';
import { pendingSchemaChanges } from '@platform/persistence';
import { checkOpenApiSnapshot, checkSubgraphSchema, expectEventually } from '@platform/testing';
import { MeasurementEntity } from '../src/measurements/measurement.entity';
import { ReportEntity } from '../src/reports/report.entity';
import { daysAgo, probeFromNow, startProgression, type EventProbe, type ProgressionHarness } from './harness';

const ENTITIES_QUERY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Referral { id latestLevel measurements { sequence scale scaleVersion measuredAt assessor values { dimension level } supersedesId } }
  }
}`;

// Courses arrive through the real broker; allow for a busy machine.
jest.setTimeout(60_000);

describe('progression service on real PostgreSQL and Kafka', () => {
  let h: ProgressionHarness;
  let probe: EventProbe;
  let provider: string;
  let otherProvider: string;
  let jobcenter: string;
  let otherJobcenter: string;
  let analyst: string;
  let admin: string;

  beforeAll(async () => {
    h = await startProgression();
    probe = await probeFromNow(h.kafka, PROGRESSION_TOPIC);
    provider = await h.token('provider', h.provider);
    otherProvider = await h.token('provider', h.otherProvider);
    jobcenter = await h.token('jobcenter', '101');
    otherJobcenter = await h.token('jobcenter', '147');
    analyst = await h.token('analyst', '101');
    admin = await h.token('admin');
  });

  afterAll(async () => {
    await probe?.stop();
    await h?.close();
  });

  const post = (url: string, token: string, body: unknown) =>
    h.http
      .post(url)
      .set('authorization', `Bearer ${token}`)
      .send(body as object);
  const get = (url: string, token: string) => h.http.get(url).set('authorization', `Bearer ${token}`);
  const ladder = (measuredAt: string, step: number, extra: object = {}) => ({
    scale: 'LADDER_12',
    measuredAt,
    values: { step },
    assessor: 'PROFESSIONAL',
    ...extra,
  });
  const entities = (token: string, ids: string[]) =>
    post('/graphql', token, {
      query: ENTITIES_QUERY,
      variables: { representations: ids.map((id) => ({ __typename: 'Referral', id })) },
    });
  const counts = async () => ({
    measurements: await h.dataSource.manager.count(MeasurementEntity),
    outbox: await h.dataSource.manager.count(OutboxRecord),
  });

  it('serves OpenAPI 3.1, health with database and Kafka; migrations cover every entity', async () => {
    const spec = await h.http.get('/api/openapi.json').expect(200);
    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/scales',
        '/api/v1/referrals/{id}/measurements',
        '/api/v1/measurements/batch',
        '/api/v1/referrals/{id}/reports',
      ]),
    );
    const health = await h.http.get('/health').expect(200);
    expect(health.body.checks).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
    expect(await pendingSchemaChanges(h.dataSource)).toEqual([]);
  });

  it('has the built-in scales with their Danish labels', async () => {
    const res = await get('/api/v1/scales', jobcenter).expect(200);
    const ladder12 = res.body.items.find((s: { code: string }) => s.code === 'LADDER_12');
    expect(ladder12).toMatchObject({ version: 1, dimensions: [{ code: 'step' }] });
    expect(ladder12.dimensions[0].levels).toHaveLength(12);
    expect(ladder12.dimensions[0].levels[0]).toEqual({ value: 1, code: 'NO_SHOW', label: 'Møder ikke op' });
    expect(ladder12.dimensions[0].levels[11]).toEqual({
      value: 12,
      code: 'FULL_TIME_OR_FLEX_JOB',
      label: 'Job (fuldtid), fleksjob',
    });
    const profile = res.body.items.find((s: { code: string }) => s.code === 'RESOURCE_PROFILE_12');
    expect(profile.version).toBe(1);
    expect(profile.dimensions).toHaveLength(12);
    expect(profile.dimensions.map((d: { label: string }) => d.label)).toContain('Præstationsforventninger');
    expect(profile.dimensions[0].levels.map((l: { value: number }) => l.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('records a series of LADDER_12 measurements (single and batch) in order, shown in _entities with latestLevel and published', async () => {
    const referralId = await h.course();
    const first = await post(`/api/v1/referrals/${referralId}/measurements`, provider, ladder(daysAgo(50), 2)).expect(
      201,
    );
    expect(first.body).toMatchObject({ sequence: 1, scale: 'LADDER_12', scaleVersion: 1, values: { step: 2 } });
    // Location names the created measurement, and reading it there gives the same measurement.
    expect(first.headers.location).toBe(`/api/v1/measurements/${first.body.id}`);
    const readBack = await h.http.get(first.headers.location).set('authorization', `Bearer ${provider}`).expect(200);
    expect(readBack.body).toEqual(first.body);
    await post(`/api/v1/referrals/${referralId}/measurements`, provider, ladder(daysAgo(40), 4)).expect(201);
    // A batch out of date order is numbered in date order.
    const batch = await post('/api/v1/measurements/batch', provider, {
      items: [ladder(daysAgo(10), 7, { referralId }), ladder(daysAgo(30), 5, { referralId })],
    }).expect(200);
    expect(batch.body.results).toEqual([
      expect.objectContaining({ index: 0, status: 201, sequence: 4 }),
      expect.objectContaining({ index: 1, status: 201, sequence: 3 }),
    ]);

    const res = await entities(provider, [referralId]).expect(200);
    expect(res.body.errors).toBeUndefined();
    const [referral] = res.body.data._entities;
    expect(referral.latestLevel).toBe(7);
    expect(
      referral.measurements.map((m: { sequence: number; values: { level: number }[] }) => [
        m.sequence,
        m.values[0].level,
      ]),
    ).toEqual([
      [1, 2],
      [2, 4],
      [3, 5],
      [4, 7],
    ]);
    expect(referral.measurements[0]).toMatchObject({
      scale: 'LADDER_12',
      assessor: 'PROFESSIONAL',
      measuredAt: daysAgo(50),
    });

    const events = await expectEventually(() => {
      const found = probe.withKey(referralId);
      expect(found).toHaveLength(4);
      return found;
    });
    const decoded = events.map((m) => {
      expect(m.headers.ce_type).toBe('progression.events.v1.MeasurementRecorded');
      expect(m.headers.ce_source).toBe('progression');
      return decodeEvent('progression.events.v1.MeasurementRecorded', m.value);
    });
    expect(decoded.map((e) => e.sequence).sort()).toEqual([1, 2, 3, 4]);
    expect(decoded.find((e) => e.sequence === 4)).toMatchObject({
      referralId,
      scaleCode: 'LADDER_12',
      scaleVersion: 1,
      measuredDate: daysAgo(10),
      assessor: 'PROFESSIONAL',
      values: { step: 7 },
    });
  });

  it('refuses, with a clear 4xx and nothing stored: another provider, a level outside the scale, a future date, a date before the start, a course not started', async () => {
    const referralId = await h.course({ startDate: daysAgo(20) });
    const notStarted = await h.course({ until: 'ACCEPTED' });
    const completed = await h.course({ until: 'COMPLETED' });
    const before = await counts();
    const url = `/api/v1/referrals/${referralId}/measurements`;

    const foreign = await post(url, otherProvider, ladder(daysAgo(1), 3)).expect(404);
    expect(foreign.body).toMatchObject({ status: 404, type: '/problems/not-found' });
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);

    const outside = await post(url, provider, ladder(daysAgo(1), 13)).expect(400);
    expect(outside.body.errors).toEqual([{ field: 'values.step', message: expect.stringMatching(/1 to 12/) }]);
    await post(url, provider, { ...ladder(daysAgo(1), 3), values: { stage: 3 } }).expect(400);
    await post(url, provider, { ...ladder(daysAgo(1), 3), values: {} }).expect(400);

    const future = await post(url, provider, ladder('2099-01-01', 3)).expect(422);
    expect(future.body.errors).toEqual([{ field: 'measuredAt', message: expect.stringMatching(/future/) }]);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await post(url, provider, ladder(tomorrow, 3)).expect(422);

    const early = await post(url, provider, ladder(daysAgo(21), 3)).expect(422);
    expect(early.body.errors[0]).toMatchObject({
      field: 'measuredAt',
      message: expect.stringMatching(/before the course started/),
    });

    const waiting = await post(`/api/v1/referrals/${notStarted}/measurements`, provider, ladder(daysAgo(1), 3)).expect(
      422,
    );
    expect(waiting.body.detail).toMatch(/ACCEPTED/);
    await post(`/api/v1/referrals/${completed}/measurements`, provider, ladder(daysAgo(1), 3)).expect(422);

    const unknownScale = await post(url, provider, { ...ladder(daysAgo(1), 3), scale: 'NO_SUCH_SCALE' }).expect(422);
    expect(unknownScale.body.errors[0].field).toBe('scale');
    await post(url, await h.token('jobcenter', '101'), ladder(daysAgo(1), 3)).expect(403);
    await post(url, analyst, ladder(daysAgo(1), 3)).expect(403);
    await post(`/api/v1/referrals/${crypto.randomUUID()}/measurements`, provider, ladder(daysAgo(1), 3)).expect(404);

    // The same refusals inside a batch: every item gets its own result, and nothing is written.
    const batch = await post('/api/v1/measurements/batch', provider, {
      items: [
        ladder(daysAgo(1), 13, { referralId }),
        ladder('2099-01-01', 3, { referralId }),
        ladder(daysAgo(21), 3, { referralId }),
        ladder(daysAgo(1), 3, { referralId: notStarted }),
        { ...ladder(daysAgo(1), 3), referralId: 'not-a-uuid' },
      ],
    }).expect(200);
    expect(batch.body.results.map((r: { status: number }) => r.status)).toEqual([400, 422, 422, 422, 400]);
    const foreignBatch = await post('/api/v1/measurements/batch', otherProvider, {
      items: [ladder(daysAgo(1), 3, { referralId })],
    }).expect(200);
    expect(foreignBatch.body.results[0]).toMatchObject({ status: 404 });

    expect(await counts()).toEqual(before);
  });

  it('judges each batch item alone: good ones are stored next to refused ones', async () => {
    const a = await h.course();
    const b = await h.course();
    const res = await post('/api/v1/measurements/batch', provider, {
      items: [
        ladder(daysAgo(5), 3, { referralId: a }),
        ladder(daysAgo(5), 99, { referralId: a }),
        ladder(daysAgo(4), 6, { referralId: b }),
        { referralId: b, scale: 'LADDER_12' },
        ladder(daysAgo(3), 4, { referralId: a }),
      ],
    }).expect(200);
    expect(res.body.results.map((r: { status: number; sequence?: number }) => [r.status, r.sequence])).toEqual([
      [201, 1],
      [400, undefined],
      [201, 1],
      [400, undefined],
      [201, 2],
    ]);
    expect(res.body.results[3].problem.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['measuredAt', 'values', 'assessor']),
    );
    expect(await h.dataSource.manager.countBy(MeasurementEntity, { referralId: a })).toBe(2);
    // A measurement dated before the series' latest is refused (numbers follow the dates).
    const late = await post(`/api/v1/referrals/${a}/measurements`, provider, ladder(daysAgo(4), 5)).expect(422);
    expect(late.body.errors[0].message).toMatch(/supersedes/);
  });

  it('keeps professional and citizen assessments side by side; a correction supersedes without erasing', async () => {
    const referralId = await h.course();
    const url = `/api/v1/referrals/${referralId}/measurements`;
    const professional = await post(url, provider, ladder(daysAgo(7), 5)).expect(201);
    await post(url, provider, ladder(daysAgo(7), 8, { assessor: 'CITIZEN' })).expect(201);
    const correction = await post(url, provider, ladder(daysAgo(7), 6, { supersedes: professional.body.id })).expect(
      201,
    );
    expect(correction.body).toMatchObject({ sequence: 1, supersedes: professional.body.id });
    await post(url, provider, ladder(daysAgo(7), 7, { supersedes: professional.body.id })).expect(409);

    const list = await get(`${url}?includeSuperseded=true`, jobcenter).expect(200);
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items.find((m: { id: string }) => m.id === professional.body.id).supersededBy).toBe(
      correction.body.id,
    );
    const effective = await get(url, provider).expect(200);
    expect(effective.body.items).toHaveLength(2);
    expect(effective.body.sideBySide).toEqual([
      expect.objectContaining({
        scale: 'LADDER_12',
        sequence: 1,
        professional: expect.objectContaining({ id: correction.body.id, values: { step: 6 } }),
        citizen: expect.objectContaining({ values: { step: 8 } }),
        disagreements: [{ dimension: 'step', professional: 6, citizen: 8 }],
      }),
    ]);
    const [referral] = (await entities(jobcenter, [referralId]).expect(200)).body.data._entities;
    expect(referral.latestLevel).toBe(6);

    await expectEventually(() => {
      const corrected = probe
        .withKey(referralId)
        .map((m) => decodeEvent('progression.events.v1.MeasurementRecorded', m.value))
        .find((e) => e.measurementId === correction.body.id);
      expect(corrected?.supersedesId).toBe(professional.body.id);
    });
  });

  it('reads measurements for the jobcenter of the municipality; others get 404 or nothing, analysts 403', async () => {
    const referralId = await h.course();
    await post(`/api/v1/referrals/${referralId}/measurements`, provider, ladder(daysAgo(2), 9)).expect(201);
    await get(`/api/v1/referrals/${referralId}/measurements`, jobcenter).expect(200);
    await get(`/api/v1/referrals/${referralId}/measurements`, otherJobcenter).expect(404);
    await get(`/api/v1/referrals/${referralId}/measurements`, otherProvider).expect(404);
    await get(`/api/v1/referrals/${referralId}/measurements`, analyst).expect(403);
    await h.http.get(`/api/v1/referrals/${referralId}/measurements`).expect(401);

    const [hidden] = (await entities(otherProvider, [referralId]).expect(200)).body.data._entities;
    expect(hidden).toEqual({ id: referralId, latestLevel: null, measurements: [] });
    const forbidden = await entities(analyst, [referralId]).expect(200);
    expect(forbidden.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const anonymous = await h.http.post('/graphql').send({ query: '{ scales { code } }' }).expect(200);
    expect(anonymous.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('publishes a new scale version as admin; old measurements keep their version', async () => {
    const referralId = await h.course();
    const url = `/api/v1/referrals/${referralId}/measurements`;
    await post(url, provider, ladder(daysAgo(9), 3)).expect(201);
    const current = (await get('/api/v1/scales/LADDER_12', admin).expect(200)).body.items;
    const latest = current[current.length - 1];
    const levels = [
      ...latest.dimensions[0].levels,
      { value: 13, code: 'EDUCATION_STARTED', label: 'Påbegyndt uddannelse' },
    ];
    const publishBody = {
      code: 'LADDER_12',
      name: 'Progressionstrappe (13 trin)',
      dimensions: [{ ...latest.dimensions[0], levels }],
    };
    await post('/api/v1/scales', provider, publishBody).expect(403);
    const published = await post('/api/v1/scales', admin, publishBody).expect(201);
    expect(published.body.version).toBe(latest.version + 1);
    const bad = await post('/api/v1/scales', admin, {
      ...publishBody,
      dimensions: [{ ...publishBody.dimensions[0], levels: [...levels].reverse() }],
    }).expect(400);
    expect(bad.body.errors[0].field).toMatch(/^dimensions\[0\]\.levels\[\d+\]\.value$/);

    const newer = await post(url, provider, ladder(daysAgo(8), 13)).expect(201);
    expect(newer.body).toMatchObject({ scaleVersion: published.body.version, sequence: 2 });
    await post(url, provider, ladder(daysAgo(8), 13, { scaleVersion: 1 })).expect(400);
    const list = await get(url, provider).expect(200);
    expect(list.body.items.map((m: { scaleVersion: number }) => m.scaleVersion)).toEqual([1, published.body.version]);
  });

  it('takes reports to the caseworker with the citizen disagreeing; the jobcenter and the writing provider read them', async () => {
    const referralId = await h.course({ startDate: daysAgo(40) });
    const report = {
      kind: 'STATUS',
      period: { from: daysAgo(30), to: daysAgo(1) },
      sections: {
        attentionPoints: {
          ownLabourMarketPerspective: 'Ønsker job på lager; har været i praktik 10 timer om ugen.',
          health: 'Møder stabilt; har ikke haft fravær i perioden.',
        },
        resourceProfile: { workExperience: 'Tre års erfaring fra detailhandel.' },
      },
      citizenDisagrees: true,
      citizenComment: 'Jeg mener, jeg kan arbejde flere timer.',
    };
    const res = await post(`/api/v1/referrals/${referralId}/reports`, provider, report).expect(201);
    expect(res.body).toMatchObject({ kind: 'STATUS', citizenDisagrees: true, period: report.period });
    expect(res.headers.location).toBe(`/api/v1/reports/${res.body.id}`);

    await get(`/api/v1/reports/${res.body.id}`, jobcenter).expect(200);
    await get(`/api/v1/reports/${res.body.id}`, provider).expect(200);
    await get(`/api/v1/reports/${res.body.id}`, otherProvider).expect(404);
    await get(`/api/v1/reports/${res.body.id}`, otherJobcenter).expect(404);
    await get(`/api/v1/reports/${res.body.id}`, analyst).expect(403);
    const audited = await h.dataSource.manager.findBy(AuditRecord, { resourceIds: ArrayContains([res.body.id]) });
    expect(audited.map((a) => `${a.actorRole}:${a.action}:${a.resourceType}`).sort()).toEqual([
      'jobcenter:read:report',
      'provider:read:report',
    ]);
    const list = await get(`/api/v1/referrals/${referralId}/reports`, jobcenter).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].sections.attentionPoints.health).toMatch(/stabilt/);

    const before = await h.dataSource.manager.count(ReportEntity);
    await post(`/api/v1/referrals/${referralId}/reports`, provider, { ...report, period: undefined }).expect(400);
    await post(`/api/v1/referrals/${referralId}/reports`, provider, {
      kind: 'ENTRY',
      sections: { summary: 'Kun resumé' },
    }).expect(400);
    await post(`/api/v1/referrals/${referralId}/reports`, otherProvider, report).expect(404);
    await post(`/api/v1/referrals/${referralId}/reports`, jobcenter, report).expect(403);
    const notStarted = await h.course({ until: 'ACCEPTED' });
    await post(`/api/v1/referrals/${notStarted}/reports`, provider, { ...report, kind: 'ENTRY' }).expect(422);
    expect(await h.dataSource.manager.count(ReportEntity)).toBe(before);

    await expectEventually(() => {
      const event = probe
        .withKey(referralId)
        .find((m) => m.headers.ce_type === 'progression.events.v1.ReportSubmitted');
      expect(event).toBeDefined();
      expect(decodeEvent('progression.events.v1.ReportSubmitted', event!.value)).toMatchObject({
        reportId: res.body.id,
        kind: 'STATUS',
        citizenDisagrees: true,
      });
    });
  });

  it('records a measurement by GraphQL mutation with the same rules and field errors as REST', async () => {
    const referralId = await h.course();
    const mutation = `mutation ($referralId: ID!, $input: RecordMeasurementInput!) {
      recordMeasurement(referralId: $referralId, input: $input) { id sequence scale measuredAt assessor values { dimension level } }
    }`;
    const input = (step: number, measuredAt = daysAgo(3)) => ({
      scale: 'LADDER_12',
      measuredAt,
      assessor: 'PROFESSIONAL',
      values: [{ dimension: 'step', level: step }],
    });
    const ok = await post('/graphql', provider, { query: mutation, variables: { referralId, input: input(8) } }).expect(
      200,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.recordMeasurement).toMatchObject({ sequence: 1, values: [{ dimension: 'step', level: 8 }] });

    const before = await counts();
    const outside = await post('/graphql', provider, { query: mutation, variables: { referralId, input: input(99) } });
    expect(outside.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      status: 400,
      errors: [{ field: 'values.step', message: expect.any(String) }],
    });
    const future = await post('/graphql', provider, {
      query: mutation,
      variables: { referralId, input: input(3, '2099-01-01') },
    });
    expect(future.body.errors[0].extensions).toMatchObject({ status: 422 });
    const foreign = await post('/graphql', otherProvider, {
      query: mutation,
      variables: { referralId, input: input(3) },
    });
    expect(foreign.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const jobcenterWrites = await post('/graphql', jobcenter, {
      query: mutation,
      variables: { referralId, input: input(3) },
    });
    expect(jobcenterWrites.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await counts()).toEqual(before);
  });

  it('numbers concurrent writers of one course without gaps or duplicates', async () => {
    const referralId = await h.course();
    const today = todayInCopenhagen();
    const single = (step: number) =>
      post(`/api/v1/referrals/${referralId}/measurements`, provider, ladder(today, step)).expect(201);
    const batch = (step: number) =>
      post('/api/v1/measurements/batch', provider, {
        items: [ladder(today, step, { referralId }), ladder(today, step + 1, { referralId })],
      }).expect(200);
    await Promise.all([single(1), batch(2), single(4), batch(5), single(7), batch(8)]);
    const rows = await h.dataSource.manager.find(MeasurementEntity, {
      where: { referralId },
      order: { sequence: 'ASC' },
    });
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('dead-letters a referral event it cannot use and goes on with the next', async () => {
    const dlq = await probeFromNow(h.kafka, 'referrals.events.v1.dlq');
    const broken = crypto.randomUUID();
    const producer = h.kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'referrals.events.v1',
      messages: [
        {
          key: broken,
          value: Buffer.from([0xff, 0xff, 0x01]),
          headers: { ce_id: broken, ce_type: 'referrals.events.v1.ReferralReceived', ce_source: 'test' },
        },
      ],
    });
    await producer.disconnect();
    const next = await h.course();
    expect(next).toBeDefined();
    const [letter] = await expectEventually(() => {
      const found = dlq.messages.filter((m) => m.headers.ce_id === broken);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(letter.headers.dlq_consumer).toMatch(/^progression-test-/);
    expect(letter.headers.dlq_error).toMatch(/ReferralReceived/);
    await dlq.stop();
  });

  it('submits a report by GraphQL mutation with the same rules as REST', async () => {
    const referralId = await h.course({ startDate: daysAgo(10) });
    const mutation = `mutation ($referralId: ID!, $input: SubmitReportInput!) {
      submitReport(referralId: $referralId, input: $input) {
        id kind citizenDisagrees period { from to } sections { attentionPoints { health } resourceProfile { education } }
      }
    }`;
    const input = {
      kind: 'ENTRY',
      sections: { attentionPoints: { health: 'Ingen fravær' }, resourceProfile: { education: '9. klasse' } },
      citizenDisagrees: true,
      citizenComment: 'Uenig i vurderingen af helbred',
    };
    const ok = await post('/graphql', provider, { query: mutation, variables: { referralId, input } }).expect(200);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.submitReport).toMatchObject({
      kind: 'ENTRY',
      citizenDisagrees: true,
      period: null,
      sections: { attentionPoints: { health: 'Ingen fravær' }, resourceProfile: { education: '9. klasse' } },
    });
    const before = await h.dataSource.manager.count(ReportEntity);
    const empty = await post('/graphql', provider, {
      query: mutation,
      variables: { referralId, input: { kind: 'STATUS', sections: {} } },
    });
    expect(empty.body.errors[0].extensions).toMatchObject({ status: 400 });
    const foreign = await post('/graphql', otherProvider, { query: mutation, variables: { referralId, input } });
    expect(foreign.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.dataSource.manager.count(ReportEntity)).toBe(before);
  });

  it('replays an Idempotency-Key: one measurement, one event', async () => {
    const referralId = await h.course();
    const send = () =>
      post(`/api/v1/referrals/${referralId}/measurements`, provider, ladder(todayInCopenhagen(), 4)).set(
        'idempotency-key',
        `measure-${referralId}`,
      );
    const first = await send().expect(201);
    const second = await send().expect(201);
    expect(second.body).toEqual(first.body);
    expect(await h.dataSource.manager.countBy(MeasurementEntity, { referralId })).toBe(1);
  });

  it('serves the OpenAPI document the contract gate checked in (contracts/openapi.json, ADR 0060)', async () => {
    await checkOpenApiSnapshot(h.app.getHttpServer());
  });

  it('serves the subgraph SDL checked in for the supergraph (services/progression/schema.graphql)', async () => {
    await checkSubgraphSchema(h.app.getHttpServer(), 'progression');
  });
});
