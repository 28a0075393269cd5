import fc from 'fast-check';
import {
  apply,
  badDate,
  badUuid,
  type Body,
  BODY_LIMIT,
  expectProblem,
  fieldOf,
  type FieldSpec,
  isLive,
  type Mutation,
  mutations,
  names,
  type Path,
  serialise,
  tooLong,
  unknownCode,
} from '@platform/testing';
import type { Response } from 'supertest';
import { Assessor, ReportKind } from '@platform/domain-kernel';
import { OutboxRecord } from '@platform/messaging';
import { MeasurementEntity, MeasurementSeriesEntity } from '../src/measurements/measurement.entity';
import { ReportEntity } from '../src/reports/report.entity';
import { ScaleEntity } from '../src/scales/scale.entity';
import { daysAgo, startProgression, type ProgressionHarness } from './harness';

/**
 * Bad input to the progression API (generated mutations of valid bodies, then hand-picked cases) always gets a 4xx
 * problem+json naming the field, never a 500, and writes nothing. Same method as services/referrals' bad-input test.
 */

const badScaleCode = fc.oneof(
  fc.constantFrom('', 'ladder_12', 'L', ' LADDER_12', 'LADDER-12', '12LADDER', 'X'.repeat(51)),
  fc.string({ maxLength: 10 }).filter((s) => !/^[A-Z][A-Z0-9_]{1,49}$/.test(s)),
);
const badValues = fc.oneof(
  fc.constant({}),
  fc.constantFrom({ step: 0 }, { step: 13 }, { step: -1 }, { step: 1.5 }, { step: '7' }, { step: null }, { Step: 7 }),
  fc.constantFrom({ step: 7, stage: 3 }, { health: 3 }, { step: 1e9 }, { 'st ep': 7 }),
  fc.integer({ min: 13, max: 10_000 }).map((step) => ({ step })),
);

const MEASUREMENT_FIELDS: FieldSpec[] = [
  { path: ['scale'], kind: 'string', required: true, invalid: badScaleCode },
  {
    path: ['scaleVersion'],
    kind: 'number',
    required: false,
    invalid: fc.oneof(fc.constantFrom(0, -1, 1.5, 10_001), fc.integer({ max: 0 })),
  },
  { path: ['measuredAt'], kind: 'string', required: true, invalid: badDate },
  { path: ['values'], kind: 'object', required: true, invalid: badValues },
  { path: ['assessor'], kind: 'string', required: true, invalid: unknownCode(Assessor) },
  { path: ['note'], kind: 'string', required: false, invalid: tooLong(2000) },
  { path: ['supersedes'], kind: 'string', required: false, invalid: badUuid },
];
const MEASUREMENT_OBJECTS = [{ path: [] as Path, known: MEASUREMENT_FIELDS.map((f) => String(f.path[0])) }];

const text = (max: number) => fc.oneof(fc.constant(''), tooLong(max));
const REPORT_FIELDS: FieldSpec[] = [
  { path: ['kind'], kind: 'string', required: true, invalid: unknownCode(ReportKind) },
  { path: ['period'], kind: 'object', required: false },
  { path: ['period', 'from'], kind: 'string', required: true, invalid: badDate },
  { path: ['period', 'to'], kind: 'string', required: true, invalid: badDate },
  { path: ['sections'], kind: 'object', required: true },
  { path: ['sections', 'attentionPoints'], kind: 'object', required: false },
  { path: ['sections', 'attentionPoints', 'health'], kind: 'string', required: false, invalid: text(10_000) },
  { path: ['sections', 'resourceProfile'], kind: 'object', required: false },
  { path: ['sections', 'resourceProfile', 'workIdentity'], kind: 'string', required: false, invalid: text(10_000) },
  { path: ['sections', 'summary'], kind: 'string', required: false, invalid: text(10_000) },
  { path: ['citizenDisagrees'], kind: 'boolean', required: false },
  { path: ['citizenComment'], kind: 'string', required: false, invalid: tooLong(10_000) },
];
const REPORT_OBJECTS = [
  { path: [] as Path, known: ['kind', 'period', 'sections', 'citizenDisagrees', 'citizenComment'] },
  { path: ['period'] as Path, known: ['from', 'to'] },
  { path: ['sections'] as Path, known: ['attentionPoints', 'resourceProfile', 'summary'] },
  {
    path: ['sections', 'attentionPoints'] as Path,
    known: ['ownLabourMarketPerspective', 'qualifications', 'personalCompetences', 'economyAndNetwork', 'health'],
  },
];

