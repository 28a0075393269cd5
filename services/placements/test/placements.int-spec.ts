import { ArrayContains } from 'typeorm';
import { AuditRecord } from '@platform/audit';
import { decodeEvent, PLACEMENTS_TOPIC } from '@platform/contracts';
import { pendingSchemaChanges } from '@platform/persistence';
import { expectEventually, TopicProbe } from '@platform/testing';
import { LogbookEntryEntity } from '../src/placements/logbook-entry.entity';
import { startPlacements, validPlacement, type PlacementsHarness } from './harness';

jest.setTimeout(60_000);

describe('placements service on real PostgreSQL and Kafka', () => {
  let h: PlacementsHarness;
  let probe: TopicProbe;
  let provider: string;
  let otherProvider: string;
  let jobcenter: string;
  let otherJobcenter: string;
  let analyst: string;
  let referralId: string;
  let placementId: string;

  beforeAll(async () => {
    h = await startPlacements();
    probe = await new TopicProbe(h.kafka, [PLACEMENTS_TOPIC]).start();
    provider = await h.token('provider', h.provider);
    otherProvider = await h.token('provider', h.otherProvider);
    jobcenter = await h.token('jobcenter', '101');
    otherJobcenter = await h.token('jobcenter', '147');
    analyst = await h.token('analyst', '101');
    referralId = await h.startedCourse();
  });

  afterAll(async () => {
    await probe?.stop();
    await h?.close();
  });

  const post = (url: string, token: string, body: object) =>
    h.http.post(url).set('authorization', `Bearer ${token}`).send(body);
  const get = (url: string, token: string) => h.http.get(url).set('authorization', `Bearer ${token}`);

  it('serves OpenAPI 3.1 and health with database and Kafka; its migrations cover every entity', async () => {
    const spec = await h.http.get('/api/openapi.json').expect(200);
    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/referrals/{id}/placements',
        '/api/v1/placements/{id}',
        '/api/v1/placements/{id}/hours',
        '/api/v1/placements/{id}/follow-ups',
        '/api/v1/placements/{id}/logbook',
        '/api/v1/placements/{id}/end',
      ]),
    );
    const health = await h.http.get('/health').expect(200);
    expect(health.body.checks).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
    expect(await pendingSchemaChanges(h.dataSource)).toEqual([]);
  });

  it('an internship for a started referral: hours raised twice, part converted to paid hours, follow-ups, logbook', async () => {
    const created = await post(`/api/v1/referrals/${referralId}/placements`, provider, validPlacement()).expect(201);
    placementId = created.body.id;
    expect(created.headers.location).toBe(`/api/v1/placements/${placementId}`);
    expect(created.body).toMatchObject({
      referralId,
      type: 'INTERNSHIP',
      status: 'ACTIVE',
      hoursPerWeek: 4,
      paidHoursPerWeek: 0,
      flags: [],
      employer: { name: 'Bageriet ApS', pNumber: '1012345678' },
      agreement: { followUp: { citizenEveryDays: 7, employerEveryDays: 14 }, daysPerWeek: 2 },
    });

    const first = await post(`/api/v1/placements/${placementId}/hours`, provider, {
      effectiveFrom: '2026-10-19',
      hoursPerWeek: 6,
      reason: 'Timeoptrapning: stabilt fremmøde',
    }).expect(200);
    expect(first.body.hoursPerWeek).toBe(6);
    const second = await post(`/api/v1/placements/${placementId}/hours`, provider, {
      effectiveFrom: '2026-11-02',
      hoursPerWeek: 10,
      reason: 'Timeoptrapning: tre dage om ugen',
    }).expect(200);
    expect(second.body).toMatchObject({ hoursPerWeek: 10, paidHoursPerWeek: 0, type: 'INTERNSHIP' });

    const converted = await post(`/api/v1/placements/${placementId}/conversions`, provider, {
      effectiveFrom: '2026-11-16',
      paidHoursPerWeek: 3,
      reason: 'Arbejdsgiver ansætter 3 løntimer om ugen',
    }).expect(200);
    expect(converted.body).toMatchObject({
      type: 'HYBRID',
      initialType: 'INTERNSHIP',
      hoursPerWeek: 10,
      paidHoursPerWeek: 3,
      internshipHoursPerWeek: 7,
    });

    await post(`/api/v1/placements/${placementId}/follow-ups`, provider, {
      date: '2026-10-12',
      mode: 'PHONE',
      participants: ['CITIZEN'],
      attendancePct: 90,
      effectivenessPct: 40,
      observations: { attendance: 'Møder til tiden', motivation: 'Glad for opgaverne' },
    }).expect(201);
    const followUp = await post(`/api/v1/placements/${placementId}/follow-ups`, provider, {
      date: '2026-11-09',
      mode: 'ON_SITE',
      participants: ['CITIZEN', 'EMPLOYER', 'CASEWORKER'],
      attendancePct: 95,
      effectivenessPct: 55,
      observations: {
        attendance: 'Fuldt fremmøde',
        tasksAndWorkCapacity: 'Klarer opfyldning selvstændigt',
        motivation: 'Høj',
        accommodationsAndQualityOfLife: 'Skånehensyn overholdes',
        citizenAndEmployerViews: 'Begge ønsker løntimer',
      },
      nextFollowUp: '2026-11-23',
    }).expect(201);
    expect(followUp.body.followUps).toHaveLength(2);
    // The three-party meeting on 9 November resets both rhythms; the agreed next date brings the citizen's forward.
    expect(followUp.body.followUpsDue).toEqual([
      expect.objectContaining({ party: 'CITIZEN', lastDate: '2026-11-09', dueDate: '2026-11-16' }),
      expect.objectContaining({ party: 'EMPLOYER', lastDate: '2026-11-09', dueDate: '2026-11-23' }),
    ]);

    // Sent twice with the same Idempotency-Key (a retry): one set of entries, the same answer.
    const logbook = {
      entries: [
        { date: '2026-10-06', hoursWorked: 2, sick: false, leftEarly: false, tasks: ['Opfyldning'] },
        { date: '2026-10-08', hoursWorked: 1, sick: false, leftEarly: true, leftEarlyReason: 'Hovedpine' },
      ],
    };
    const logged = await post(`/api/v1/placements/${placementId}/logbook`, provider, logbook)
      .set('idempotency-key', `logbook-${placementId}`)
      .expect(201);
    const retry = await post(`/api/v1/placements/${placementId}/logbook`, provider, logbook)
      .set('idempotency-key', `logbook-${placementId}`)
      .expect(201);
    expect(retry.body).toEqual(logged.body);
    expect(await h.dataSource.manager.countBy(LogbookEntryEntity, { placementId })).toBe(2);

    const view = await get(`/api/v1/placements/${placementId}`, provider).expect(200);
    expect(view.body).toMatchObject({ type: 'HYBRID', hoursPerWeek: 10, paidHoursPerWeek: 3 });
    expect(view.body.hoursHistory.map((h: { kind: string; hoursPerWeek: number }) => [h.kind, h.hoursPerWeek])).toEqual(
      [
        ['START', 4],
        ['CHANGE', 6],
        ['CHANGE', 10],
        ['CONVERSION', 10],
      ],
    );
    expect(view.body.logbook).toEqual([
      expect.objectContaining({ date: '2026-10-06', hoursWorked: 2, leftEarly: false }),
      expect.objectContaining({ date: '2026-10-08', leftEarly: true, leftEarlyReason: 'Hovedpine' }),
    ]);
    // The jobcenter of the referral's municipality reads it, and the read of personal data is audit-logged.
    await get(`/api/v1/placements/${placementId}`, jobcenter).expect(200);
    expect(
      await h.dataSource.manager.countBy(AuditRecord, {
        resourceIds: ArrayContains([placementId]),
        referralId,
        actorOrg: '101',
        action: 'read',
        operation: 'GET /api/v1/placements/:id',
      }),
    ).toBe(1);
    const list = await get(`/api/v1/referrals/${referralId}/placements`, jobcenter).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([placementId]);
  });

  it('another provider and another jobcenter get 404 for all of it; analysts 403; a jobcenter may not write', async () => {
    for (const token of [otherProvider, otherJobcenter]) {
      await get(`/api/v1/placements/${placementId}`, token).expect(404);
      await get(`/api/v1/referrals/${referralId}/placements`, token).expect(404);
    }
    const before = await get(`/api/v1/placements/${placementId}`, provider).expect(200);
    const writes: [string, object][] = [
      [`/api/v1/referrals/${referralId}/placements`, validPlacement()],
      [`/api/v1/placements/${placementId}/hours`, { effectiveFrom: '2026-11-20', hoursPerWeek: 12, reason: 'x' }],
      [
        `/api/v1/placements/${placementId}/conversions`,
        { effectiveFrom: '2026-11-20', paidHoursPerWeek: 5, reason: 'x' },
      ],
      [
        `/api/v1/placements/${placementId}/follow-ups`,
        { date: '2026-11-10', mode: 'PHONE', participants: ['CITIZEN'], observations: {} },
      ],
      [
        `/api/v1/placements/${placementId}/logbook`,
        { entries: [{ date: '2026-11-10', hoursWorked: 1, sick: false, leftEarly: false }] },
      ],
      [`/api/v1/placements/${placementId}/end`, { endDate: '2026-11-20', reason: 'OTHER' }],
    ];
    for (const [url, body] of writes) {
      const res = await post(url, otherProvider, body);
      expect([url, res.status]).toEqual([url, 404]);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await post(url, jobcenter, body)).status).toBe(403);
      expect((await post(url, analyst, body)).status).toBe(403);
    }
    await get(`/api/v1/placements/${placementId}`, analyst).expect(403);
    await get(`/api/v1/referrals/${referralId}/placements`, analyst).expect(403);
    const after = await get(`/api/v1/placements/${placementId}`, provider).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('resolves _entities for a Referral with its placement, current hours and history; none for another provider', async () => {
    const query = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Referral { id placements { id type hoursPerWeek paidHoursPerWeek exceedsCourseHours
          hoursHistory { kind effectiveFrom hoursPerWeek paidHoursPerWeek }
          followUps { date mode attendancePct } logbook { date hoursWorked } } }
      }
    }`;
    const variables = { representations: [{ __typename: 'Referral', id: referralId }] };
    const res = await h.http
      .post('/graphql')
      .set('authorization', `Bearer ${provider}`)
      .send({ query, variables })
      .expect(200);
    expect(res.body.errors).toBeUndefined();
    const [referral] = res.body.data._entities;
    expect(referral.id).toBe(referralId);
    expect(referral.placements).toHaveLength(1);
    expect(referral.placements[0]).toMatchObject({
      id: placementId,
      type: 'HYBRID',
      hoursPerWeek: 10,
      paidHoursPerWeek: 3,
      exceedsCourseHours: false,
    });
    expect(referral.placements[0].hoursHistory).toHaveLength(4);
    expect(referral.placements[0].followUps).toHaveLength(2);

    const denied = await h.http
      .post('/graphql')
      .set('authorization', `Bearer ${otherProvider}`)
      .send({ query, variables })
      .expect(200);
    // Another tenant's course has no placements here (REST: 404), as Query.placement answers null (ADR 0052).
    expect(denied.body.errors).toBeUndefined();
    expect(denied.body.data._entities[0].placements).toEqual([]);
    const placement = await h.http
      .post('/graphql')
      .set('authorization', `Bearer ${otherProvider}`)
      .send({ query: `{ placement(id: "${placementId}") { id } }` })
      .expect(200);
    expect(placement.body.errors).toBeUndefined();
    expect(placement.body.data.placement).toBeNull();
    const anonymous = await h.http.post('/graphql').send({ query, variables }).expect(200);
    expect(anonymous.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  it('GraphQL mutations mirror the REST writes, with the same rules and tenancy', async () => {
    const course = await h.startedCourse();
    const gql = (token: string, query: string, variables: object) =>
      h.http.post('/graphql').set('authorization', `Bearer ${token}`).send({ query, variables }).expect(200);
    const created = await gql(
      provider,
      `mutation ($referralId: ID!, $input: CreatePlacementInput!) {
        createPlacement(referralId: $referralId, input: $input) { id type hoursPerWeek agreement { followUp { citizenEveryDays } } }
      }`,
      { referralId: course, input: validPlacement() },
    );
    expect(created.body.errors).toBeUndefined();
    const id: string = created.body.data.createPlacement.id;
    expect(created.body.data.createPlacement).toMatchObject({ type: 'INTERNSHIP', hoursPerWeek: 4 });
    const converted = await gql(
      provider,
      `mutation ($id: ID!, $input: ConvertPlacementHoursInput!) {
        convertPlacementHours(id: $id, input: $input) { type hoursPerWeek paidHoursPerWeek hoursHistory { kind } }
      }`,
      { id, input: { effectiveFrom: '2026-10-12', paidHoursPerWeek: 4, reason: 'Ansat i alle timer' } },
    );
    expect(converted.body.data.convertPlacementHours).toEqual({
      type: 'SMALL_JOB',
      hoursPerWeek: 4,
      paidHoursPerWeek: 4,
      hoursHistory: [{ kind: 'START' }, { kind: 'CONVERSION' }],
    });
    const logbook = await gql(
      provider,
      `mutation ($id: ID!, $input: PlacementLogbookInput!) { addPlacementLogbookEntries(id: $id, input: $input) { logbook { date sick } } }`,
      { id, input: { entries: [{ date: '2026-10-06', hoursWorked: 0, sick: true, leftEarly: false }] } },
    );
    expect(logbook.body.data.addPlacementLogbookEntries.logbook).toEqual([{ date: '2026-10-06', sick: true }]);
    const denied = await gql(
      otherProvider,
      `mutation ($id: ID!, $input: EndPlacementInput!) { endPlacement(id: $id, input: $input) { id } }`,
      { id, input: { endDate: '2026-10-20', reason: 'OTHER' } },
    );
    expect(denied.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const read = await gql(jobcenter, `query ($id: ID!) { placement(id: $id) { id status referral { id } } }`, { id });
    expect(read.body.data.placement).toEqual({ id, status: 'ACTIVE', referral: { id: course } });
    const forbidden = await gql(
      jobcenter,
      `mutation ($id: ID!, $input: EndPlacementInput!) { endPlacement(id: $id, input: $input) { id } }`,
      { id, input: { endDate: '2026-10-20', reason: 'OTHER' } },
    );
    expect(forbidden.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });

  it('concurrent placements above the course hours are allowed but flagged, in the response and in the view', async () => {
    const res = await post(
      `/api/v1/referrals/${referralId}/placements`,
      provider,
      validPlacement({
        type: 'SMALL_JOB',
        internal: true,
        employer: { cvr: h.provider, name: 'Egen virksomhed' },
        startDate: '2026-11-02',
        plannedEndDate: undefined,
        hoursPerWeek: 4,
        paidHoursPerWeek: 4,
      }),
    ).expect(201);
    expect(res.body.flags).toEqual(['HOURS_EXCEED_COURSE']);
    expect(res.body.concurrency).toEqual({
      combinedHoursPerWeek: 14,
      courseHoursPerWeek: 12,
      exceedsCourseHours: true,
    });
    const first = await get(`/api/v1/placements/${placementId}`, provider).expect(200);
    expect(first.body.flags).toEqual(['HOURS_EXCEED_COURSE']);
  });

  it('lists overdue follow-ups per provider from the agreed rhythm', async () => {
    const res = await get('/api/v1/placements/follow-ups/overdue?asOf=2026-12-01', provider).expect(200);
    const mine = res.body.items.filter((i: { placementId: string }) => i.placementId === placementId);
    expect(mine).toEqual([
      expect.objectContaining({ party: 'CITIZEN', dueDate: '2026-11-16', daysOverdue: 15 }),
      expect.objectContaining({ party: 'EMPLOYER', dueDate: '2026-11-23', daysOverdue: 8 }),
    ]);
    const other = await get('/api/v1/placements/follow-ups/overdue?asOf=2026-12-01', otherProvider).expect(200);
    expect(other.body.items).toEqual([]);
    // The jobcenter sees them per provider; another municipality sees none.
    const forJobcenter = await get(
      `/api/v1/placements/follow-ups/overdue?asOf=2026-12-01&providerId=${h.provider}`,
      jobcenter,
    ).expect(200);
    expect(forJobcenter.body.items.map((i: { placementId: string }) => i.placementId)).toContain(placementId);
    const elsewhere = await get(`/api/v1/placements/follow-ups/overdue?asOf=2026-12-01`, otherJobcenter).expect(200);
    expect(elsewhere.body.items).toEqual([]);
    // A provider naming another provider is refused (ADR 0052: a tenant the caller names itself must be its own).
    await get(`/api/v1/placements/follow-ups/overdue?asOf=2026-12-01&providerId=${h.otherProvider}`, provider).expect(
      403,
    );
  });

  it('ends a placement with a reason; an ended placement refuses hours changes (409)', async () => {
    const ended = await post(`/api/v1/placements/${placementId}/end`, provider, {
      endDate: '2026-11-20',
      reason: 'CONVERTED_TO_JOB',
    }).expect(200);
    expect(ended.body).toMatchObject({ status: 'ENDED', endDate: '2026-11-20', endReason: 'CONVERTED_TO_JOB' });
    const res = await post(`/api/v1/placements/${placementId}/hours`, provider, {
      effectiveFrom: '2026-11-18',
      hoursPerWeek: 12,
      reason: 'x',
    }).expect(409);
    expect(res.body.type).toBe('/problems/invalid-transition');
  });

  it('publishes the placement events on placements.events.v1, keyed by the referral id, without free text', async () => {
    const types = await expectEventually(() => {
      const found = probe.withKey(referralId).map((m) => m.headers.ce_type);
      expect(found).toHaveLength(8);
      return found;
    });
    expect(types).toEqual([
      'placements.events.v1.PlacementStarted',
      'placements.events.v1.PlacementHoursChanged',
      'placements.events.v1.PlacementHoursChanged',
      'placements.events.v1.PlacementHoursChanged',
      'placements.events.v1.FollowUpRecorded',
      'placements.events.v1.FollowUpRecorded',
      'placements.events.v1.PlacementStarted',
      'placements.events.v1.PlacementEnded',
    ]);
    const messages = probe.withKey(referralId);
    const started = decodeEvent('placements.events.v1.PlacementStarted', messages[0].value);
    expect(started).toMatchObject({ placementId, referralId, type: 'INTERNSHIP', internal: false, hoursPerWeek: 4 });
    const conversion = decodeEvent('placements.events.v1.PlacementHoursChanged', messages[3].value);
    expect(conversion).toMatchObject({ effectiveFrom: '2026-11-16', hoursPerWeek: 10, paidHoursPerWeek: 3 });
    const followUp = decodeEvent('placements.events.v1.FollowUpRecorded', messages[5].value);
    expect(followUp).toMatchObject({ mode: 'ON_SITE', attendancePct: 95, effectivenessPct: 55 });
    const ended = decodeEvent('placements.events.v1.PlacementEnded', messages[7].value);
    expect(ended).toMatchObject({ placementId, endDate: '2026-11-20', reason: 'CONVERTED_TO_JOB' });
    const raw = messages.map((m) => m.value.toString('latin1')).join('');
    expect(raw).not.toContain('Hovedpine');
    expect(raw).not.toContain('Timeoptrapning');
    expect(raw).not.toContain('Skånehensyn');
  });
});
