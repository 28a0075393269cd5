import fc from 'fast-check';
import {
  apply,
  badCvr,
  badDate,
  badStringList,
  type Body,
  BODY_LIMIT,
  expectFieldErrors,
  expectProblem,
  type FieldError,
  fieldOf,
  type FieldSpec,
  isLive,
  mutations,
  names,
  outside,
  type Path,
  serialise,
  tooLong,
  unknownCode,
} from '@platform/testing';
import { FollowUpMode, PlacementEndReason, PlacementType } from '@platform/domain-kernel';
import { OutboxRecord } from '@platform/messaging';
import { FollowUpEntity } from '../src/placements/follow-up.entity';
import { LogbookEntryEntity } from '../src/placements/logbook-entry.entity';
import { PlacementHoursEntity } from '../src/placements/placement-hours.entity';
import { PlacementEntity } from '../src/placements/placement.entity';
import { startPlacements, validPlacement, type PlacementsHarness } from './harness';

jest.setTimeout(120_000);

/**
 * Bad input (wrong types, missing fields, invalid CVR/dates/codes, percentages outside 0–100, oversized or deeply
 * nested bodies, unknown properties, another tenant's ids) always gets a 4xx problem+json with field-level detail,
 * never a 500, and writes nothing. The generators follow services/referrals/test/bad-input.int-spec.ts.
 */

// ---------------------------------------------------------------------------------------------------------------
// Generated mutations of a valid body
// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------
const pct = outside(0, 100);
const text = (max: number): FieldSpec['invalid'] => fc.oneof(fc.constant(''), tooLong(max));
const list: FieldSpec['invalid'] = badStringList(30, 1000);

const PLACEMENT_FIELDS: FieldSpec[] = [
  { path: ['type'], kind: 'string', required: true, invalid: unknownCode(PlacementType) },
  { path: ['internal'], kind: 'boolean', required: true },
  { path: ['employer'], kind: 'object', required: true },
  { path: ['employer', 'cvr'], kind: 'string', required: true, invalid: badCvr },
  { path: ['employer', 'name'], kind: 'string', required: true, invalid: text(200) },
  {
    path: ['employer', 'pNumber'],
    kind: 'string',
    required: false,
    invalid: fc.string({ maxLength: 12 }).filter((p) => !/^\d{10}$/.test(p)),
  },
  {
    path: ['startDate'],
    kind: 'string',
    required: true,
    invalid: fc.oneof(badDate, fc.constantFrom('1999-12-31', '2100-01-01', '9999-12-31')),
  },
  { path: ['plannedEndDate'], kind: 'string', required: false, invalid: badDate },
  { path: ['hoursPerWeek'], kind: 'number', required: true, invalid: outside(0.5, 37) },
  {
    path: ['paidHoursPerWeek'],
    kind: 'number',
    required: false,
    invalid: fc.oneof(outside(0, 37), fc.constant(1.234)),
  },
  { path: ['agreement'], kind: 'object', required: true },
  { path: ['agreement', 'workFunctions'], kind: 'array', required: true, invalid: list },
  { path: ['agreement', 'trainingGoals'], kind: 'array', required: true, invalid: list },
  { path: ['agreement', 'accommodations'], kind: 'array', required: true, invalid: list },
  { path: ['agreement', 'aids'], kind: 'array', required: true, invalid: list },
  { path: ['agreement', 'support'], kind: 'array', required: true, invalid: list },
  {
    path: ['agreement', 'daysPerWeek'],
    kind: 'number',
    required: false,
    invalid: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 8 }), fc.constant(2.5)),
  },
  { path: ['agreement', 'followUp'], kind: 'object', required: true },
  {
    path: ['agreement', 'followUp', 'citizenEveryDays'],
    kind: 'number',
    required: true,
    invalid: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 366 }), fc.constant(7.5)),
  },
  {
    path: ['agreement', 'followUp', 'employerEveryDays'],
    kind: 'number',
    required: true,
    invalid: fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 366 }), fc.constant(14.5)),
  },
  { path: ['agreement', 'nextPaidHoursReview'], kind: 'string', required: false, invalid: badDate },
];

const PLACEMENT_OBJECTS: { path: Path; known: readonly string[] }[] = [
  { path: [], known: PLACEMENT_FIELDS.filter((f) => f.path.length === 1).map((f) => String(f.path[0])) },
  { path: ['employer'], known: ['cvr', 'name', 'pNumber'] },
  {
    path: ['agreement'],
    known: [
      'workFunctions',
      'trainingGoals',
      'accommodations',
      'aids',
      'support',
      'daysPerWeek',
      'followUp',
      'nextPaidHoursReview',
    ],
  },
  { path: ['agreement', 'followUp'], known: ['citizenEveryDays', 'employerEveryDays'] },
];

