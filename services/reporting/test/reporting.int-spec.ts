import { randomUUID } from 'node:crypto';
import {
  CourseCompletedSchema,
  CoursePausedSchema,
  CourseResumedSchema,
  CourseStartedSchema,
  MeasurementRecordedSchema,
  OutcomeRecordedSchema,
  PlacementHoursChangedSchema,
  PlacementStartedSchema,
  ReferralAcceptedSchema,
  ReferralReceivedSchema,
  ReportSubmittedSchema,
} from '@platform/contracts';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { pendingSchemaChanges } from '@platform/persistence';
import { metricsRegistry } from '@platform/observability';
import { expectEventually } from '@platform/testing';
import { rebuildReadModels } from '../src/projection/rebuild';
import { randomCvr, startReporting, type ReportingHarness } from './harness';

// Seed 002's practice study: ten completed courses and their exit status.
const SEED_002 = [
  ...Array<string>(6).fill('OTHER_PUBLIC_BENEFIT'),
  'FLEX_JOB',
  'FLEX_JOB',
  'UNEMPLOYED',
  'DISABILITY_PENSION',
];
// LADDER_12 levels per course, measurement 1, 2, 3…; days from referral to start.
const LEVELS = [[2, 4, 6], [3, 3], [1, 5, 9, 10], [4], [2, 2, 3], [5, 7], [6, 8, 11, 12], [3, 4, 4], [1, 1], [2, 6, 7]];
const DAYS_TO_START = [5, 10, 12, 7, 20, 3, 9, 15, 11, 8];

const KPIS = `query($f: KpiFilter!) { providerKpis(filter: $f) { providerId received accepted rejected started completed
  cancelled jobOrEducationShareAtEnd medianDaysToStart startedOnTimeShare placements placementsInternal
  placementsExternal conversionsToPaidHours placementsByType { type count } averageFirstLevel averageBestLevel
  averageLastLevel jobOrEducationShareAt3M outcomesRecorded3M } }`;
const DISTRIBUTION = `query($f: KpiFilter!, $h: OutcomeHorizon! = AT_END) {
  exitStatusDistribution(filter: $f, horizon: $h) { status count share } }`;
const CURVE = `query($f: KpiFilter!) { progressionCurve(filter: $f) { sequence averageLevel courses }
  progressionCurvesByCategory(filter: $f) { category courses points { sequence averageLevel courses } } }`;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

jest.setTimeout(120_000);

