import { AuditRecord } from '@platform/audit';
import { todayInCopenhagen } from '@platform/domain-kernel';
import {
  itFollowsTheTenancyTable,
  ReferralBuilder,
  type GraphqlRow,
  type RestRow,
  type TenancyFixture,
} from '@platform/testing';
import { startReferrals, type ReferralsHarness } from './harness';

jest.setTimeout(120_000);

const ALL_ROLES = ['jobcenter', 'provider', 'analyst', 'admin'] as const;
const READERS = ['jobcenter', 'provider', 'admin'] as const;

/**
 * Every route and GraphQL field of referrals × every caller (ADR 0052): the expected answers follow from each
 * row's rule through libs/auth's tenancy rule set; the table must list exactly what the app registers.
 */
describe('referrals tenancy, one table for REST and GraphQL', () => {
  let h: ReferralsHarness;
  let fixture: TenancyFixture;
  /** Walked through its transitions by the table. */
  let referralId: string;
  /** Accepted, with a pending change request. */
  let crReferralId: string;
  let crId: string;
  const today = todayInCopenhagen();

  const newReferral = () => ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).build();

  beforeAll(async () => {
    h = await startReferrals();
    const jobcenter = await h.token('jobcenter', '101');
    const provider = await h.token('provider', h.provider.id);
    const post = (token: string, url: string, body: object, status: number) =>
      h.http.post(url).set('authorization', `Bearer ${token}`).send(body).expect(status);
    referralId = (await post(jobcenter, '/api/v1/referrals', newReferral(), 201)).body.id;
    crReferralId = (await post(jobcenter, '/api/v1/referrals', newReferral(), 201)).body.id;
    await post(provider, `/api/v1/referrals/${crReferralId}/accept`, {}, 200);
    crId = (
      await post(
        provider,
        `/api/v1/referrals/${crReferralId}/change-requests`,
        {
          kind: 'EXTEND',
          newEndDate: '2027-06-30',
          reason: 'Mere tid',
        },
        201,
      )
    ).body.id;
    fixture = {
      http: h.http,
      owner: { municipalityCode: '101', providerId: h.provider.id },
      otherProvider: h.otherProvider.id,
    };
  });

  afterAll(async () => {
    await h?.close();
  });

  // A jobcenter naming another municipality in the body is 403 (ADR 0052), not the 404 of a resource it reached.
  const namesOtherMunicipality = { 'jobcenter other': 403 } as const;
  const transitions: [string, () => object][] = [
    ['accept', () => ({ expectedStart: today })],
    ['start', () => ({ startDate: today })],
    ['pause', () => ({ from: today, reason: 'Sygdom' })],
    ['resume', () => ({ date: today })],
    ['complete', () => ({ endDate: today, endReason: 'GOT_JOB', exitStatus: 'SMALL_JOB' })],
    ['reject', () => ({ reason: 'NO_CAPACITY' })],
  ];
  const outcome = () => ({ horizon: 'END_PLUS_3M', status: 'FLEX_JOB', observedAt: today });
  const change = () => ({ kind: 'EXTEND', newEndDate: '2027-06-30', reason: 'Mere tid' });

  const rest = (): RestRow[] => [
    // Admin only; an empty body is enough: the role is judged before the body (admins get 400).
    { route: 'POST /api/v1/providers', rule: { roles: ['admin'] }, body: () => ({}) },
    { route: 'POST /api/v1/offers', rule: { roles: ['admin'] }, body: () => ({}) },
    { route: 'GET /api/v1/providers', rule: { roles: ALL_ROLES }, ok: 200 },
    { route: 'GET /api/v1/offers', rule: { roles: ALL_ROLES }, ok: 200 },
    {
      route: 'POST /api/v1/referrals',
      rule: { course: 'write-as-jobcenter' },
      body: newReferral,
      ok: 201,
      overrides: namesOtherMunicipality,
    },
    {
      route: 'POST /api/v1/referrals/batch',
      rule: { roles: ['jobcenter', 'admin'] },
      body: () => ({ items: [newReferral()] }),
      ok: 200,
      item: {
        rule: { course: 'write-as-jobcenter' },
        status: (body) => (body as { results: { status: number }[] }).results[0].status,
        overrides: namesOtherMunicipality,
      },
    },
    { route: 'GET /api/v1/referrals', rule: { roles: READERS }, ok: 200 },
    { route: 'GET /api/v1/referrals/:id', url: `/api/v1/referrals/${referralId}`, rule: { course: 'read' }, ok: 200 },
    ...transitions.map(([action, body]): RestRow => ({
      route: `POST /api/v1/referrals/:id/${action}`,
      url: `/api/v1/referrals/${referralId}/${action}`,
      rule: { course: 'write-as-provider' },
      body,
    })),
    {
      route: 'POST /api/v1/referrals/:id/outcomes',
      url: `/api/v1/referrals/${referralId}/outcomes`,
      rule: { course: 'write-as-jobcenter' },
      body: outcome,
    },
    {
      route: 'POST /api/v1/referrals/:id/cancel',
      url: `/api/v1/referrals/${referralId}/cancel`,
      rule: { course: 'write-as-jobcenter' },
      body: () => ({ reason: 'CASE_CLOSED' }),
    },
    {
      route: 'GET /api/v1/referrals/:id/change-requests',
      url: `/api/v1/referrals/${crReferralId}/change-requests`,
      rule: { course: 'read' },
      ok: 200,
    },
    {
      route: 'POST /api/v1/referrals/:id/change-requests',
      url: `/api/v1/referrals/${crReferralId}/change-requests`,
      rule: { course: 'write-as-provider' },
      body: change,
    },
    {
      route: 'GET /api/v1/change-requests/:crId',
      url: `/api/v1/change-requests/${crId}`,
      rule: { course: 'read' },
      ok: 200,
    },
    ...['approve', 'reject'].map((decision): RestRow => ({
      route: `POST /api/v1/change-requests/:crId/${decision}`,
      url: `/api/v1/change-requests/${crId}/${decision}`,
      rule: { course: 'write-as-jobcenter' },
      body: () => ({}),
    })),
  ];

  const mutation = (
    name: string,
    rule: GraphqlRow['rule'],
    signature: string,
    call: string,
    variables: () => Record<string, unknown>,
  ): GraphqlRow => ({
    field: `Mutation.${name}`,
    rule,
    mutation: true,
    query: `mutation (${signature}) { ${name}(${call}) { id } }`,
    variables,
    pick: (data) => data?.[name],
  });

  const graphql = (): GraphqlRow[] => [
    {
      field: 'Query.referral',
      rule: { course: 'read' },
      query: 'query ($id: ID!) { referral(id: $id) { id status } }',
      variables: () => ({ id: referralId }),
      pick: (data) => data?.referral,
    },
    {
      field: 'Query.referrals',
      rule: { roles: READERS },
      scopedList: true,
      query: '{ referrals(first: 5) { edges { node { id } } } }',
      pick: (data) => (data?.referrals as { edges?: unknown[] } | undefined)?.edges,
    },
    {
      field: 'Referral.__resolveReference',
      rule: { course: 'read' },
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id status } } }',
      variables: () => ({ r: [{ __typename: 'Referral', id: referralId }] }),
      pick: (data) => (data?._entities as unknown[] | undefined)?.[0],
    },
    {
      ...mutation(
        'createReferral',
        { course: 'write-as-jobcenter' },
        '$input: CreateReferralInput!',
        'input: $input',
        () => ({ input: newReferral() }),
      ),
      overrides: { 'jobcenter other': 'FORBIDDEN' },
    },
    ...(
      [
        ['acceptReferral', 'AcceptReferralInput', () => ({ expectedStart: today })],
        ['startCourse', 'StartCourseInput!', () => ({ startDate: today })],
        ['pauseCourse', 'PauseCourseInput!', () => ({ from: today, reason: 'Sygdom' })],
        ['resumeCourse', 'ResumeCourseInput!', () => ({ date: today })],
        [
          'completeCourse',
          'CompleteCourseInput!',
          () => ({ endDate: today, endReason: 'GOT_JOB', exitStatus: 'SMALL_JOB' }),
        ],
        ['rejectReferral', 'RejectReferralInput!', () => ({ reason: 'NO_CAPACITY' })],
      ] as const
    ).map(([name, input, body]) =>
      mutation(name, { course: 'write-as-provider' }, `$id: ID!, $input: ${input}`, 'id: $id, input: $input', () => ({
        id: referralId,
        input: body(),
      })),
    ),
    mutation(
      'recordOutcome',
      { course: 'write-as-jobcenter' },
      '$id: ID!, $input: RecordOutcomeInput!',
      'id: $id, input: $input',
      () => ({ id: referralId, input: outcome() }),
    ),
    mutation(
      'cancelReferral',
      { course: 'write-as-jobcenter' },
      '$id: ID!, $input: CancelReferralInput!',
      'id: $id, input: $input',
      () => ({ id: referralId, input: { reason: 'CASE_CLOSED' } }),
    ),
    mutation(
      'proposeChange',
      { course: 'write-as-provider' },
      '$id: ID!, $input: ProposeChangeInput!',
      'referralId: $id, input: $input',
      () => ({ id: crReferralId, input: change() }),
    ),
    ...['approveChangeRequest', 'rejectChangeRequest'].map((name) =>
      mutation(name, { course: 'write-as-jobcenter' }, '$id: ID!', 'id: $id', () => ({ id: crId })),
    ),
  ];

  itFollowsTheTenancyTable(() => ({ app: h.app, fixture, rest: rest(), graphql: graphql() }));

  it('left one audit row for each admitted read of the referral with its citizen, and none for GraphQL’s pseudonymised view', async () => {
    const rows = await h.dataSource.manager.find(AuditRecord);
    const admitted = ['admin:', 'jobcenter:101', `provider:${h.provider.id}`];
    const reads = rows.filter((row) => row.operation === 'GET /api/v1/referrals/:id');
    expect(reads.map((row) => `${row.actorRole}:${row.actorOrg}`).sort()).toEqual(admitted);
    // Writes that answer with the citizen (REST transitions) are reads too; refused callers leave nothing.
    for (const row of rows) {
      expect(admitted).toContain(`${row.actorRole}:${row.actorOrg}`);
      expect(row).toMatchObject({ action: 'read', resourceType: 'referral' });
      expect(row.resourceIds).toEqual([row.referralId]);
    }
    expect(
      rows.some((row) => row.operation.startsWith('GraphQL') || /^(Query|Mutation|Referral)\./.test(row.operation)),
    ).toBe(false);
  });
});
