import { randomUUID } from 'node:crypto';
import { makeValidCvr } from '@platform/domain-kernel';
import { itFollowsTheTenancyTable, type GraphqlRow, type RestRow, type TenancyFixture } from '@platform/testing';
import { startReporting, type ReportingHarness } from './harness';

jest.setTimeout(120_000);

const ALL_ROLES = ['jobcenter', 'provider', 'analyst', 'admin'] as const;
const READERS = ['jobcenter', 'provider', 'admin'] as const;
const PROVIDER = makeValidCvr('5200001');
const OTHER_PROVIDER = makeValidCvr('5200002');

/**
 * Every route and GraphQL field of reporting × every caller (ADR 0052). Reports are aggregates: a tenant named in
 * a filter that is not the caller's is 403 (the caller typed it), analysts read their municipality's aggregates
 * but no per-course list or course summary.
 */
describe('reporting tenancy, one table for REST and GraphQL', () => {
  let h: ReportingHarness;
  let fixture: TenancyFixture;
  const referralId = randomUUID();

  beforeAll(async () => {
    h = await startReporting();
    // The course the projection would hold after ReferralReceived, seeded directly (reporting's own table).
    await h.dataSource.query(
      `INSERT INTO reporting.course_fact (referral_id, municipality_code, provider_id, received_date, start_date)
       VALUES ($1, '101', $2, '2026-09-01', '2026-09-10')`,
      [referralId, PROVIDER],
    );
    fixture = {
      http: h.http(),
      owner: { municipalityCode: '101', providerId: PROVIDER },
      otherProvider: OTHER_PROVIDER,
    };
  });

  afterAll(async () => {
    await h?.close();
  });

  // The filters name municipality 101 and the fixture's provider: the other jobcenter and the other provider
  // named a tenant that is not theirs (403); analysts of 101 may name their own municipality.
  const namesOthers = { 'jobcenter other': 403, 'provider other': 403 } as const;
  const namesOtherMunicipality = { 'jobcenter other': 'FORBIDDEN' } as const;

  const rest = (): RestRow[] => [
    {
      route: 'GET /api/v1/reports/outcomes-due',
      url: `/api/v1/reports/outcomes-due?municipalityCode=101&providerId=${PROVIDER}`,
      rule: { roles: READERS },
      ok: 200,
      overrides: namesOthers,
    },
    {
      route: 'GET /api/v1/reports/courses.csv',
      url: '/api/v1/reports/courses.csv?municipalityCode=101',
      rule: { roles: ['analyst', 'admin'] },
      ok: 200,
    },
  ];

  const kpi = (field: string, selection: string): GraphqlRow => ({
    field: `Query.${field}`,
    rule: { roles: ALL_ROLES },
    scopedList: true,
    query: `{ ${field}(filter: { municipalityCode: "101" }) { ${selection} } }`,
    pick: (data) => data?.[field],
    overrides: namesOtherMunicipality,
  });

  const graphql = (): GraphqlRow[] => [
    kpi('providerKpis', 'providerId'),
    kpi('exitStatusDistribution', 'count'),
    kpi('progressionCurve', 'sequence'),
    kpi('progressionCurvesByCategory', 'category'),
    {
      field: 'Query.outcomesDue',
      rule: { roles: READERS },
      query: `{ outcomesDue(municipalityCode: "101", providerId: "${PROVIDER}") { edges { node { referralId } } pageInfo { hasNextPage } } }`,
      pick: (data) => data?.outcomesDue,
      overrides: { 'jobcenter other': 'FORBIDDEN', 'provider other': 'FORBIDDEN' },
    },
    {
      field: 'Referral.__resolveReference',
      rule: { public: true },
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id } } }',
      variables: () => ({ r: [{ __typename: 'Referral', id: referralId }] }),
      pick: (data) => (data?._entities as unknown[] | undefined)?.[0],
    },
    {
      field: 'Referral.courseSummary',
      rule: { course: 'read' },
      query:
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { courseSummary { placements } } } }',
      variables: () => ({ r: [{ __typename: 'Referral', id: referralId }] }),
      pick: (data) => (data?._entities as { courseSummary?: unknown }[] | undefined)?.[0]?.courseSummary,
    },
  ];

  itFollowsTheTenancyTable(() => ({ app: h.app, fixture, rest: rest(), graphql: graphql() }));
});