describe('reporting projections and reports on real PostgreSQL and Kafka', () => {
  let h: ReportingHarness;
  let admin: string;
  const provider = randomCvr();
  const filter = { providerId: provider, from: '2025-01-01', to: '2025-12-31' };
  const courses = SEED_002.map(() => randomUUID());
  const placementId = randomUUID();
  // Events of the first courses, kept to send them again.
  const sent = {} as {
    completed: { id: string; init: MessageInitShape<typeof CourseCompletedSchema> };
    measurement: { id: string; init: MessageInitShape<typeof MeasurementRecordedSchema> };
  };

  beforeAll(async () => {
    h = await startReporting();
    admin = await h.token('admin');
  });

  afterAll(async () => {
    await h?.close();
  });

  async function publishCourse(i: number): Promise<void> {
    const referralId = courses[i];
    const received = addDays('2025-03-03', i);
    await h.publish(ReferralReceivedSchema, {
      referralId,
      externalRef: `KK-2025-${i}`,
      municipalityCode: '101',
      providerId: provider,
      offerId: randomUUID(),
      packageType: 'JOB',
      targetGroup: 'CASH_BENEFIT',
      purposes: ['JOB', 'SMALL_JOB'],
      hoursPerWeek: 12,
      plannedStart: addDays(received, 10),
      plannedWeeks: 13,
      citizenPseudonym: `pseudonym-${referralId}`,
      receivedAt: `${received}T09:00:00Z`,
      answerDue: addDays(received, 2),
      startDue: addDays(received, 14),
    });
    await h.publish(ReferralAcceptedSchema, { referralId, acceptedAt: `${addDays(received, 1)}T10:00:00Z` });
    const start = addDays(received, DAYS_TO_START[i]);
    await h.publish(CourseStartedSchema, { referralId, startDate: start });
    for (const [n, level] of LEVELS[i].entries()) {
      const measurement = {
        measurementId: randomUUID(),
        referralId,
        scaleCode: 'LADDER_12',
        scaleVersion: 1,
        sequence: n + 1,
        measuredDate: addDays(start, 14 * n),
        assessor: 'PROFESSIONAL',
        values: { step: level },
      };
      const id = await h.publish(MeasurementRecordedSchema, measurement);
      if (i === 2 && n === 1) sent.measurement = { id, init: measurement };
    }
    const completed = { referralId, endDate: addDays(start, 91), endReason: 'PLANNED_END', exitStatus: SEED_002[i] };
    const id = await h.publish(CourseCompletedSchema, completed);
    if (i === 0) sent.completed = { id, init: completed };
  }

  const expectedKpis = () => {
    const sorted = [...DAYS_TO_START].sort((a, b) => a - b);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      providerId: provider,
      received: 10,
      accepted: 10,
      rejected: 0,
      started: 10,
      completed: 10,
      cancelled: 0,
      jobOrEducationShareAtEnd: 0.2, // the two FLEX_JOB
      medianDaysToStart: (sorted[4] + sorted[5]) / 2,
      startedOnTimeShare: DAYS_TO_START.filter((d) => d <= 14).length / 10,
      averageFirstLevel: avg(LEVELS.map((l) => l[0])),
      averageBestLevel: avg(LEVELS.map((l) => Math.max(...l))),
      averageLastLevel: avg(LEVELS.map((l) => l[l.length - 1])),
    };
  };

  const expectedCurve = () => {
    const points = [];
    for (let seq = 1; seq <= 4; seq++) {
      const at = LEVELS.filter((l) => l.length >= seq).map((l) => l[seq - 1]);
      points.push({ sequence: seq, averageLevel: at.reduce((a, b) => a + b, 0) / at.length, courses: at.length });
    }
    return points;
  };

  async function answers() {
    const kpis = await h.gql(admin, KPIS, { f: filter });
    const distribution = await h.gql(admin, DISTRIBUTION, { f: filter });
    const curve = await h.gql(admin, CURVE, { f: filter });
    return { kpis: kpis.data, distribution: distribution.data, curve: curve.data };
  }

  it('has migrations that cover every entity', async () => {
    expect(await pendingSchemaChanges(h.dataSource)).toEqual([]);
  });

  it("projects ten courses to seed 002's exit-status distribution, KPIs and curves computed by hand", async () => {
    for (let i = 0; i < courses.length; i++) await publishCourse(i);
    const distribution = await expectEventually(async () => {
      const res = await h.gql(admin, DISTRIBUTION, { f: filter });
      expect(res.errors).toBeUndefined();
      expect(res.data?.exitStatusDistribution).toEqual([
        { status: 'OTHER_PUBLIC_BENEFIT', count: 6, share: 0.6 },
        { status: 'FLEX_JOB', count: 2, share: 0.2 },
        { status: 'DISABILITY_PENSION', count: 1, share: 0.1 },
        { status: 'UNEMPLOYED', count: 1, share: 0.1 },
      ]);
      return res;
    });
    expect(distribution.data).toBeDefined();

    // The progression topic is consumed independently of the referrals topic: its events may still be arriving.
    await expectEventually(async () => {
      const kpis = await h.gql<{ providerKpis: Record<string, unknown>[] }>(admin, KPIS, { f: filter });
      expect(kpis.errors).toBeUndefined();
      expect(kpis.data?.providerKpis).toHaveLength(1);
      const [kpi] = kpis.data!.providerKpis;
      for (const [key, value] of Object.entries(expectedKpis())) {
        if (typeof value === 'number') expect(kpi[key]).toBeCloseTo(value, 10);
        else expect(kpi[key]).toEqual(value);
      }
    });

    await expectEventually(async () => {
      const curve = await h.gql<{
        progressionCurve: unknown[];
        progressionCurvesByCategory: { category: string; courses: number }[];
      }>(admin, CURVE, { f: filter });
      expect(curve.errors).toBeUndefined();
      expect(curve.data?.progressionCurve).toEqual(
        expectedCurve().map((p) => ({ ...p, averageLevel: expect.closeTo(p.averageLevel, 10) })),
      );
      // Gains first → best: 4, 0, 9, 0, 1, 2, 6, 1, 0, 5.
      const categories = Object.fromEntries(
        curve.data!.progressionCurvesByCategory.map((c) => [c.category, c.courses]),
      );
      expect(categories).toEqual({ VERY_HIGH: 3, HIGH: 1, SOME: 3, NONE: 3 });
    });
    // Every event of the ten courses has been processed (the next test counts from here).
    const [{ n }] = await h.dataSource.query(
      'SELECT count(*)::int AS n FROM reporting.processed_event WHERE consumer = $1',
      [h.config.REPORTING_CONSUMER_GROUP],
    );
    expect(n).toBeGreaterThanOrEqual(10 * 4 + LEVELS.flat().length);
  });

  it('changes nothing when events arrive twice, and keeps events that arrive before the course is known', async () => {
    const before = await answers();
    const processed = async () =>
      Number(
        (
          await h.dataSource.query('SELECT count(*) AS n FROM reporting.processed_event WHERE consumer = $1', [
            h.config.REPORTING_CONSUMER_GROUP,
          ])
        )[0].n,
      );
    const processedBefore = await processed();
    // Redelivery of course 0's completion (same event id, same payload) and a re-sent measurement of course 2
    // (a new event id carrying a measurement id the read model already has).
    await h.publish(CourseCompletedSchema, sent.completed.init, sent.completed.id);
    await h.publish(MeasurementRecordedSchema, sent.measurement.init);
    await expectEventually(async () => {
      expect(await processed()).toBe(processedBefore + 1);
      expect(await metricsRegistry.metrics()).toMatch(
        new RegExp(
          `events_consumed_total\\{consumer="${h.config.REPORTING_CONSUMER_GROUP}",outcome="duplicate"\\} [1-9]`,
        ),
      );
    });
    expect(await answers()).toEqual(before);

    // A new course whose measurement and placement arrive before its ReferralReceived.
    const late = randomUUID();
    await h.publish(MeasurementRecordedSchema, {
      measurementId: randomUUID(),
      referralId: late,
      scaleCode: 'LADDER_12',
      scaleVersion: 1,
      sequence: 1,
      measuredDate: '2025-06-02',
      assessor: 'PROFESSIONAL',
      values: { step: 4 },
    });
    await h.publish(PlacementStartedSchema, {
      placementId,
      referralId: late,
      type: 'INTERNSHIP',
      internal: true,
      employerCvr: provider,
      startDate: '2025-06-03',
      hoursPerWeek: 10,
      paidHoursPerWeek: 0,
    });
    await h.publish(PlacementHoursChangedSchema, {
      placementId,
      referralId: late,
      effectiveFrom: '2025-07-01',
      hoursPerWeek: 10,
      paidHoursPerWeek: 3,
    });
    await expectEventually(async () => {
      const [row] = await h.dataSource.query(
        'SELECT first_level, placements FROM reporting.course_fact WHERE referral_id = $1',
        [late],
      );
      expect(row).toEqual({ first_level: 4, placements: 1 });
    });
    await h.publish(ReferralReceivedSchema, {
      referralId: late,
      externalRef: 'KK-late',
      municipalityCode: '101',
      providerId: provider,
      offerId: randomUUID(),
      packageType: 'JOB',
      targetGroup: 'CASH_BENEFIT',
      purposes: [],
      hoursPerWeek: 12,
      plannedStart: '2025-06-01',
      plannedWeeks: 13,
      citizenPseudonym: 'pseudonym-late',
      receivedAt: '2025-05-20T08:00:00Z',
      answerDue: '2025-05-22',
      startDue: '2025-06-10',
    });
    await expectEventually(async () => {
      const res = await h.gql<{ providerKpis: Record<string, unknown>[] }>(admin, KPIS, { f: filter });
      expect(res.data?.providerKpis[0]).toMatchObject({
        received: 11,
        placements: 1,
        placementsInternal: 1,
        placementsExternal: 0,
        conversionsToPaidHours: 1,
        placementsByType: [{ type: 'INTERNSHIP', count: 1 }],
      });
    });
    // The completed courses' numbers did not move: the redelivered CourseCompleted was not applied twice, and the
    // re-sent one (a new event) set the same course's status again rather than adding a course.
    // The ten completed courses' distribution and curve are untouched (the late course has no end or sequence 2+).
    const after = await answers();
    expect(after.distribution).toEqual(before.distribution);
  });

  it('lists outcome horizons due per municipality and reports results per horizon', async () => {
    const jobcenter = await h.token('jobcenter', '101');
    const due = await h
      .http()
      .get(`/api/v1/reports/outcomes-due?providerId=${provider}&asOf=2026-12-31&limit=500`)
      .set('authorization', `Bearer ${jobcenter}`)
      .expect(200);
    const mine = due.body.items as { referralId: string; horizon: string; overdue: boolean; dueDate: string }[];
    expect(mine).toHaveLength(30);
    expect(mine.every((i) => i.overdue)).toBe(true);
    const first = mine.find((i) => i.referralId === courses[3] && i.horizon === 'END_PLUS_3M');
    // Course 3: referred 2025-03-06, started 2025-03-13, ended 91 days later (2025-06-12); due 3 months on.
    expect(first?.dueDate).toBe('2025-09-12');

    await h.publish(OutcomeRecordedSchema, {
      referralId: courses[3],
      horizon: 'END_PLUS_3M',
      exitStatus: 'ORDINARY_JOB',
      observedDate: '2025-10-01',
    });
    await expectEventually(async () => {
      const res = await h.gql<{ exitStatusDistribution: unknown[] }>(admin, DISTRIBUTION, {
        f: filter,
        h: 'END_PLUS_3M',
      });
      expect(res.data?.exitStatusDistribution).toEqual([{ status: 'ORDINARY_JOB', count: 1, share: 1 }]);
    });
    const again = await h
      .http()
      .get(`/api/v1/reports/outcomes-due?providerId=${provider}&asOf=2026-12-31&limit=500`)
      .set('authorization', `Bearer ${jobcenter}`)
      .expect(200);
    expect(again.body.items).toHaveLength(29);
    const other = await h.token('jobcenter', '147');
    await h
      .http()
      .get('/api/v1/reports/outcomes-due?municipalityCode=101')
      .set('authorization', `Bearer ${other}`)
      .expect(403);
  });

  it('streams the pseudonymised CSV export to analysts of the municipality only', async () => {
    const analyst = await h.token('analyst', '101');
    const res = await h
      .http()
      .get(`/api/v1/reports/courses.csv?providerId=${provider}&from=2025-01-01&to=2025-12-31`)
      .set('authorization', `Bearer ${analyst}`)
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toContain('course_id,citizen,status');
    expect(lines).toHaveLength(12); // header + 10 courses + the late one
    const header = lines[0].split(',');
    const row = Object.fromEntries(
      lines
        .find((l) => l.startsWith(courses[2]))!
        .split(',')
        .map((v, i) => [header[i], v]),
    );
    expect(row).toMatchObject({
      status: 'COMPLETED',
      exit_status: SEED_002[2],
      first_level: '1',
      best_level: '10',
      last_level: '10',
    });
    expect(res.text).not.toContain('pseudonym-');
    await h
      .http()
      .get('/api/v1/reports/courses.csv')
      .set('authorization', `Bearer ${await h.token('provider', provider)}`)
      .expect(403);
    const refused = await h
      .http()
      .get('/api/v1/reports/courses.csv?municipalityCode=147')
      .set('authorization', `Bearer ${analyst}`)
      .expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const bad = await h
      .http()
      .get('/api/v1/reports/courses.csv?from=2025-02-30&foo=1')
      .set('authorization', `Bearer ${analyst}`)
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['foo', 'from']);
  });

  it('narrows reports to the caller and refuses another tenant', async () => {
    const own = await h.gql<{ providerKpis: { providerId: string }[] }>(await h.token('provider', provider), KPIS, {
      f: {},
    });
    expect(own.data?.providerKpis.map((k) => k.providerId)).toEqual([provider]);
    const other = await h.gql(await h.token('provider', randomCvr()), KPIS, { f: { providerId: provider } });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const invalid = await h.gql(admin, KPIS, { f: { municipalityCode: 'abc' } });
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
  });

  it('counts pauses, resumes and reports per course, a batch holding several for one course', async () => {
    const counts = async () =>
      (
        await h.dataSource.query(
          'SELECT pauses, resumes, reports, paused_since::text, resumed_on::text FROM reporting.course_fact WHERE referral_id = $1',
          [courses[1]],
        )
      )[0] as Record<string, unknown>;
    const before = await counts();
    await h.publish(CoursePausedSchema, { referralId: courses[1], pauseDate: '2025-03-03' });
    await h.publish(CourseResumedSchema, { referralId: courses[1], resumeDate: '2025-03-10' });
    await h.publish(CoursePausedSchema, { referralId: courses[1], pauseDate: '2025-04-07' });
    for (const kind of ['STATUS', 'STATUS']) {
      await h.publish(ReportSubmittedSchema, {
        reportId: randomUUID(),
        referralId: courses[1],
        kind,
        submittedAt: '2025-04-01T10:00:00Z',
      });
    }
    await expectEventually(async () =>
      expect(await counts()).toEqual({
        pauses: Number(before.pauses) + 2,
        resumes: Number(before.resumes) + 1,
        reports: Number(before.reports) + 2,
        paused_since: '2025-04-07',
        resumed_on: '2025-03-10',
      }),
    );
  });

  it('gives the same answers after a rebuild from the beginning of every topic', async () => {
    const before = await answers();
    const counted = await h.dataSource.query('SELECT count(*)::int AS n FROM reporting.course_fact');
    await h.restart(async () => {
      await rebuildReadModels(h.dataSource, h.kafka, h.config.REPORTING_CONSUMER_GROUP);
      const [{ n }] = await h.dataSource.query('SELECT count(*)::int AS n FROM reporting.course_fact');
      expect(n).toBe(0);
    });
    await expectEventually(
      async () => {
        const [{ n }] = await h.dataSource.query('SELECT count(*)::int AS n FROM reporting.course_fact');
        expect(n).toBe(counted[0].n);
        expect(await answers()).toEqual(before);
      },
      { timeoutMs: 60_000 },
    );
  });
});
