import fc from 'fast-check';
import { startReporting, type ReportingHarness } from './harness';

jest.setTimeout(120_000);

// Whatever a client sends to the reports, the answer is a 2xx or a 4xx problem (never a 500) and nothing changes.
describe('reporting refuses bad input with 4xx, never 500', () => {
  let h: ReportingHarness;
  let analyst: string;
  let admin: string;

  beforeAll(async () => {
    h = await startReporting();
    analyst = await h.token('analyst', '101');
    admin = await h.token('admin');
  });
  afterAll(async () => {
    await h?.close();
  });

  const value = fc.oneof(
    fc.string(),
    fc.constantFrom('101', '147', '12345678', '2025-01-01', '2025-02-30', 'CASH_BENEFIT', '', '%00', "' OR 1=1 --"),
    fc.uuid(),
    fc.integer().map(String),
  );
  const key = fc.constantFrom(
    'municipalityCode',
    'providerId',
    'offerId',
    'targetGroup',
    'from',
    'to',
    'asOf',
    'withinDays',
    'limit',
    'cursor',
    'unknown',
  );

  it('REST: the export and the due list', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 4 }), fc.boolean(), async (query, csv) => {
        const path = csv ? '/api/v1/reports/courses.csv' : '/api/v1/reports/outcomes-due';
        const res = await h
          .http()
          .get(path)
          .query(query)
          .set('authorization', `Bearer ${csv ? analyst : admin}`);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
      }),
      { numRuns: 60 },
    );
  });

  it('GraphQL: KpiFilter variables and arguments', async () => {
    const filter = fc.dictionary(
      fc.constantFrom('municipalityCode', 'providerId', 'offerId', 'targetGroup', 'from', 'to', 'extra'),
      fc.oneof(value, fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(filter, fc.oneof(fc.constantFrom('AT_END', 'END_PLUS_3M'), fc.string()), async (f, horizon) => {
        const res = await h
          .http()
          .post('/graphql')
          .set('authorization', `Bearer ${analyst}`)
          .send({
            query: `query($f: KpiFilter!, $h: OutcomeHorizon!) { providerKpis(filter: $f) { providerId }
              exitStatusDistribution(filter: $f, horizon: $h) { status } progressionCurve(filter: $f) { sequence } }`,
            variables: { f, h: horizon },
          });
        expect(res.status).toBeLessThan(500);
        for (const error of (res.body.errors ?? []) as { extensions?: { code?: string; status?: number } }[]) {
          expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
          expect(error.extensions?.code).not.toBe('INTERNAL');
        }
      }),
      { numRuns: 60 },
    );
  });
});
