import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkOpenApiSnapshot, checkSubgraphSchema } from '@platform/testing';
import { startReporting, type ReportingHarness } from './harness';

jest.setTimeout(60_000);

// The gateway composes a static supergraph from the checked-in SDLs; this fails when the live SDL drifts.
// Regenerate with `npm run supergraph` (UPDATE_SCHEMAS=1).
describe('reporting subgraph SDL', () => {
  let h: ReportingHarness;

  beforeAll(async () => {
    h = await startReporting();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves the OpenAPI document the contract gate checked in (contracts/openapi.json, ADR 0060)', async () => {
    await checkOpenApiSnapshot(h.app.getHttpServer());
  });

  it('has its SDL checked in for the supergraph', async () => {
    await checkSubgraphSchema(h.app.getHttpServer(), 'reporting');
    const sdl = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(sdl).toContain('type Referral @key(fields: "id")');
    // The fields of KpiFilter in API.md's order, read past their descriptions.
    const withoutDescriptions = sdl.replace(/^\s*"""[\s\S]*?"""\s*$|^\s*"[^\n]*"\s*$/gm, '');
    expect(withoutDescriptions).toMatch(
      /input KpiFilter \{\s*municipalityCode: String\s*providerId: String\s*offerId: ID\s*targetGroup: TargetGroup\s*from: Date\s*to: Date\s*\}/,
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
