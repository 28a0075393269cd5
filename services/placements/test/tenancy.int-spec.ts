import { AuditRecord } from '@platform/audit';
import { itFollowsTheTenancyTable, type GraphqlRow, type RestRow, type TenancyFixture } from '@platform/testing';
import { startPlacements, validPlacement, type PlacementsHarness } from './harness';

jest.setTimeout(120_000);

/**
 * Every route and GraphQL field of placements × every caller (ADR 0052): the expected answers follow from each
 * row's rule through libs/auth's tenancy rule set; the table must list exactly what the app registers.
 */
describe('placements tenancy, one table for REST and GraphQL', () => {
  let h: PlacementsHarness;
  let fixture: TenancyFixture;
  let referralId: string;
  let placementId: string;

  beforeAll(async () => {
    h = await startPlacements();
    referralId = await h.startedCourse({ municipalityCode: '101', providerId: h.provider });
    const provider = await h.token('provider', h.provider);
    const created = await h.http
      .post(`/api/v1/referrals/${referralId}/placements`)
      .set('authorization', `Bearer ${provider}`)
      .send(validPlacement())
      .expect(201);
    placementId = created.body.id;
    fixture = {
      http: h.http,
      owner: { municipalityCode: '101', providerId: h.provider },
      otherProvider: h.otherProvider,
    };
  });

  afterAll(async () => {
    await h?.close();
  });

  const hours = () => ({ effectiveFrom: '2026-11-20', hoursPerWeek: 12, reason: 'tenancy' });
  const conversion = () => ({ effectiveFrom: '2026-11-20', paidHoursPerWeek: 5, reason: 'tenancy' });
  const followUp = () => ({ date: '2026-11-10', mode: 'PHONE', participants: ['CITIZEN'], observations: {} });
  const logbook = () => ({ entries: [{ date: '2026-11-10', hoursWorked: 1, sick: false, leftEarly: false }] });
  const end = () => ({ endDate: '2026-11-25', reason: 'OTHER' });

  const rest = (): RestRow[] => [
    {
      route: 'GET /api/v1/referrals/:id/placements',
      url: `/api/v1/referrals/${referralId}/placements`,
      rule: { course: 'read' },
      ok: 200,
    },
    {
      route: 'GET /api/v1/placements/:id',
      url: `/api/v1/placements/${placementId}`,
      rule: { course: 'read' },
      ok: 200,
    },
    {
      route: 'GET /api/v1/placements/follow-ups/overdue',
      url: '/api/v1/placements/follow-ups/overdue?asOf=2026-12-01',
      rule: { roles: ['jobcenter', 'provider', 'admin'] },
      ok: 200,
    },
    {
      route: 'POST /api/v1/referrals/:id/placements',
      url: `/api/v1/referrals/${referralId}/placements`,
      rule: { course: 'write-as-provider' },
      body: () => validPlacement(),
    },
    {
      route: 'POST /api/v1/placements/:id/hours',
      url: `/api/v1/placements/${placementId}/hours`,
      rule: { course: 'write-as-provider' },
      body: hours,
    },
    {
      route: 'POST /api/v1/placements/:id/conversions',
      url: `/api/v1/placements/${placementId}/conversions`,
      rule: { course: 'write-as-provider' },
      body: conversion,
    },
    {
      route: 'POST /api/v1/placements/:id/follow-ups',
      url: `/api/v1/placements/${placementId}/follow-ups`,
      rule: { course: 'write-as-provider' },
      body: followUp,
    },
    {
      route: 'POST /api/v1/placements/:id/logbook',
      url: `/api/v1/placements/${placementId}/logbook`,
      rule: { course: 'write-as-provider' },
      body: logbook,
    },
    {
      route: 'POST /api/v1/placements/:id/end',
      url: `/api/v1/placements/${placementId}/end`,
      rule: { course: 'write-as-provider' },
      body: end,
    },
    // Last: a rebuild replays the projection, which the rows above read.
    { route: 'POST /api/v1/admin/referral-projection/rebuild', rule: { roles: ['admin'] }, ok: 202 },
  ];

  const graphql = (): GraphqlRow[] => {
    const mutation = (name: string, args: string, input: () => object, idVar = placementId): GraphqlRow => ({
      field: `Mutation.${name}`,
      rule: { course: 'write-as-provider' },
      mutation: true,
      query: `mutation ($id: ID!, $input: ${args}!) { ${name}(${name === 'createPlacement' ? 'referralId' : 'id'}: $id, input: $input) { id } }`,
      variables: () => ({ id: idVar, input: input() }),
      pick: (data) => data?.[name],
    });
    return [
      {
        field: 'Query.placement',
        rule: { course: 'read' },
        query: 'query ($id: ID!) { placement(id: $id) { id } }',
        variables: () => ({ id: placementId }),
        pick: (data) => data?.placement,
      },
      {
        field: 'Placement.referral',
        rule: { course: 'read' },
        query: 'query ($id: ID!) { placement(id: $id) { referral { id } } }',
        variables: () => ({ id: placementId }),
        pick: (data) => (data?.placement as { referral?: unknown } | null | undefined)?.referral,
      },
      {
        field: 'Referral.placements',
        rule: { course: 'read' },
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { placements { id } } } }',
        variables: () => ({ r: [{ __typename: 'Referral', id: referralId }] }),
        pick: (data) => (data?._entities as { placements?: unknown }[] | undefined)?.[0]?.placements,
      },
      {
        field: 'Referral.__resolveReference',
        rule: { public: true },
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id } } }',
        variables: () => ({ r: [{ __typename: 'Referral', id: referralId }] }),
        pick: (data) => (data?._entities as unknown[] | undefined)?.[0],
      },
      {
        field: 'Query.overdueFollowUps',
        rule: { roles: ['jobcenter', 'provider', 'admin'] },
        scopedList: true,
        query: 'query { overdueFollowUps(asOf: "2026-12-01") { placementId } }',
        pick: (data) => data?.overdueFollowUps,
      },
      mutation('createPlacement', 'CreatePlacementInput', () => validPlacement(), referralId),
      mutation('changePlacementHours', 'ChangePlacementHoursInput', hours),
      mutation('convertPlacementHours', 'ConvertPlacementHoursInput', conversion),
      mutation('recordPlacementFollowUp', 'RecordFollowUpInput', followUp),
      mutation('addPlacementLogbookEntries', 'PlacementLogbookInput', logbook),
      mutation('endPlacement', 'EndPlacementInput', end),
    ];
  };

  itFollowsTheTenancyTable(() => ({ app: h.app, fixture, rest: rest(), graphql: graphql() }));

  it('left one audit row in one format for each admitted read of placement data, REST and GraphQL alike', async () => {
    const rows = await h.dataSource.manager.find(AuditRecord, { order: { id: 'ASC' } });
    const admitted = ['admin:', 'jobcenter:101', `provider:${h.provider}`];
    const reads = (operation: string) =>
      rows
        .filter((row) => row.operation === operation)
        .map((row) => `${row.actorRole}:${row.actorOrg}`)
        .sort();
    expect(reads('GET /api/v1/placements/:id')).toEqual(admitted);
    expect(reads('GET /api/v1/referrals/:id/placements')).toEqual(admitted);
    expect(reads('Referral.placements')).toEqual(admitted);
    // Query.placement is read by its own row and by the Placement.referral row.
    expect(reads('Query.placement')).toEqual([...admitted, ...admitted].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ action: 'read', referralId, resourceType: 'placement' });
      expect(row.resourceIds).toContain(placementId);
    }
  });
});