function expectNamed(errors: { field: string }[] | undefined, live: Mutation[], prefix = ''): void {
  expect(Array.isArray(errors)).toBe(true);
  if (!live.some((m) => errors!.some((e) => names(e.field, m, prefix)))) {
    throw new Error(
      `no error names a mutated field: ${JSON.stringify(live.map((m) => fieldOf(m.path)))}, errors ${JSON.stringify(errors)}`,
    );
  }
}

// Courses arrive through the real broker; allow for a busy machine.
jest.setTimeout(60_000);

describe('bad input to the progression API: 4xx problem+json naming the field, never 500, nothing written', () => {
  let h: ProgressionHarness;
  let provider: string;
  let admin: string;
  let referralId: string;

  beforeAll(async () => {
    h = await startProgression();
    provider = await h.token('provider', h.provider);
    admin = await h.token('admin');
    referralId = await h.course({ startDate: daysAgo(30) });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  const counts = async () => {
    const m = h.dataSource.manager;
    const [measurements, series, reports, scales, outbox] = await Promise.all([
      m.count(MeasurementEntity),
      m.count(MeasurementSeriesEntity),
      m.count(ReportEntity),
      m.count(ScaleEntity),
      m.count(OutboxRecord),
    ]);
    return { measurements, series, reports, scales, outbox };
  };
  const send = (url: string, token: string, raw: string, contentType = 'application/json') =>
    h.http.post(url).set('authorization', `Bearer ${token}`).set('content-type', contentType).send(raw);
  const validMeasurement = (): Body => ({
    scale: 'LADDER_12',
    scaleVersion: 1,
    measuredAt: daysAgo(2),
    values: { step: 6 },
    assessor: 'PROFESSIONAL',
    note: 'Møder stabilt',
  });
  const validReport = (): Body => ({
    kind: 'STATUS',
    period: { from: daysAgo(20), to: daysAgo(1) },
    sections: {
      attentionPoints: { health: 'Ingen fravær', ownLabourMarketPerspective: 'Ønsker lagerjob' },
      resourceProfile: { workIdentity: 'Ser sig selv som lagermedarbejder' },
      summary: 'Fremgang',
    },
    citizenDisagrees: false,
    citizenComment: 'Enig',
  });

  it('POST /referrals/{id}/measurements: generated invalid bodies get 400 naming the field (413 when too large)', async () => {
    const before = await counts();
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(mutations(MEASUREMENT_FIELDS, MEASUREMENT_OBJECTS, { tooLarge: true }), async (changes) => {
        const body = validMeasurement();
        const live = changes.filter((m) => apply(body, m)).filter((m) => isLive(body, m));
        const raw = serialise(body);
        const res = await send(`/api/v1/referrals/${referralId}/measurements`, provider, raw);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        if (Buffer.byteLength(raw) > BODY_LIMIT) return expectProblem(res, 413);
        expectProblem(res, 400);
        expectNamed(res.body.errors, live);
      }),
      { numRuns: Number(process.env.BAD_INPUT_RUNS ?? 150) },
    );
    expect(seen.get(400)).toBeGreaterThan(100);
    expect(await counts()).toEqual(before);
  }, 90_000);

  it('POST /measurements/batch: each generated invalid item gets its own 400 naming its field', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutations(MEASUREMENT_FIELDS, MEASUREMENT_OBJECTS, { tooLarge: false }), {
          minLength: 1,
          maxLength: 20,
        }),
        async (perItem) => {
          const items = perItem.map((changes) => {
            const body: Body = { referralId, ...validMeasurement() };
            const live = changes.filter((m) => apply(body, m)).filter((m) => isLive(body, m));
            return { body, live };
          });
          const res = await send(
            '/api/v1/measurements/batch',
            provider,
            serialise({ items: items.map((i) => i.body) }),
          );
          // A nesting too deep anywhere refuses the whole request (checked before any item is read).
          if (items.some((i) => i.live.some((m) => m.atRoot))) return expectProblem(res, 400);
          expect(res.status).toBe(200);
          expect(res.body.results).toHaveLength(items.length);
          res.body.results.forEach(
            (result: { index: number; status: number; problem: Response['body'] }, n: number) => {
              expect(result.index).toBe(n);
              expect(result.status).toBe(400);
              expect(result.problem.status).toBe(400);
              expectNamed(result.problem.errors, items[n].live);
            },
          );
        },
      ),
      { numRuns: Number(process.env.BAD_INPUT_RUNS ?? 60) },
    );
    expect(await counts()).toEqual(before);
  }, 90_000);

  it('POST /referrals/{id}/reports: generated invalid bodies get 400 naming the field', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(mutations(REPORT_FIELDS, REPORT_OBJECTS, { tooLarge: true }), async (changes) => {
        const body = validReport();
        const live = changes.filter((m) => apply(body, m)).filter((m) => isLive(body, m));
        const raw = serialise(body);
        const res = await send(`/api/v1/referrals/${referralId}/reports`, provider, raw);
        if (Buffer.byteLength(raw) > BODY_LIMIT) return expectProblem(res, 413);
        expectProblem(res, 400);
        // A mutation that empties every section is reported for `sections` as a whole (the report says nothing).
        const emptied = (res.body.errors as { field: string }[]).some((e) => e.field === 'sections');
        if (!emptied) expectNamed(res.body.errors, live);
      }),
      { numRuns: Number(process.env.BAD_INPUT_RUNS ?? 120) },
    );
    expect(await counts()).toEqual(before);
  }, 90_000);

  it('null in an optional field means absent (scaleVersion: null was a 500): single and batch → 201, latest version', async () => {
    const body = { ...validMeasurement(), scaleVersion: null, note: null, supersedes: null };
    const single = await send(`/api/v1/referrals/${referralId}/measurements`, provider, JSON.stringify(body));
    expect({ status: single.status, body: single.body }).toMatchObject({ status: 201, body: { scaleVersion: 1 } });
    const batch = await send(
      '/api/v1/measurements/batch',
      provider,
      JSON.stringify({ items: [{ referralId, ...body, measuredAt: daysAgo(1) }] }),
    );
    expect(batch.status).toBe(200);
    expect(batch.body.results).toEqual([expect.objectContaining({ index: 0, status: 201 })]);
  });

  it('hand-picked cases: batch shape, malformed JSON, wrong media type, bad ids, bad scales — all 4xx, nothing written', async () => {
    const before = await counts();
    const item = { referralId, ...validMeasurement() };
    const cases: [string, string, string, number, string?][] = [
      ['/api/v1/measurements/batch', provider, '{"items": []}', 400],
      ['/api/v1/measurements/batch', provider, JSON.stringify({ items: Array(1001).fill(item) }), 400],
      ['/api/v1/measurements/batch', provider, '{"items": [1, "x", null]}', 400],
      ['/api/v1/measurements/batch', provider, '{"items": {}}', 400],
      ['/api/v1/measurements/batch', provider, '{"items": [], "extra": 1}', 400],
      ['/api/v1/measurements/batch', provider, '[]', 400],
      ['/api/v1/measurements/batch', provider, '{"items": [', 400],
      ['/api/v1/measurements/batch', provider, '<items/>', 415, 'application/xml'],
      [`/api/v1/referrals/not-a-uuid/measurements`, provider, JSON.stringify(validMeasurement()), 400],
      [`/api/v1/referrals/${referralId}/measurements`, provider, 'null', 400],
      [`/api/v1/referrals/${referralId}/measurements`, provider, '"text"', 400],
      [`/api/v1/referrals/${referralId}/reports`, provider, '{"kind":"ENTRY","sections":{}}', 400],
      ['/api/v1/scales', admin, '{}', 400],
      ['/api/v1/scales', admin, JSON.stringify({ code: 'X', name: 'x', dimensions: [] }), 400],
      [
        '/api/v1/scales',
        admin,
        JSON.stringify({
          code: 'NEW_SCALE',
          name: 'x',
          dimensions: [{ code: 'a', label: 'A', levels: [{ value: 1, code: 'ONE', label: '1' }] }],
        }),
        400,
      ],
      [
        '/api/v1/scales',
        admin,
        JSON.stringify({
          code: 'NEW_SCALE',
          name: 'x',
          dimensions: [
            {
              code: 'Bad Code',
              label: 'A',
              levels: [
                { value: 1, code: 'one', label: '1' },
                { value: 1.5, code: 'TWO', label: '2' },
              ],
            },
          ],
        }),
        400,
      ],
    ];
    for (const [url, token, raw, status, contentType] of cases) {
      const res = await send(url, token, raw, contentType);
      if (res.status !== status)
        throw new Error(`${url} ${raw.slice(0, 80)}: ${res.status} ${JSON.stringify(res.body)}`);
      expectProblem(res, status);
    }
    await h.http
      .get('/api/v1/referrals/not-a-uuid/measurements')
      .set('authorization', `Bearer ${provider}`)
      .expect(400);
    await h.http
      .get(`/api/v1/referrals/${referralId}/measurements?includeSuperseded=maybe`)
      .set('authorization', `Bearer ${provider}`)
      .expect(400);
    await h.http.get('/api/v1/scales/lower_case').set('authorization', `Bearer ${provider}`).expect(400);
    await h.http.get('/api/v1/reports/123').set('authorization', `Bearer ${provider}`).expect(400);
    expect(await counts()).toEqual(before);
  });
});
