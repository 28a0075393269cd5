import { AuditRecord } from '@platform/audit';
import { itFollowsTheTenancyTable, type GraphqlRow, type RestRow, type TenancyFixture } from '@platform/testing';
import { startProgression, type ProgressionHarness } from './harness';

jest.setTimeout(120_000);

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const ALL_ROLES = ['jobcenter', 'provider', 'analyst', 'admin'] as const;

/**
 * Every route and GraphQL field of progression × every caller (ADR 0052): the expected answers follow from each
 * row's rule through libs/auth's tenancy rule set; the table must list exactly what the app registers.
 */
describe('progression tenancy, one table for REST and GraphQL', () => {
  let h: ProgressionHarness;
  let fixture: TenancyFixture;
  let referralId: string;
  let reportId: string;
  let measurementId: string;

  const measurement = (day: number) => ({
    scale: 'LADDER_12',
    measuredAt: daysAgo(day),
    values: { step: 3 },
    assessor: 'PROFESSIONAL',
    note: 'Helbred: træt om morgenen',
  });
  const report = () => ({
    kind: 'STATUS',
    period: { from: daysAgo(30), to: daysAgo(1) },
    sections: { attentionPoints: { health: 'Møder stabilt.' } },
  });

  beforeAll(async () => {
    h = await startProgression();
    referralId = await h.course({ municipalityCode: '101', providerId: h.provider, startDate: daysAgo(40) });
    const provider = await h.token('provider', h.provider);
    const post = (url: string, body: object) =>
      h.http.post(url).set('authorization', `Bearer ${provider}`).send(body).expect(201);
    measurementId = (await post(`/api/v1/referrals/${referralId}/measurements`, measurement(20))).body.id;
    reportId = (await post(`/api/v1/referrals/${referralId}/reports`, report())).body.id;
    fixture = {
      http: h.http,
      owner: { municipalityCode: '101', providerId: h.provider },
      otherProvider: h.otherProvider,
    };
  });

  afterAll(async () => {
    await h?.close();
  });

  const rest = (): RestRow[] => [
    { route: 'GET /api/v1/scales', rule: { roles: ALL_ROLES }, ok: 200 },
    { route: 'GET /api/v1/scales/:code', url: '/api/v1/scales/LADDER_12', rule: { roles: ALL_ROLES }, ok: 200 },
    // Admin only; an empty body is enough: the role is judged before the body (admins get 400).
    { route: 'POST /api/v1/scales', rule: { roles: ['admin'] }, body: () => ({}) },
    {
      route: 'GET /api/v1/referrals/:id/measurements',
      url: `/api/v1/referrals/${referralId}/measurements`,
      rule: { course: 'read' },
      ok: 200,
    },
    {
      route: 'GET /api/v1/measurements/:id',
      url: `/api/v1/measurements/${measurementId}`,
      rule: { course: 'read' },
      ok: 200,
    },
    {
      route: 'POST /api/v1/referrals/:id/measurements',
      url: `/api/v1/referrals/${referralId}/measurements`,
      rule: { course: 'write-as-provider' },
      body: () => measurement(10),
    },
    {
      route: 'POST /api/v1/measurements/batch',
      rule: { roles: ['provider', 'admin'] },
      ok: 200,
      body: () => ({ items: [{ ...measurement(9), referralId }] }),
      item: {
        rule: { course: 'write-as-provider' },
        status: (body) => (body as { results: { status: number }[] }).results[0].status,
      },
    },
    {
      route: 'GET /api/v1/referrals/:id/reports',
      url: `/api/v1/referrals/${referralId}/reports`,
      rule: { course: 'read' },
      ok: 200,
    },
    { route: 'GET /api/v1/reports/:reportId', url: `/api/v1/reports/${reportId}`, rule: { course: 'read' }, ok: 200 },
    {
      route: 'POST /api/v1/referrals/:id/reports',
      url: `/api/v1/referrals/${referralId}/reports`,
      rule: { course: 'write-as-provider' },
      body: report,
    },
  ];

  const entity = (selection: string, pick: (referral: Record<string, unknown>) => unknown) => ({
    query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { ${selection} } } }`,
    variables: () => ({ r: [{ __typename: 'Referral', id: referralId }] }),
    pick: (data: Record<string, unknown> | null | undefined) =>
      pick((data?._entities as Record<string, unknown>[] | undefined)?.[0] ?? {}),
  });

  const graphql = (): GraphqlRow[] => [
    { field: 'Referral.__resolveReference', rule: { public: true }, ...entity('id', (r) => r.id) },
    {
      field: 'Referral.measurements',
      rule: { course: 'read' },
      ...entity('measurements { id note }', (r) => r.measurements),
    },
    { field: 'Referral.latestLevel', rule: { course: 'read' }, ...entity('latestLevel', (r) => r.latestLevel) },
    {
      field: 'Query.scales',
      rule: { roles: ALL_ROLES },
      query: '{ scales { code } }',
      pick: (data) => data?.scales,
    },
    {
      field: 'Mutation.recordMeasurement',
      rule: { course: 'write-as-provider' },
      mutation: true,
      query:
        'mutation ($id: ID!, $input: RecordMeasurementInput!) { recordMeasurement(referralId: $id, input: $input) { id } }',
      variables: () => ({
        id: referralId,
        input: { ...measurement(8), values: [{ dimension: 'step', level: 4 }] },
      }),
      pick: (data) => data?.recordMeasurement,
    },
    {
      field: 'Mutation.submitReport',
      rule: { course: 'write-as-provider' },
      mutation: true,
      query: 'mutation ($id: ID!, $input: SubmitReportInput!) { submitReport(referralId: $id, input: $input) { id } }',
      variables: () => ({ id: referralId, input: report() }),
      pick: (data) => data?.submitReport,
    },
  ];

  itFollowsTheTenancyTable(() => ({ app: h.app, fixture, rest: rest(), graphql: graphql() }));

  it('left one audit row in one format for each admitted read of health data, REST and GraphQL alike', async () => {
    const rows = await h.dataSource.manager.find(AuditRecord, { order: { id: 'ASC' } });
    const admitted = ['admin:', 'jobcenter:101', `provider:${h.provider}`];
    const reads = (operation: string) =>
      rows
        .filter((row) => row.operation === operation)
        .map((row) => `${row.actorRole}:${row.actorOrg}`)
        .sort();
    // The fixture's own reads happen through the tables only (the set-up writes, it does not read).
    for (const operation of [
      'Referral.measurements',
      'Referral.latestLevel',
      'GET /api/v1/referrals/:id/measurements',
      'GET /api/v1/referrals/:id/reports',
      'GET /api/v1/reports/:reportId',
    ]) {
      expect([operation, reads(operation)]).toEqual([operation, admitted]);
    }
    for (const row of rows) {
      expect(row).toMatchObject({ action: 'read', referralId });
      expect(row.resourceIds.length).toBeGreaterThan(0);
      expect(row.actorSub).toMatch(/^tenancy-/);
    }
  });
});
