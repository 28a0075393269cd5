import { todayInCopenhagen } from '@platform/domain-kernel';
import { expectEventually, PlatformClient, startStack, tokenFor, type Stack } from '@platform/testing';

jest.setTimeout(180_000);

// Seed 002's practice study: ten completed courses and their exit status.
const PRACTICE_STUDY = [
  ...Array<string>(6).fill('OTHER_PUBLIC_BENEFIT'),
  'FLEX_JOB',
  'FLEX_JOB',
  'UNEMPLOYED',
  'DISABILITY_PENSION',
];

// Issue 6's acceptance, through the gateway with every service running as a process.
describe('reporting through the gateway', () => {
  let stack: Stack;
  let client: PlatformClient;
  let actors: Awaited<ReturnType<PlatformClient['actors']>>;

  beforeAll(async () => {
    stack = await startStack();
    client = new PlatformClient(stack.gateway);
    actors = await client.actors();
    const { jobcenter, provider } = actors;
    for (const exitStatus of PRACTICE_STUDY) {
      const id = await client.startedCourse(jobcenter, provider);
      const completed = await client.rest('POST', `/api/v1/referrals/${id}/complete`, provider.token, {
        endDate: todayInCopenhagen(),
        endReason: exitStatus === 'UNEMPLOYED' ? 'PLANNED_END' : 'NEEDS_OTHER_SUPPORT',
        exitStatus,
      });
      expect(completed.status).toBe(200);
    }
  });
  afterAll(() => stack?.stop());

  it('gives exactly the practice study distribution within seconds of the last event', async () => {
    const query = `query($filter: KpiFilter!) { exitStatusDistribution(filter: $filter) { status count share } }`;
    const filter = { municipalityCode: '101', providerId: actors.provider.id };
    await expectEventually(
      async () => {
        const result = await client.graphql<{
          exitStatusDistribution: { status: string; count: number; share: number }[];
        }>(actors.jobcenter, query, { filter });
        expect(result.errors).toBeUndefined();
        const counts = Object.fromEntries(result.data!.exitStatusDistribution.map((s) => [s.status, s.count]));
        expect(counts).toEqual({ OTHER_PUBLIC_BENEFIT: 6, FLEX_JOB: 2, UNEMPLOYED: 1, DISABILITY_PENSION: 1 });
        const shares = Object.fromEntries(result.data!.exitStatusDistribution.map((s) => [s.status, s.share]));
        expect(shares.OTHER_PUBLIC_BENEFIT).toBeCloseTo(0.6);
      },
      { timeoutMs: 15_000 },
    );
    // An analyst gets the cells of 5 courses or more; the others are suppressed (ADR 0071).
    const analyst = await client.graphql<{ exitStatusDistribution: { status: string; count: number | null }[] }>(
      actors.analyst,
      `query($filter: KpiFilter!) { exitStatusDistribution(filter: $filter) { status count suppressed } }`,
      { filter },
    );
    expect(analyst.errors).toBeUndefined();
    expect(Object.fromEntries(analyst.data!.exitStatusDistribution.map((s) => [s.status, s.count]))).toEqual({
      OTHER_PUBLIC_BENEFIT: 6,
      FLEX_JOB: null,
      UNEMPLOYED: null,
      DISABILITY_PENSION: null,
    });
  });

  it('counts the courses in the provider KPIs, with the job-or-education share computed by hand', async () => {
    const result = await client.graphql<{ providerKpis: Record<string, unknown>[] }>(
      actors.jobcenter,
      'query($filter: KpiFilter!) { providerKpis(filter: $filter) { providerId received accepted started completed jobOrEducationShareAtEnd } }',
      { filter: { providerId: actors.provider.id } },
    );
    expect(result.errors).toBeUndefined();
    // FLEX_JOB counts as job or education (DOMAIN.md): 2 of 10.
    expect(result.data!.providerKpis).toEqual([
      {
        providerId: actors.provider.id,
        received: 10,
        accepted: 10,
        started: 10,
        completed: 10,
        jobOrEducationShareAtEnd: 0.2,
      },
    ]);
  });

  it('streams the pseudonymised CSV export through the gateway, and keeps other tenants out', async () => {
    const response = await fetch(`${stack.gateway}/api/v1/reports/courses.csv?providerId=${actors.provider.id}`, {
      headers: { authorization: `Bearer ${actors.analyst}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\n');
    expect(lines).toHaveLength(1 + PRACTICE_STUDY.length);
    expect(lines[0]).not.toMatch(/cpr|citizenName/i);
    expect(lines.join('\n')).not.toContain('Test Borger');

    const otherAnalyst = await client.rest(
      'GET',
      '/api/v1/reports/courses.csv?municipalityCode=101',
      await tokenFor('analyst', '147'),
    );
    expect(otherAnalyst.status).toBe(403);
    const otherProvider = await client.graphql<{ providerKpis: unknown[] }>(
      actors.otherProvider.token,
      'query($filter: KpiFilter!) { providerKpis(filter: $filter) { providerId } }',
      { filter: { providerId: actors.provider.id } },
    );
    expect(otherProvider.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
