import fc from 'fast-check';
import type { Response } from 'supertest';
import {
  FollowUpMode,
  isValidCvr,
  isValidLocalDate,
  makeValidCvr,
  PlacementEndReason,
  PlacementType,
} from '@platform/domain-kernel';
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

type Path = readonly (string | number)[];
type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array';
type Body = Record<string, unknown>;

interface FieldSpec {
  path: Path;
  kind: Kind;
  required: boolean;
  /** Values of the right JSON type that are still invalid (bad CPR, unknown code, out of range, …). */
  invalid?: fc.Arbitrary<unknown>;
}

interface Mutation {
  op: 'delete' | 'set';
  path: Path;
  value?: unknown;
  /** The error is reported for the body as a whole (`field: ""`), not for the path. */
  atRoot?: boolean;
}

const BODY_LIMIT = 2 * 1024 * 1024;
const MISSING = Symbol('missing');

/** `citizen.cpr`, `focusPoints[0]`: the spelling of the API's `errors[].field`. */
const fieldOf = (path: Path): string =>
  path.reduce<string>(
    (field, key) =>
      typeof key === 'number' || /^\d+$/.test(key) ? `${field}[${key}]` : field ? `${field}.${key}` : key,
    '',
  );

function parentOf(body: unknown, path: Path): Body | undefined {
  let node = body;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Body)[key];
  }
  return typeof node === 'object' && node !== null ? (node as Body) : undefined;
}

function valueAt(body: unknown, path: Path): unknown {
  const parent = parentOf(body, path);
  const key = String(path[path.length - 1]);
  return parent && Object.hasOwn(parent, key) ? parent[key] : MISSING;
}

/** Applies a mutation in place; false when an earlier mutation removed or replaced its parent. */
function apply(body: Body, mutation: Mutation): boolean {
  const parent = parentOf(body, mutation.path);
  if (!parent) return false;
  const key = String(mutation.path[mutation.path.length - 1]);
  if (mutation.op === 'delete') delete parent[key];
  // defineProperty, so that keys like `constructor` become own properties like JSON.parse makes them.
  else
    Object.defineProperty(parent, key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
  return true;
}

/** A mutation still visible in the final body (a later one may have replaced its parent). */
const isLive = (body: Body, mutation: Mutation): boolean =>
  mutation.op === 'delete' ? valueAt(body, mutation.path) === MISSING : valueAt(body, mutation.path) === mutation.value;

/** Whether an error field names the mutated path, a part of it, or the container it sits in. */
function names(errorField: string, mutation: Mutation): boolean {
  if (mutation.atRoot) return errorField === '';
  const field = fieldOf(mutation.path);
  if (errorField === '') return false;
  return (
    errorField === field ||
    errorField.startsWith(`${field}.`) ||
    errorField.startsWith(`${field}[`) ||
    field.startsWith(`${errorField}.`) ||
    field.startsWith(`${errorField}[`)
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const safeKey = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => key !== '__proto__');
const leaf = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
);
const smallJson = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(safeKey, leaf, { maxKeys: 3 }));

/** A value whose JSON type is not `kind`; null only where the field is required (null means absent otherwise). */
function wrongType(kind: Kind, required: boolean): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [];
  if (kind !== 'number') {
    options.push(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })));
  }
  if (kind !== 'string') options.push(fc.string({ maxLength: 12 }), fc.constantFrom('NaN', '12', 'true', '{}'));
  if (kind !== 'boolean') options.push(fc.boolean());
  if (required) options.push(fc.constant(null));
  if (kind !== 'array') options.push(fc.array(leaf, { maxLength: 3 }));
  if (kind !== 'object') options.push(fc.dictionary(safeKey, leaf, { maxKeys: 3 }));
  return fc.oneof(...options);
}

// CPR: not a real date (31 Feb, day 00, month 13, 29 Feb of a year that is not a leap year in any century),
// replacement numbers (day + 60), wrong length, letters and separators other than one hyphen.
const badCvr = fc
  .oneof(
    fc.tuple(fc.stringMatching(/^[1-9]\d{6}$/), fc.integer({ min: 1, max: 9 })).map(([seed, delta]) => {
      const cvr = makeValidCvr(seed);
      return cvr.slice(0, 7) + String((Number(cvr[7]) + delta) % 10);
    }),
    fc.stringMatching(/^\d{7}$/),
    fc.stringMatching(/^\d{9}$/),
    fc.stringMatching(/^0\d{7}$/),
    fc.stringMatching(/^[1-9]\d{6}[A-Za-z]$/),
  )
  .filter((cvr) => !isValidCvr(cvr));

const unknownCode = (codes: readonly string[]) =>
  fc
    .oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(...codes).map((code) => code.toLowerCase()),
      fc.constantFrom(...codes).map((code) => `${code} `),
      fc.constantFrom(...codes).map((code) => code.replace(/_/g, '-')),
      fc.constantFrom('JOB', 'CASH_BENEFIT', 'GOT_JOB', 'SMALL_JOB', 'OTHER', 'NO_CAPACITY', 'UNKNOWN', ''),
    )
    .filter((code) => !codes.includes(code));