const validFollowUp = (): Body => ({
  date: '2026-10-12',
  mode: 'ON_SITE',
  participants: ['CITIZEN', 'EMPLOYER'],
  attendancePct: 90,
  effectivenessPct: 50,
  observations: { attendance: 'God', motivation: 'Høj' },
  nextFollowUp: '2026-10-19',
});

const FOLLOW_UP_FIELDS: FieldSpec[] = [
  { path: ['date'], kind: 'string', required: true, invalid: badDate },
  { path: ['mode'], kind: 'string', required: true, invalid: unknownCode(FollowUpMode) },
  {
    path: ['participants'],
    kind: 'array',
    required: true,
    invalid: fc.oneof(
      fc.constant([]),
      fc
        .tuple(
          fc.constantFrom('CITIZEN', 'EMPLOYER'),
          unknownCode(['CITIZEN', 'EMPLOYER', 'CASEWORKER', 'PROVIDER', 'OTHER']),
        )
        .map(([ok, bad]) => [ok, bad]),
    ),
  },
  { path: ['attendancePct'], kind: 'number', required: false, invalid: pct },
  { path: ['effectivenessPct'], kind: 'number', required: false, invalid: pct },
  { path: ['observations'], kind: 'object', required: true },
  { path: ['observations', 'attendance'], kind: 'string', required: false, invalid: tooLong(4000) },
  { path: ['observations', 'motivation'], kind: 'string', required: false, invalid: tooLong(4000) },
  { path: ['nextFollowUp'], kind: 'string', required: false, invalid: badDate },
];

const FOLLOW_UP_OBJECTS: { path: Path; known: readonly string[] }[] = [
  { path: [], known: FOLLOW_UP_FIELDS.filter((f) => f.path.length === 1).map((f) => String(f.path[0])) },
  {
    path: ['observations'],
    known: [
      'attendance',
      'tasksAndWorkCapacity',
      'motivation',
      'accommodationsAndQualityOfLife',
      'citizenAndEmployerViews',
    ],
  },
];

const HOURS_FIELDS: FieldSpec[] = [
  { path: ['effectiveFrom'], kind: 'string', required: true, invalid: badDate },
  { path: ['hoursPerWeek'], kind: 'number', required: true, invalid: outside(0.5, 37) },
  { path: ['paidHoursPerWeek'], kind: 'number', required: false, invalid: outside(0, 37) },
  { path: ['reason'], kind: 'string', required: true, invalid: text(2000) },
];

