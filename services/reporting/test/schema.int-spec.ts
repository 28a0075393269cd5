import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReporting, type ReportingHarness } from './harness';

jest.setTimeout(60_000);

// The gateway composes a static supergraph from the checked-in SDLs; this fails when the live SDL drifts.
// Regenerate with UPDATE_SDL=1.
describe('reporting subgraph SDL', () => {
  let h: ReportingHarness;
  const file = join(__dirname, '..', 'schema.graphql');

  beforeAll(async () => {
    h = await startReporting();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('matches services/reporting/schema.graphql', async () => {
    const res = await h.http().post('/graphql').send({ query: '{ _service { sdl } }' }).expect(200);
    const sdl: string = res.body.data._service.sdl;
    if (process.env.UPDATE_SDL === '1') writeFileSync(file, sdl.trimEnd() + '\n');
    expect(sdl.trimEnd() + '\n').toBe(readFileSync(file, 'utf8'));
    expect(sdl).toContain('type Referral @key(fields: "id")');
    expect(sdl).toMatch(
      /input KpiFilter \{[^}]*municipalityCode: String[^}]*offerId: ID[^}]*targetGroup: TargetGroup/s,
    );
  });

  it('answers GraphQL without a token with 401-coded errors, and serves OpenAPI and health', async () => {
    const res = await h.http().post('/graphql').send({ query: '{ providerKpis(filter: {}) { providerId } }' });
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    const spec = await h.http().get('/api/openapi.json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/reports/courses.csv', '/api/v1/reports/outcomes-due']),
    );
    const health = await h.http().get('/health').expect(200);
    expect(health.body.checks).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
  });
});