/** Not `YYYY-MM-DD` or not a real date: 30 February, day-month-year, month 13, an instant, … */
const badDate = fc
  .oneof(
    fc.constantFrom(
      '2026-02-30',
      '2026-02-29',
      '2026-04-31',
      '01-12-2026',
      '2026-13-01',
      '2026-00-10',
      '2026-12-00',
      '2026-1-5',
      '20261201',
      '2026-12-01T00:00:00Z',
      '',
      ' 2026-12-01',
      '2026/12/01',
      'tomorrow',
    ),
    fc
      .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 35 }))
      .map(([year, month, day]) => `${year}-${pad(month)}-${pad(day)}`),
    fc
      .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2000, max: 2099 }))
      .map(([day, month, year]) => `${pad(day)}-${pad(month)}-${year}`),
  )
  .filter((date) => !isValidLocalDate(date));

const tooLong = (max: number) => fc.integer({ min: max + 1, max: max + 3000 }).map((n) => 'x'.repeat(n));
const outside = (min: number, max: number) =>
  fc.oneof(
    fc.double({ max: min, maxExcluded: true, noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: max, minExcluded: true, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -1, 1e9, min - 0.001, max + 0.001).filter((v) => v < min || v > max),
  );
const badStringList = (maxItems: number, maxLength: number) =>
  fc.oneof(
    fc.array(fc.string({ maxLength: 5 }), { minLength: maxItems + 1, maxLength: maxItems + 10 }),
    fc
      .tuple(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), tooLong(maxLength))
      .map(([ok, long]) => [...ok, long]),
    fc
      .tuple(
        fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
        fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)),
      )
      .map(([ok, bad]) => [...ok, bad]),
  );

const deepMarker = (depth: number) => `<<nested ${depth} levels>>`;
const serialise = (body: unknown): string =>
  JSON.stringify(body).replace(/"<<nested (\d+) levels>>"/g, (_m, depth: string) => {
    const n = Number(depth);
    return `${'['.repeat(n)}1${']'.repeat(n)}`;
  });

/** 1–3 mutations of a body described by `fields`; each alone makes the body invalid. */
function mutations(
  fields: FieldSpec[],
  objects: { path: Path; known: readonly string[] }[],
  options: { tooLarge: boolean },
) {
  const required = fields.filter((f) => f.required);
  const strings = fields.filter((f) => f.kind === 'string');
  const withInvalid = fields.filter((f) => f.invalid);
  const unknownKey = (known: readonly string[]) =>
    fc
      .oneof(
        safeKey,
        fc.constantFrom(
          'id',
          'status',
          'extra',
          'constructor',
          'toString',
          'valueOf',
          'hasOwnProperty',
          'isPrototypeOf',
        ),
      )
      .filter((key) => !known.includes(key));
  const kinds: fc.WeightedArbitrary<Mutation>[] = [
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(...fields)
        .chain((f) => wrongType(f.kind, f.required).map((value): Mutation => ({ op: 'set', path: f.path, value }))),
    },
    {
      weight: 6,
      arbitrary: fc
        .constantFrom(...withInvalid)
        .chain((f) => f.invalid!.map((value): Mutation => ({ op: 'set', path: f.path, value }))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...strings), fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
        .map(([f, before, after]): Mutation => ({ op: 'set', path: f.path, value: `${before}\u0000${after}` })),
    },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...objects)
        .chain((o) =>
          fc
            .tuple(unknownKey(o.known), smallJson)
            .map(([key, value]): Mutation => ({ op: 'set', path: [...o.path, key], value })),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...strings), fc.integer({ min: 10_000, max: 200_000 }))
        .map(([f, length]): Mutation => ({ op: 'set', path: f.path, value: 'y'.repeat(length) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...fields), fc.integer({ min: 40, max: 5000 }))
        .map(([f, depth]): Mutation => ({ op: 'set', path: f.path, value: deepMarker(depth), atRoot: true })),
    },
  ];
  if (required.length > 0) {
    kinds.push({
      weight: 3,
      arbitrary: fc.constantFrom(...required).map((f): Mutation => ({ op: 'delete', path: f.path })),
    });
  }
  if (options.tooLarge) {
    kinds.push({
      weight: 1,
      arbitrary: fc
        .constantFrom(...strings)
        .map((f): Mutation => ({ op: 'set', path: f.path, value: 'z'.repeat(BODY_LIMIT + 100_000) })),
    });
  }
  return fc.array(fc.oneof(...kinds), { minLength: 1, maxLength: 3 });
}

// ---------------------------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------------------------

function expectProblem(res: Response, status?: number): void {
  if (status !== undefined) expect(res.status).toBe(status);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^\/problems\/[a-z-]+$/),
      title: expect.stringMatching(/\S/),
      status: res.status,
      detail: expect.stringMatching(/\S/),
    }),
  );
  expect(res.body.title).not.toBe('Http');
}

interface FieldError {
  field: string;
  message: string;
}

/** A 400 with `errors: [{ field, message }]`, at least one naming one of the given fields. */
function expectFieldErrors(res: Response, ...fields: string[]): FieldError[] {
  expectProblem(res, 400);
  const errors: FieldError[] = res.body.errors;
  expect(Array.isArray(errors)).toBe(true);
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(typeof error.field).toBe('string');
    expect(error.message).toMatch(/\S/);
  }
  if (fields.length > 0 && !errors.some((e) => fields.includes(e.field))) {
    throw new Error(`expected an error for ${JSON.stringify(fields)}, got ${JSON.stringify(errors)}`);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
const pct = fc.oneof(
  fc.double({ max: 0, maxExcluded: true, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 100, minExcluded: true, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 100.01, 101, 1000, 1e9),
);
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
