import { randomUUID } from 'node:crypto';
import { randomCvr, startReporting, type ReportingHarness } from './harness';

jest.setTimeout(120_000);

/**
 * The disclosure rule (ADR 0071, issue 13): an analyst never obtains a figure computed from fewer than MIN_CELL_SIZE
 * (default 5) courses; the cell comes back with its figures null and `suppressed: true`. The owners see their own.
 * The read model is seeded directly (reporting's own table), so every cell size is exact.
 */
describe('minimum cell size for analysts’ aggregates', () => {
  let h: ReportingHarness;
  const large = randomCvr();
  const small = randomCvr();
  // The large provider: 12 completed courses, exit statuses 6 / 5 / 1; one outcome recorded at 3 months; LADDER_12
  // levels 3 → 5 for all (progression SOME), and one course with a third measurement of 7 (progression HIGH).
  const EXITS = [...Array<string>(6).fill('UNEMPLOYED'), ...Array<string>(5).fill('ORDINARY_JOB'), 'EDUCATION'];

  beforeAll(async () => {
    h = await startReporting();
    const insert = (provider: string, values: { exit?: string; exit3m?: string; levels?: number[] }) =>
      h.dataSource.query(
        `INSERT INTO reporting.course_fact (referral_id, municipality_code, provider_id, received_date, accepted_at,
           start_date, end_date, exit_status, exit_status_3m, level_sequences, levels, first_level, best_level,
           last_level)
         VALUES ($1, '101', $2, '2026-03-02', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          randomUUID(),
          provider,
          values.exit ? '2026-03-03T10:00:00Z' : null,
          values.exit ? '2026-03-10' : null,
          values.exit ? '2026-06-10' : null,
          values.exit ?? null,
          values.exit3m ?? null,
          values.levels ? values.levels.map((_, i) => i + 1) : [],
          values.levels ?? [],
          values.levels?.[0] ?? null,
          values.levels ? Math.max(...values.levels) : null,
          values.levels?.at(-1) ?? null,
        ],
      );
    for (const [i, exit] of EXITS.entries()) {
      await insert(large, { exit, exit3m: i === 0 ? 'EDUCATION' : undefined, levels: i === 0 ? [3, 5, 7] : [3, 5] });
    }
    // The small provider: two referrals received, nothing more.
    await insert(small, {});
    await insert(small, {});
  });
  afterAll(async () => {
    await h?.close();
  });

  const KPIS = `query($f: KpiFilter!) { providerKpis(filter: $f) { providerId suppressed received completed
    jobOrEducationShareAtEnd jobOrEducationShareAt3M outcomesRecorded3M medianDurationDays averageFirstLevel
    placementsByType { type count } } }`;
  const filter = { f: { municipalityCode: '101' } };
  type Kpi = Record<string, unknown> & { providerId: string };
  const kpis = async (token: string) => {
    const result = await h.gql<{ providerKpis: Kpi[] }>(token, KPIS, filter);
    expect(result.errors).toBeUndefined();
    return Object.fromEntries(result.data!.providerKpis.map((row) => [row.providerId, row]));
  };

  it('suppresses an analyst’s KPI row of fewer than 5 courses, and each figure computed from fewer', async () => {
    const rows = await kpis(await h.token('analyst', '101'));
    expect(rows[small]).toEqual({
      providerId: small,
      suppressed: true,
      received: null,
      completed: null,
      jobOrEducationShareAtEnd: null,
      jobOrEducationShareAt3M: null,
      outcomesRecorded3M: null,
      medianDurationDays: null,
      averageFirstLevel: null,
      placementsByType: [],
    });
    expect(rows[large]).toMatchObject({
      suppressed: false,
      received: 12,
      completed: 12,
      jobOrEducationShareAtEnd: 6 / 12,
      // One outcome recorded at 3 months: its share would be that one citizen's status.
      jobOrEducationShareAt3M: null,
      outcomesRecorded3M: 1,
      medianDurationDays: 92,
      averageFirstLevel: 3,
    });
  });

  it('shows the owners their own figures, however few (jobcenter, provider)', async () => {
    const jobcenter = await kpis(await h.token('jobcenter', '101'));
    expect(jobcenter[small]).toMatchObject({ suppressed: false, received: 2, completed: 0 });
    expect(jobcenter[large]).toMatchObject({ suppressed: false, jobOrEducationShareAt3M: 1 });
    const provider = await h.gql<{ providerKpis: Kpi[] }>(await h.token('provider', small), KPIS, {
      f: { providerId: small },
    });
    expect(provider.data?.providerKpis).toEqual([expect.objectContaining({ suppressed: false, received: 2 })]);
  });

  it('suppresses small status counts, and the next smallest so the hidden one cannot be derived', async () => {
    const query = `query($f: KpiFilter!) { exitStatusDistribution(filter: $f) { status count share suppressed } }`;
    const analyst = await h.gql<{ exitStatusDistribution: unknown[] }>(await h.token('analyst', '101'), query, filter);
    expect(analyst.errors).toBeUndefined();
    expect(analyst.data?.exitStatusDistribution).toEqual([
      { status: 'UNEMPLOYED', count: 6, share: 0.5, suppressed: false },
      { status: 'ORDINARY_JOB', count: null, share: null, suppressed: true },
      { status: 'EDUCATION', count: null, share: null, suppressed: true },
    ]);
    const admin = await h.gql<{ exitStatusDistribution: { count: number }[] }>(await h.token('admin'), query, filter);
    expect(admin.data?.exitStatusDistribution.map((cell) => cell.count)).toEqual([6, 5, 1]);
  });

  it('suppresses curve points and category curves of fewer than 5 courses', async () => {
    const analyst = await h.token('analyst', '101');
    const curve = await h.gql<{ progressionCurve: unknown[] }>(
      analyst,
      `query($f: KpiFilter!) { progressionCurve(filter: $f) { sequence averageLevel courses suppressed } }`,
      filter,
    );
    expect(curve.errors).toBeUndefined();
    expect(curve.data?.progressionCurve).toEqual([
      { sequence: 1, averageLevel: 3, courses: 12, suppressed: false },
      { sequence: 2, averageLevel: 5, courses: 12, suppressed: false },
      // Only one course has a third measurement: its level would be that course's.
      { sequence: 3, averageLevel: null, courses: null, suppressed: true },
    ]);
    const byCategory = await h.gql<{ progressionCurvesByCategory: unknown[] }>(
      analyst,
      `query($f: KpiFilter!) { progressionCurvesByCategory(filter: $f) { category courses suppressed
         points { sequence averageLevel courses suppressed } } }`,
      filter,
    );
    expect(byCategory.errors).toBeUndefined();
    expect(byCategory.data?.progressionCurvesByCategory).toEqual(
      expect.arrayContaining([
        { category: 'HIGH', courses: null, suppressed: true, points: [] },
        {
          category: 'SOME',
          courses: 11,
          suppressed: false,
          points: [
            { sequence: 1, averageLevel: 3, courses: 11, suppressed: false },
            { sequence: 2, averageLevel: 5, courses: 11, suppressed: false },
          ],
        },
      ]),
    );
    const jobcenter = await h.gql<{ progressionCurve: { courses: number }[] }>(
      await h.token('jobcenter', '101'),
      `query($f: KpiFilter!) { progressionCurve(filter: $f) { courses } }`,
      filter,
    );
    expect(jobcenter.data?.progressionCurve.map((point) => point.courses)).toEqual([12, 12, 1]);
  });
});
