import { checkOpenApiSnapshot, checkSubgraphSchema } from '@platform/testing';
import { startPlacements, type PlacementsHarness } from './harness';

jest.setTimeout(60_000);

/**
 * The gateway composes its static supergraph from services/placements/schema.graphql: this fails when the live SDL
 * of the placements subgraph differs from it (UPDATE_SCHEMAS=1 rewrites the file).
 */
describe('placements subgraph SDL', () => {
  let h: PlacementsHarness;

  beforeAll(async () => {
    h = await startPlacements();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('serves the OpenAPI document the contract gate checked in (contracts/openapi.json, ADR 0060)', async () => {
    await checkOpenApiSnapshot(h.app.getHttpServer());
  });

  it('serves the SDL that is checked in for the supergraph (a Federation 2 subgraph extending Referral)', async () => {
    await checkSubgraphSchema(h.app.getHttpServer(), 'placements');
    const res = await h.http.post('/graphql').send({ query: '{ _service { sdl } }' }).expect(200);
    const sdl: string = res.body.data._service.sdl;
    expect(sdl).toContain('type Referral @key(fields: "id")');
    expect(sdl).toMatch(/placements: \[Placement!\]!/);
    expect(sdl).toContain('https://specs.apollo.dev/federation/v2.3');
  });

  it('answers overdueFollowUps without providerId as REST answers GET /placements/follow-ups/overdue', async () => {
    const token = await h.token('jobcenter', '101');
    const query = (args: string) => ({ query: `{ overdueFollowUps${args} { placementId party daysOverdue } }` });
    const withoutProvider = await h.http.post('/graphql').set('authorization', `Bearer ${token}`).send(query(''));
    expect(withoutProvider.body.errors).toBeUndefined();
    expect(Array.isArray(withoutProvider.body.data.overdueFollowUps)).toBe(true);
    const rest = await h.http
      .get('/api/v1/placements/follow-ups/overdue')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(withoutProvider.body.data.overdueFollowUps.map((o: { placementId: string }) => o.placementId)).toEqual(
      rest.body.items.map((o: { placementId: string }) => o.placementId),
    );
    const badProvider = await h.http
      .post('/graphql')
      .set('authorization', `Bearer ${token}`)
      .send(query('(providerId: "123")'));
    expect(badProvider.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
