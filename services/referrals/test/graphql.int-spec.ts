import { todayInCopenhagen } from '@platform/domain-kernel';
import { ReferralBuilder, checkOpenApiSnapshot, checkSubgraphSchema } from '@platform/testing';
import { startReferrals, type ReferralsHarness } from './harness';

interface Connection<N = { id: string }> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions: { code: string; status?: number; type?: string; errors?: unknown[] } }[];
}

const REFERRAL_FIELDS =
  'id externalRef status providerId municipalityCode targetGroup exitStatus citizenPseudonym history { status by reason }';

describe('referrals subgraph (GraphQL)', () => {
  let h: ReferralsHarness;
  let jobcenter: string;
  let provider: string;

  const gql = async <T = Record<string, unknown>>(token: string | undefined, query: string, variables = {}) => {
    const call = h.http.post('/graphql').send({ query, variables });
    if (token) void call.set('authorization', `Bearer ${token}`);
    const response = await call;
    return { status: response.status, body: response.body as GraphQLResponse<T> };
  };

  const create = async () => {
    const input = ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).build();
    const { body } = await gql<{ createReferral: { id: string; status: string } }>(
      jobcenter,
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { ${REFERRAL_FIELDS} } }`,
      { input },
    );
    expect(body.errors).toBeUndefined();
    return body.data!.createReferral;
  };

  beforeAll(async () => {
    h = await startReferrals();
    jobcenter = await h.token('jobcenter', '101');
    provider = await h.token('provider', h.provider.id);
  });
  afterAll(() => h.close());

  it('serves the SDL that is checked in for the supergraph', async () => {
    await checkSubgraphSchema(h.app.getHttpServer(), 'referrals');
  });

  it('serves the OpenAPI document the contract gate checked in (contracts/openapi.json, ADR 0060)', async () => {
    await checkOpenApiSnapshot(h.app.getHttpServer());
  });

  it('stops parsing a document over the token cap at once, even sent to the subgraph directly (ADR 0070)', async () => {
    const started = performance.now();
    const { status, body } = await gql(jobcenter, `{ referrals { edges { node { ${'id '.repeat(8000)}} } } }`);
    const ms = performance.now() - started;

    expect(status).toBe(400);
    expect(body.errors?.[0].message).toMatch(/Document contains more tha[nt] 2000 tokens/);
    // Without the cap the 8000 repeated fields take seconds of validation on the subgraph's only thread.
    expect(ms).toBeLessThan(500);
  });

  it('creates a referral by mutation and reads it back, with tenancy as in REST', async () => {
    const created = await create();
    expect(created).toMatchObject({ status: 'RECEIVED', municipalityCode: '101', providerId: h.provider.id });
    const query = `query($id: ID!) { referral(id: $id) { ${REFERRAL_FIELDS} } }`;

    const mine = await gql<{ referral: { id: string; history: unknown[] } }>(provider, query, { id: created.id });
    expect(mine.body.data!.referral).toMatchObject({ id: created.id, history: [{ status: 'RECEIVED' }] });

    const other = await gql(await h.token('provider', h.otherProvider.id), query, { id: created.id });
    expect(other.body).toEqual({ data: { referral: null } });

    const otherMunicipality = await gql(await h.token('jobcenter', '147'), query, { id: created.id });
    expect(otherMunicipality.body).toEqual({ data: { referral: null } });

    const analyst = await gql(await h.token('analyst', '101'), query, { id: created.id });
    expect(analyst.body.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(analyst.body.data?.referral ?? null).toBeNull();

    const anonymous = await gql(undefined, query, { id: created.id });
    expect(anonymous.body.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('runs transitions as mutations and refuses illegal ones with the REST problem type', async () => {
    const created = await create();
    const accepted = await gql<{ acceptReferral: { status: string } }>(
      provider,
      'mutation($id: ID!) { acceptReferral(id: $id) { status history { status } } }',
      { id: created.id },
    );
    expect(accepted.body.data!.acceptReferral.status).toBe('ACCEPTED');

    const again = await gql(provider, 'mutation($id: ID!) { acceptReferral(id: $id) { status } }', { id: created.id });
    expect(again.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', type: '/problems/invalid-transition' });
  });

  it('proposes and approves a change request by mutation, which changes the course plan', async () => {
    const created = await create();
    for (const step of [
      'mutation($id: ID!) { acceptReferral(id: $id) { status } }',
      'mutation($id: ID!, $today: Date!) { startCourse(id: $id, input: { startDate: $today }) { status } }',
    ]) {
      expect((await gql(provider, step, { id: created.id, today: todayInCopenhagen() })).body.errors).toBeUndefined();
    }
    const proposed = await gql<{ proposeChange: { id: string; status: string } }>(
      provider,
      'mutation($id: ID!) { proposeChange(referralId: $id, input: { kind: CHANGE_HOURS, hoursPerWeek: 20, reason: "Klar til flere timer" }) { id status } }',
      { id: created.id },
    );
    expect(proposed.body.data!.proposeChange.status).toBe('PENDING');
    const approved = await gql<{ approveChangeRequest: { status: string; decidedBy: string } }>(
      jobcenter,
      'mutation($id: ID!) { approveChangeRequest(id: $id) { status decidedBy } }',
      { id: proposed.body.data!.proposeChange.id },
    );
    expect(approved.body.data!.approveChangeRequest.status).toBe('APPROVED');
    const after = await gql<{ referral: { hoursPerWeek: number } }>(
      jobcenter,
      'query($id: ID!) { referral(id: $id) { hoursPerWeek } }',
      {
        id: created.id,
      },
    );
    expect(after.body.data!.referral.hoursPerWeek).toBe(20);
  });

  it('answers invalid input with field-level errors and writes nothing', async () => {
    const input = ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).build();
    const before = await h.dataSource.query('SELECT count(*)::int AS n FROM referrals.referral');
    const { body } = await gql(
      jobcenter,
      'mutation($input: CreateReferralInput!) { createReferral(input: $input) { id } }',
      { input: { ...input, citizen: { ...input.citizen, cpr: '3213901234' }, hoursPerWeek: 99 } },
    );
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    const fields = (body.errors?.[0].extensions.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['citizen.cpr', 'hoursPerWeek']);
    expect(await h.dataSource.query('SELECT count(*)::int AS n FROM referrals.referral')).toEqual(before);

    const badId = await gql(jobcenter, '{ referral(id: "not-a-uuid") { id } }');
    expect(badId.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('gives every node of a list page the history and outcomes that referral(id) gives, loaded per page', async () => {
    const today = todayInCopenhagen();
    const since = new Date().toISOString();
    const run = async (id: string, steps: string[]) => {
      for (const step of steps) {
        const token = step.startsWith('cancel') ? jobcenter : provider;
        const withToday = step.includes('$today');
        const { body } = await gql(
          token,
          `mutation($id: ID!${withToday ? ', $today: Date!' : ''}) { ${step} }`,
          withToday ? { id, today } : { id },
        );
        expect(body.errors).toBeUndefined();
      }
    };
    const received = await create();
    const rejected = await create();
    await run(rejected.id, ['rejectReferral(id: $id, input: { reason: NO_CAPACITY, comment: "Fuldt" }) { id }']);
    const started = await create();
    await run(started.id, [
      'acceptReferral(id: $id, input: { expectedStart: $today }) { id }',
      'startCourse(id: $id, input: { startDate: $today }) { id }',
      'pauseCourse(id: $id, input: { from: $today, reason: "Operation" }) { id }',
      'resumeCourse(id: $id, input: { date: $today }) { id }',
    ]);
    const completed = await create();
    await run(completed.id, [
      'acceptReferral(id: $id) { id }',
      'startCourse(id: $id, input: { startDate: $today }) { id }',
      'completeCourse(id: $id, input: { endDate: $today, endReason: GOT_JOB, exitStatus: SMALL_JOB }) { id }',
    ]);
    const cancelled = await create();
    await run(cancelled.id, ['cancelReferral(id: $id, input: { reason: WRONG_REFERRAL }) { id }']);
    const ids = [received, rejected, started, completed, cancelled].map((r) => r.id);

    const DETAILS =
      'id status history { action status at by byRole byName reason comment } outcomes { horizon dueDate status observedAt }';
    type Node = { id: string; history: { action: string }[]; outcomes: unknown[] };
    const nodes: Node[] = [];
    const pages: Connection<Node>['pageInfo'][] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const response: { body: GraphQLResponse<{ referrals: Connection<Node> }> } = await gql<{
        referrals: Connection<Node>;
      }>(
        jobcenter,
        `query($after: String, $since: String) { referrals(first: 3, after: $after, filter: { updatedSince: $since, providerId: "${h.provider.id}" }) { edges { cursor node { ${DETAILS} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        { after, since },
      );
      expect(response.body.errors).toBeUndefined();
      const { edges, pageInfo } = response.body.data!.referrals;
      nodes.push(...edges.map((edge) => edge.node));
      pages.push(pageInfo);
      expect(pageInfo.startCursor).toBe(edges[0]?.cursor ?? null);
      expect(pageInfo.endCursor).toBe(edges.at(-1)?.cursor ?? null);
      expect(pageInfo.hasPreviousPage).toBe(after !== null);
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(nodes.map((node) => node.id)).toEqual(expect.arrayContaining(ids));
    expect(pages.length).toBeGreaterThan(1);

    for (const node of nodes) {
      const single = await gql<{ referral: Node }>(jobcenter, `query($id: ID!) { referral(id: $id) { ${DETAILS} } }`, {
        id: node.id,
      });
      expect(node).toEqual(single.body.data!.referral);
    }
    const byId = new Map(nodes.map((node) => [node.id, node]));
    expect(byId.get(received.id)!.history.map((e) => e.action)).toEqual(['create']);
    expect(byId.get(completed.id)!.history.length).toBeGreaterThan(3);
    expect(byId.get(completed.id)!.outcomes.length).toBeGreaterThan(0);
    expect(nodes.every((node) => node.history.length > 0)).toBe(true);
  });

  it('pages referrals Relay-style and resolves Referral entities for other subgraphs', async () => {
    const ids = [(await create()).id, (await create()).id, (await create()).id];
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const response: { body: GraphQLResponse<{ referrals: Connection }> } = await gql<{ referrals: Connection }>(
        jobcenter,
        'query($after: String) { referrals(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const { edges, pageInfo } = response.body.data!.referrals;
      seen.push(...edges.map((edge) => edge.node.id));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(new Set(seen).size).toBe(seen.length);

    const entities = await gql<{ _entities: ({ id: string; status: string } | null)[] }>(
      provider,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id status } } }',
      { r: [{ __typename: 'Referral', id: ids[0] }] },
    );
    expect(entities.body.data!._entities).toEqual([{ id: ids[0], status: 'RECEIVED' }]);
  });
});