describe('bad input to the placements API: 4xx problem+json with field detail, never 500, nothing written', () => {
  let h: PlacementsHarness;
  let provider: string;
  let otherProvider: string;
  let referralId: string;
  let placementId: string;

  beforeAll(async () => {
    h = await startPlacements();
    provider = await h.token('provider', h.provider);
    otherProvider = await h.token('provider', h.otherProvider);
    referralId = await h.startedCourse();
    const res = await h.http
      .post(`/api/v1/referrals/${referralId}/placements`)
      .set('authorization', `Bearer ${provider}`)
      .send(validPlacement());
    expect(res.status).toBe(201);
    placementId = res.body.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  const send = (url: string, options: { token?: string; payload?: unknown; raw?: string; idempotencyKey?: string }) => {
    let req = h.http.post(url).set('authorization', `Bearer ${options.token ?? provider}`);
    if (options.idempotencyKey) req = req.set('idempotency-key', options.idempotencyKey);
    return req.set('content-type', 'application/json').send(options.raw ?? JSON.stringify(options.payload));
  };

  const counts = async () => {
    const m = h.dataSource.manager;
    const [placements, hours, followUps, logbook, outbox] = await Promise.all([
      m.count(PlacementEntity),
      m.count(PlacementHoursEntity),
      m.count(FollowUpEntity),
      m.count(LogbookEntryEntity),
      m.count(OutboxRecord),
    ]);
    return { placements, hours, followUps, logbook, outbox };
  };

  /** Generated invalid bodies for one endpoint: 400 naming a mutated field (413 when too large), nothing written. */
  async function property(
    url: () => string,
    valid: () => Body,
    fields: FieldSpec[],
    objects: typeof PLACEMENT_OBJECTS,
    runs: number,
  ) {
    const before = await counts();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutations(fields, objects, { tooLarge: true }), fc.boolean(), async (changes, withKey) => {
        const body: Body = structuredClone(valid());
        const applied = changes.filter((m) => apply(body, m));
        const live = applied.filter((m) => isLive(body, m));
        const raw = serialise(body);
        const res = await send(url(), { raw, idempotencyKey: withKey ? `bad-${url()}-${n++}` : undefined });
        if (Buffer.byteLength(raw) > BODY_LIMIT) {
          expectProblem(res, 413);
          return;
        }
        const errors = expectFieldErrors(res);
        if (!live.some((m) => errors.some((e) => names(e.field, m)))) {
          throw new Error(
            `no error names a mutated field: ${JSON.stringify(live.map((m) => fieldOf(m.path)))}, errors ${JSON.stringify(errors)}`,
          );
        }
      }),
      { numRuns: runs },
    );
    expect(await counts()).toEqual(before);
  }

  const runs = Number(process.env.BAD_INPUT_RUNS ?? 100);

  it('POST /referrals/{id}/placements: generated invalid bodies', async () => {
    await property(
      () => `/api/v1/referrals/${referralId}/placements`,
      () => validPlacement(),
      PLACEMENT_FIELDS,
      PLACEMENT_OBJECTS,
      runs,
    );
  });

  it('POST /placements/{id}/follow-ups: generated invalid bodies (percentages outside 0–100 among them)', async () => {
    await property(
      () => `/api/v1/placements/${placementId}/follow-ups`,
      validFollowUp,
      FOLLOW_UP_FIELDS,
      FOLLOW_UP_OBJECTS,
      runs,
    );
  });

  it('POST /placements/{id}/hours: generated invalid bodies', async () => {
    await property(
      () => `/api/v1/placements/${placementId}/hours`,
      () => ({ effectiveFrom: '2026-10-19', hoursPerWeek: 6, reason: 'Timeoptrapning' }),
      HOURS_FIELDS,
      [{ path: [], known: ['effectiveFrom', 'hoursPerWeek', 'paidHoursPerWeek', 'reason'] }],
      Math.ceil(runs / 2),
    );
  });

  it.each([
    ['startDate before the course', { startDate: '2026-09-30' }, 'startDate'],
    ['plannedEndDate after the course', { plannedEndDate: '2027-04-01' }, 'plannedEndDate'],
    ['plannedEndDate before startDate', { plannedEndDate: '2026-10-04' }, 'plannedEndDate'],
    ['paid hours above the hours', { type: 'WAGE_SUBSIDY', hoursPerWeek: 4, paidHoursPerWeek: 5 }, 'paidHoursPerWeek'],
    ['paid hours on an internship', { paidHoursPerWeek: 2 }, 'paidHoursPerWeek'],
    ['a HYBRID without paid hours', { type: 'HYBRID' }, 'paidHoursPerWeek'],
  ])('business rules on a new placement: %s → 422 naming the field, nothing written', async (_name, patch, field) => {
    const before = await counts();
    const res = await send(`/api/v1/referrals/${referralId}/placements`, { payload: validPlacement(patch) });
    expectProblem(res, 422);
    expect(res.body.errors.map((e: FieldError) => e.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['hours', { effectiveFrom: '2026-10-01', hoursPerWeek: 6, reason: 'x' }, 'effectiveFrom'],
    ['hours', { effectiveFrom: '2026-10-19', hoursPerWeek: 4, paidHoursPerWeek: 5, reason: 'x' }, 'paidHoursPerWeek'],
    ['conversions', { effectiveFrom: '2026-10-19', paidHoursPerWeek: 5, reason: 'x' }, 'paidHoursPerWeek'],
    ['follow-ups', { ...validFollowUp(), date: '2027-02-15' }, 'date'],
    ['follow-ups', { ...validFollowUp(), nextFollowUp: '2026-10-01' }, 'nextFollowUp'],
    [
      'logbook',
      { entries: [{ date: '2026-10-04', hoursWorked: 1, sick: false, leftEarly: false }] },
      'entries[0].date',
    ],
    ['end', { endDate: '2026-10-04', reason: 'OTHER' }, 'endDate'],
  ])(
    'business rules on POST /placements/{id}/%s → 422 naming the field, nothing written',
    async (action, payload, field) => {
      const before = await counts();
      const res = await send(`/api/v1/placements/${placementId}/${action}`, { payload });
      expectProblem(res, 422);
      expect(res.body.errors.map((e: FieldError) => e.field)).toContain(field);
      expect(await counts()).toEqual(before);
    },
  );

  it('hand-picked: percentages, logbook size, malformed JSON, bad ids, another tenant → 4xx, nothing written', async () => {
    const before = await counts();
    const followUps = `/api/v1/placements/${placementId}/follow-ups`;
    expectFieldErrors(await send(followUps, { payload: { ...validFollowUp(), attendancePct: 101 } }), 'attendancePct');
    expectFieldErrors(
      await send(followUps, { payload: { ...validFollowUp(), effectivenessPct: -0.5 } }),
      'effectivenessPct',
    );
    const entry = { date: '2026-10-06', hoursWorked: 2, sick: false, leftEarly: false };
    const logbook = `/api/v1/placements/${placementId}/logbook`;
    expectFieldErrors(
      await send(logbook, { payload: { entries: Array.from({ length: 101 }, () => entry) } }),
      'entries',
    );
    expectFieldErrors(await send(logbook, { payload: { entries: [] } }), 'entries');
    expectFieldErrors(
      await send(logbook, { payload: { entries: [{ ...entry, hoursWorked: 25 }] } }),
      'entries[0].hoursWorked',
    );
    expectFieldErrors(await send(logbook, { payload: { entries: [{ ...entry, sick: 'no' }] } }), 'entries[0].sick');
    expectFieldErrors(await send(logbook, { payload: { entries: [null] } }), 'entries[0]');
    expectProblem(await send(followUps, { raw: '{"date": ' }), 400);
    expectProblem(await send(followUps, { raw: '[]' }), 400);
    expectFieldErrors(await send('/api/v1/placements/not-a-uuid/follow-ups', { payload: validFollowUp() }), 'id');
    expectFieldErrors(await send('/api/v1/referrals/1234/placements', { payload: validPlacement() }), 'id');
    expectProblem(await send(followUps, { token: otherProvider, payload: validFollowUp() }), 404);
    expectProblem(
      await send(`/api/v1/referrals/${referralId}/placements`, { token: otherProvider, payload: validPlacement() }),
      404,
    );
    expectProblem(
      await send(`/api/v1/placements/${placementId}/end`, { payload: { endDate: '2026-11-01', reason: 'FINISHED' } }),
      400,
    );
    expect(PlacementEndReason).not.toContain('FINISHED');
    const overdue = await h.http
      .get('/api/v1/placements/follow-ups/overdue?asOf=2026-02-30')
      .set('authorization', `Bearer ${provider}`);
    expectFieldErrors(overdue, 'asOf');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['paidHoursPerWeek', -5e-324],
    ['paidHoursPerWeek', 5e-324],
    ['hoursPerWeek', 1e-7],
  ])(
    "regression: %s = %s (exponent notation crashed class-validator's decimal check, a 500) → 400",
    async (field, value) => {
      const before = await counts();
      const raw = JSON.stringify(validPlacement())
        .replace(/}$/, `,"${field}":${String(value)}}`)
        .replace(`"${field}":4,`, '');
      expectFieldErrors(await send(`/api/v1/referrals/${referralId}/placements`, { raw }), field);
      expect(await counts()).toEqual(before);
    },
  );

  it('GraphQL mutations refuse bad input with the same field errors and write nothing', async () => {
    const before = await counts();
    const res = await h.http
      .post('/graphql')
      .set('authorization', `Bearer ${provider}`)
      .send({
        query: `mutation ($id: ID!, $input: RecordFollowUpInput!) { recordPlacementFollowUp(id: $id, input: $input) { id } }`,
        variables: { id: placementId, input: { ...validFollowUp(), attendancePct: 150 } },
      })
      .expect(200);
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      status: 400,
      errors: [expect.objectContaining({ field: 'attendancePct' })],
    });
    const create = await h.http
      .post('/graphql')
      .set('authorization', `Bearer ${provider}`)
      .send({
        query: `mutation ($id: ID!, $input: CreatePlacementInput!) { createPlacement(referralId: $id, input: $input) { id } }`,
        variables: { id: referralId, input: validPlacement({ startDate: '2026-09-01' }) },
      });
    expect(create.status).toBe(200);
    expect(create.body.errors[0].extensions).toMatchObject({ code: 'UNPROCESSABLE', status: 422 });
    expect(await counts()).toEqual(before);
  });
});
