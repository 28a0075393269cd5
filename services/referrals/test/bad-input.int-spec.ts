import { isUUID } from 'class-validator';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { mintToken } from '@platform/auth';
import {
  CancelReason,
  EndReason,
  ExitStatus,
  isMunicipalityCode,
  isValidCvr,
  isValidLocalDate,
  makeValidCvr,
  Purpose,
  RejectReason,
  TargetGroup,
  todayInCopenhagen,
} from '@platform/domain-kernel';
import { OutboxRecord } from '@platform/messaging';
import { ReferralBuilder } from '@platform/testing';
import { ReferralHistoryEntity } from '../src/referrals/referral-history.entity';
import { ReferralEntity } from '../src/referrals/referral.entity';
import { startReferrals, type ReferralsHarness } from './harness';

/**
 * Acceptance criterion: bad input (wrong types, missing fields, invalid CPR/CVR, unknown codes, oversized bodies,
 * malformed JSON, another tenant's ids) always gets a 4xx problem+json with field-level detail, never a 500, and
 * writes nothing. Property-based first (generated mutations of a valid body), then hand-picked cases.
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
const badCpr = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('3102', '3004', '3106', '3109', '3111', '0001', '0113', '3200', '0000', '2902', '6101'),
      fc.constantFrom('01', '02', '03', '05', '06', '07', '09', '10', '11', '13', '14', '15', '90'),
      fc.integer({ min: 0, max: 9999 }),
    )
    .filter(([ddmm, yy]) => ddmm !== '2902' || yy !== '90')
    .map(([ddmm, yy, serial]) => `${ddmm}${yy}${pad(serial, 4)}`),
  fc.stringMatching(/^\d{1,9}$/),
  fc.stringMatching(/^\d{11,14}$/),
  fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('a', 'X', 'O', 'l', ' ', '/', '.', '+'))
    .map(([at, char]) => `0101901234`.slice(0, at) + char + `0101901234`.slice(at + 1)),
  fc.constantFrom('010190 1234', '010190/1234', '01-01-90-1234', ' 0101901234', '0101901234 ', '010190--1234', ''),
);

// CVR: the modulus-11 check off by one digit, 7 or 9 digits, leading zero, letters.
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

const badMunicipality = fc
  .oneof(fc.stringMatching(/^\d{1,4}$/), fc.string({ maxLength: 6 }), fc.constantFrom('0101', ' 101', '101 '))
  .filter((code) => !isMunicipalityCode(code));

const badUuid = fc
  .oneof(
    fc.uuid().map((uuid) => uuid.slice(1)),
    fc.uuid().map((uuid) => `${uuid}0`),
    fc.uuid().map((uuid) => uuid.replace(/-/g, '')),
    fc.uuid().map((uuid) => `{${uuid}}`),
    fc.string({ maxLength: 40 }),
  )
  .filter((value) => !isUUID(value));

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
    fc.constantFrom(0, -1, 1e9, min - 0.001, max + 0.001),
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

const REFERRAL_FIELDS: FieldSpec[] = [
  { path: ['externalRef'], kind: 'string', required: true, invalid: fc.oneof(fc.constant(''), tooLong(100)) },
  { path: ['municipalityCode'], kind: 'string', required: true, invalid: badMunicipality },
  { path: ['citizen'], kind: 'object', required: true },
  { path: ['citizen', 'cpr'], kind: 'string', required: true, invalid: badCpr },
  { path: ['citizen', 'name'], kind: 'string', required: true, invalid: fc.oneof(fc.constant(''), tooLong(200)) },
  {
    path: ['citizen', 'phone'],
    kind: 'string',
    required: false,
    invalid: fc.string({ maxLength: 25 }).filter((phone) => !/^\+?[0-9 ]{8,20}$/.test(phone)),
  },
  {
    path: ['citizen', 'email'],
    kind: 'string',
    required: false,
    invalid: fc.constantFrom('not-an-email', '@', 'a@', 'a@b', 'a b@kk.dk', `${'x'.repeat(195)}@kk.dk`),
  },
  { path: ['citizen', 'interpreterNeeded'], kind: 'boolean', required: false },
  { path: ['caseworker'], kind: 'object', required: true },
  { path: ['caseworker', 'name'], kind: 'string', required: true, invalid: fc.oneof(fc.constant(''), tooLong(200)) },
  {
    path: ['caseworker', 'email'],
    kind: 'string',
    required: false,
    invalid: fc.constantFrom('jens', 'jens@', '@kk.dk'),
  },
  { path: ['providerId'], kind: 'string', required: true, invalid: badCvr },
  { path: ['offerId'], kind: 'string', required: true, invalid: badUuid },
  { path: ['targetGroup'], kind: 'string', required: true, invalid: unknownCode(TargetGroup) },
  {
    path: ['purposes'],
    kind: 'array',
    required: true,
    invalid: fc.oneof(
      fc.constant([]),
      fc.array(fc.constantFrom(...Purpose), { minLength: Purpose.length + 1, maxLength: Purpose.length + 5 }),
      fc
        .tuple(fc.array(fc.constantFrom(...Purpose), { maxLength: 3 }), unknownCode(Purpose))
        .map(([ok, bad]) => [...ok, bad]),
      fc.array(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)), { minLength: 1, maxLength: 3 }),
    ),
  },
  { path: ['focusPoints'], kind: 'array', required: false, invalid: badStringList(20, 1000) },
  { path: ['hoursPerWeek'], kind: 'number', required: true, invalid: outside(1, 37) },
  {
    path: ['plannedStart'],
    kind: 'string',
    required: true,
    invalid: fc.oneof(badDate, fc.constantFrom('9999-12-31', '0001-01-01', '1999-12-31', '2100-01-01')),
  },
  {
    path: ['plannedWeeks'],
    kind: 'number',
    required: true,
    invalid: fc.oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: 105 }),
      fc.double({ min: 1.01, max: 103.99, noNaN: true }).filter((weeks) => !Number.isInteger(weeks)),
    ),
  },
  { path: ['accommodations'], kind: 'array', required: false, invalid: badStringList(20, 1000) },
];

/** Where unknown properties may be added, with the properties known there. */
const OBJECTS: { path: Path; known: readonly string[] }[] = [
  {
    path: [],
    known: REFERRAL_FIELDS.filter((f) => f.path.length === 1).map((f) => String(f.path[0])),
  },
  { path: ['citizen'], known: ['cpr', 'name', 'phone', 'email', 'interpreterNeeded'] },
  { path: ['caseworker'], known: ['name', 'email', 'phone'] },
];

// A body nested `depth` levels deep at a path. Kept as a marker string until the body is serialised, so that
// fast-check can print a counterexample without recursing through thousands of levels itself.
const deepMarker = (depth: number) => `<<nested ${depth} levels>>`;
const serialise = (body: unknown): string =>
  JSON.stringify(body).replace(/"<<nested (\d+) levels>>"/g, (_m, depth: string) => {
    const n = Number(depth);
    return `${'['.repeat(n)}1${']'.repeat(n)}`;
  });

/** 1–3 mutations of a body described by `fields`; each alone makes the body invalid. */
function mutations(fields: FieldSpec[], objects: typeof OBJECTS, options: { tooLarge: boolean }) {
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

describe('bad input to the referrals API: 4xx problem+json with field detail, never 500, nothing written', () => {
  let h: ReferralsHarness;
  let jobcenter: string;
  let provider: string;
  let otherProvider: string;
  let otherJobcenter: string;

  beforeAll(async () => {
    h = await startReferrals();
    jobcenter = await h.token('jobcenter', '101');
    provider = await h.token('provider', h.provider.id);
    otherProvider = await h.token('provider', h.otherProvider.id);
    otherJobcenter = await h.token('jobcenter', '147');
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  const validReferral = () => ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).build();

  /** Sends `payload` exactly as given: a value is sent as JSON, a string as the raw body. */
  const send = (
    method: 'get' | 'post',
    url: string,
    options: { token?: string; payload?: unknown; raw?: string; contentType?: string; idempotencyKey?: string } = {},
  ) => {
    let req = h.http[method](url);
    if (options.token) req = req.set('authorization', `Bearer ${options.token}`);
    if (options.idempotencyKey) req = req.set('idempotency-key', options.idempotencyKey);
    if (method === 'get') return req;
    const body = options.raw ?? JSON.stringify(options.payload);
    return req.set('content-type', options.contentType ?? 'application/json').send(body);
  };

  /** Every transition with a valid body (the acting role: provider, except cancel by the jobcenter). */
  const validTransitions = (): [string, object][] => {
    const today = todayInCopenhagen();
    return [
      ['accept', { expectedStart: today }],
      ['reject', { reason: 'NO_CAPACITY' }],
      ['start', { startDate: today }],
      ['pause', { from: today, reason: 'Sygdom' }],
      ['resume', { date: today }],
      ['complete', { endDate: today, endReason: 'GOT_JOB', exitStatus: 'SMALL_JOB' }],
      ['cancel', { reason: 'OTHER' }],
    ];
  };

  const counts = async () => {
    const manager = h.dataSource.manager;
    const [referrals, history, outbox] = await Promise.all([
      manager.count(ReferralEntity),
      manager.count(ReferralHistoryEntity),
      manager.count(OutboxRecord),
    ]);
    return { referrals, history, outbox };
  };

  const createReferral = async (): Promise<string> => {
    const res = await send('post', '/api/v1/referrals', { token: jobcenter, payload: validReferral() });
    expect(res.status).toBe(201);
    return res.body.id;
  };

  const act = async (id: string, action: string, token: string, payload: object) => {
    const res = await send('post', `/api/v1/referrals/${id}/${action}`, { token, payload });
    expect(res.status).toBe(200);
  };

  const snapshot = async (ids: string[]) => {
    const rows = await h.dataSource.manager.findBy(
      ReferralEntity,
      ids.map((id) => ({ id })),
    );
    return Object.fromEntries(
      rows.map((r) => [r.id, { status: r.status, version: r.version, updatedAt: r.updatedAt }]),
    );
  };

  it('POST /referrals: generated invalid bodies get 400 naming the field (413 when too large); nothing is written', async () => {
    const before = await counts();
    const seen = { runs: 0, tooLarge: 0, byStatus: new Map<number, number>() };
    await fc.assert(
      fc.asyncProperty(
        mutations(REFERRAL_FIELDS, OBJECTS, { tooLarge: true }),
        fc.boolean(),
        async (changes, withIdempotencyKey) => {
          const body: Body = { ...validReferral() };
          const applied = changes.filter((m) => apply(body, m));
          const live = applied.filter((m) => isLive(body, m));
          const raw = serialise(body);
          // A fresh key per request: the same key with another body is a legitimate 422.
          const idempotencyKey = withIdempotencyKey ? `bad-input-${seen.runs}` : undefined;
          seen.runs++;
          const res = await send('post', '/api/v1/referrals', { token: jobcenter, raw, idempotencyKey });
          seen.byStatus.set(res.status, (seen.byStatus.get(res.status) ?? 0) + 1);
          if (Buffer.byteLength(raw) > BODY_LIMIT) {
            seen.tooLarge++;
            expectProblem(res, 413);
            return;
          }
          const errors = expectFieldErrors(res);
          const named = live.some((m) => errors.some((e) => names(e.field, m)));
          if (!named) {
            throw new Error(
              `no error names a mutated field: mutations ${JSON.stringify(live.map((m) => fieldOf(m.path)))}, ` +
                `errors ${JSON.stringify(errors)}`,
            );
          }
        },
      ),
      { numRuns: Number(process.env.BAD_INPUT_RUNS ?? 150) },
    );
    expect(seen.runs).toBeGreaterThanOrEqual(150);
    expect(seen.byStatus.get(400)).toBeGreaterThan(100);
    expect(await counts()).toEqual(before);
  }, 60_000);

  describe('transitions of existing referrals', () => {
    interface ActionSpec {
      action: string;
      state: 'received' | 'accepted' | 'started' | 'paused';
      role: 'provider' | 'jobcenter';
      valid: () => Body;
      fields: FieldSpec[];
    }
    const comment: FieldSpec = { path: ['comment'], kind: 'string', required: false, invalid: tooLong(2000) };
    const dateField = (name: string, required = true): FieldSpec => ({
      path: [name],
      kind: 'string',
      required,
      invalid: badDate,
    });
    const ACTIONS: ActionSpec[] = [
      {
        action: 'accept',
        state: 'received',
        role: 'provider',
        valid: () => ({ expectedStart: todayInCopenhagen() }),
        fields: [dateField('expectedStart', false)],
      },
      {
        action: 'reject',
        state: 'received',
        role: 'provider',
        valid: () => ({ reason: 'NO_CAPACITY', comment: 'Ingen pladser' }),
        fields: [{ path: ['reason'], kind: 'string', required: true, invalid: unknownCode(RejectReason) }, comment],
      },
      {
        action: 'cancel',
        state: 'received',
        role: 'jobcenter',
        valid: () => ({ reason: 'CASE_CLOSED', comment: 'Sagen er lukket' }),
        fields: [{ path: ['reason'], kind: 'string', required: true, invalid: unknownCode(CancelReason) }, comment],
      },
      {
        action: 'start',
        state: 'accepted',
        role: 'provider',
        valid: () => ({ startDate: todayInCopenhagen() }),
        fields: [dateField('startDate')],
      },
      {
        action: 'pause',
        state: 'started',
        role: 'provider',
        valid: () => ({ from: todayInCopenhagen(), reason: 'Operation' }),
        fields: [
          dateField('from'),
          { path: ['reason'], kind: 'string', required: true, invalid: fc.oneof(fc.constant(''), tooLong(2000)) },
        ],
      },
      {
        action: 'complete',
        state: 'started',
        role: 'provider',
        valid: () => ({ endDate: todayInCopenhagen(), endReason: 'GOT_JOB', exitStatus: 'SMALL_JOB', comment: 'Job' }),
        fields: [
          dateField('endDate'),
          { path: ['endReason'], kind: 'string', required: true, invalid: unknownCode(EndReason) },
          { path: ['exitStatus'], kind: 'string', required: true, invalid: unknownCode(ExitStatus) },
          comment,
        ],
      },
      {
        action: 'resume',
        state: 'paused',
        role: 'provider',
        valid: () => ({ date: todayInCopenhagen() }),
        fields: [dateField('date')],
      },
    ];
    const ids: Record<ActionSpec['state'], string> = { received: '', accepted: '', started: '', paused: '' };

    beforeAll(async () => {
      ids.received = await createReferral();
      ids.accepted = await createReferral();
      ids.started = await createReferral();
      ids.paused = await createReferral();
      for (const id of [ids.accepted, ids.started, ids.paused]) await act(id, 'accept', provider, {});
      for (const id of [ids.started, ids.paused]) await act(id, 'start', provider, { startDate: todayInCopenhagen() });
      await act(ids.paused, 'pause', provider, { from: todayInCopenhagen(), reason: 'Sygdom' });
    }, 30_000);

    it('generated invalid bodies get 400 naming the field, and the referral does not change', async () => {
      const all = Object.values(ids);
      const before = { rows: await snapshot(all), counts: await counts() };
      const notAnObject = fc
        .constantFrom<unknown>(null, [], [{}], 'accept', 42, true)
        .map((value): Mutation => ({ op: 'set', path: [], value, atRoot: true }));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ACTIONS).chain((spec) =>
            fc.tuple(
              fc.constant(spec),
              fc.oneof(
                {
                  weight: 9,
                  arbitrary: mutations(spec.fields, [{ path: [], known: spec.fields.map((f) => String(f.path[0])) }], {
                    tooLarge: false,
                  }),
                },
                { weight: 1, arbitrary: notAnObject.map((m) => [m]) },
              ),
            ),
          ),
          async ([spec, changes]) => {
            let body: unknown = spec.valid();
            let live: Mutation[];
            if (changes[0].path.length === 0) {
              body = changes[0].value;
              live = changes;
            } else {
              const applied = changes.filter((m) => apply(body as Body, m));
              live = applied.filter((m) => isLive(body as Body, m));
            }
            const token = spec.role === 'provider' ? provider : jobcenter;
            const res = await send('post', `/api/v1/referrals/${ids[spec.state]}/${spec.action}`, {
              token,
              raw: serialise(body),
            });
            const errors = expectFieldErrors(res);
            if (!live.some((m) => errors.some((e) => names(e.field, m)))) {
              throw new Error(
                `${spec.action}: no error names a mutated field: ${JSON.stringify(live.map((m) => fieldOf(m.path)))}, ` +
                  `errors ${JSON.stringify(errors)}`,
              );
            }
          },
        ),
        { numRuns: Number(process.env.BAD_INPUT_RUNS ?? 120) },
      );
      expect(await snapshot(all)).toEqual(before.rows);
      expect(await counts()).toEqual(before.counts);
    }, 60_000);
  });

  describe('hand-picked cases', () => {
    it.each([
      ['malformed JSON', 400, '{"a":', 'application/json'],
      ['truncated referral', 400, JSON.stringify({ externalRef: 'x' }).slice(0, -3), 'application/json'],
      ['an empty body declared as JSON', 400, '', 'application/json'],
      ['a __proto__ key', 400, '{"__proto__":{"isAdmin":true}}', 'application/json'],
      ['a constructor.prototype key', 400, '{"constructor":{"prototype":{"x":1}}}', 'application/json'],
      ['XML', 415, '<referral/>', 'application/xml'],
    ])('%s → %i problem+json', async (_name, status, raw, contentType) => {
      const before = await counts();
      const res = await send('post', '/api/v1/referrals', { token: jobcenter, raw, contentType });
      expectProblem(res, status);
      expect(await counts()).toEqual(before);
    });

    it.each([
      ['null', 'null', 'application/json'],
      ['a JSON array', JSON.stringify([{ externalRef: 'x' }]), 'application/json'],
      ['a JSON string', '"KK-2026-1"', 'application/json'],
      ['a JSON number', '42', 'application/json'],
      ['text/plain', 'hello', 'text/plain'],
      ['text/plain holding JSON', JSON.stringify({ externalRef: 'x' }), 'text/plain'],
    ])(
      'a body of %s → 400 (or 415) problem+json saying the body must be an object',
      async (_name, raw, contentType) => {
        const before = await counts();
        const res = await send('post', '/api/v1/referrals', { token: jobcenter, raw, contentType });
        if (res.status === 415) {
          expectProblem(res, 415);
        } else {
          const errors = expectFieldErrors(res, '');
          expect(errors[0].message).toMatch(/object/);
        }
        expect(await counts()).toEqual(before);
      },
    );

    it('a form-encoded body → 400 or 415 problem+json', async () => {
      const before = await counts();
      const res = await send('post', '/api/v1/referrals', {
        token: jobcenter,
        raw: 'externalRef=x&citizen[cpr]=0101901234',
        contentType: 'application/x-www-form-urlencoded',
      });
      if (res.status === 415) expectProblem(res, 415);
      else expectFieldErrors(res, 'municipalityCode');
      expect(await counts()).toEqual(before);
    });

    it('an oversized body (3 MB, limit 2 MiB) → 413 on create, batch and a transition', async () => {
      const id = await createReferral();
      const before = await counts();
      const huge = { ...validReferral(), focusPoints: ['x'.repeat(3_000_000)] };
      expectProblem(await send('post', '/api/v1/referrals', { token: jobcenter, payload: huge }), 413);
      expectProblem(
        await send('post', '/api/v1/referrals/batch', { token: jobcenter, payload: { items: [huge] } }),
        413,
      );
      expectProblem(
        await send('post', `/api/v1/referrals/${id}/reject`, {
          token: provider,
          payload: { reason: 'OTHER', comment: 'x'.repeat(3_000_000) },
        }),
        413,
      );
      expect(await counts()).toEqual(before);
    });

    it('a non-UUID id in the path → 400 naming `id`, for GET and every transition', async () => {
      const before = await counts();
      for (const id of ['abc', '123', '00000000-0000-0000-0000-00000000000g', "1' OR '1'='1", 'null']) {
        const path = `/api/v1/referrals/${encodeURIComponent(id)}`;
        expectFieldErrors(await send('get', path, { token: jobcenter }), 'id');
        for (const [action, payload] of validTransitions()) {
          const token = action === 'cancel' ? jobcenter : provider;
          expect(expectFieldErrors(await send('post', `${path}/${action}`, { token, payload }))).toEqual([
            { field: 'id', message: expect.stringContaining('UUID') },
          ]);
        }
      }
      // Rejected by the router before Nest sees them: still problem+json.
      expectProblem(await send('get', '/api/v1/referrals/%zz', { token: jobcenter }), 400);
      expectProblem(await send('get', `/api/v1/referrals/${'a'.repeat(5000)}`, { token: jobcenter }), 414);
      expect(await counts()).toEqual(before);
    });

    it("another tenant's referral → 404 for GET and for every transition with an otherwise valid body", async () => {
      const id = await createReferral();
      const before = { rows: await snapshot([id]), counts: await counts() };
      const today = todayInCopenhagen();
      const notFound = (res: Response) => {
        expectProblem(res, 404);
        expect(res.body.type).toBe('/problems/not-found');
      };
      notFound(await send('get', `/api/v1/referrals/${id}`, { token: otherProvider }));
      notFound(await send('get', `/api/v1/referrals/${id}`, { token: otherJobcenter }));
      for (const [action, payload] of validTransitions()) {
        const token = action === 'cancel' ? otherJobcenter : otherProvider;
        notFound(await send('post', `/api/v1/referrals/${id}/${action}`, { token, payload }));
      }
      notFound(
        await send('post', `/api/v1/referrals/${id}/outcomes`, {
          token: otherJobcenter,
          payload: { horizon: 'END_PLUS_3M', status: 'FLEX_JOB', observedAt: today },
        }),
      );
      notFound(
        await send('post', `/api/v1/referrals/${id}/change-requests`, {
          token: otherProvider,
          payload: { kind: 'EXTEND', newEndDate: '2027-06-30', reason: 'Mere tid' },
        }),
      );
      expect(await snapshot([id])).toEqual(before.rows);
      expect(await counts()).toEqual(before.counts);
    });

    it('a jobcenter referring for another municipality (token org 101, body 147) → 403 naming municipalityCode', async () => {
      const before = await counts();
      const body = ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).inMunicipality('147').build();
      const res = await send('post', '/api/v1/referrals', { token: jobcenter, payload: body });
      expectProblem(res, 403);
      expect(res.body.errors).toEqual([{ field: 'municipalityCode', message: expect.stringContaining('101') }]);
      // Roles that may not refer at all.
      expectProblem(await send('post', '/api/v1/referrals', { token: provider, payload: validReferral() }), 403);
      expectProblem(
        await send('post', '/api/v1/referrals', { token: await h.token('analyst', '101'), payload: validReferral() }),
        403,
      );
      expect(await counts()).toEqual(before);
    });

    it('a missing, malformed, forged, expired or misaddressed token → 401 problem+json', async () => {
      const before = await counts();
      const config = {
        jwtSecret: process.env.AUTH_JWT_SECRET,
        issuer: process.env.AUTH_ISSUER ?? 'jobplatform-dev',
        audience: process.env.AUTH_AUDIENCE ?? 'jobplatform',
      };
      const actor = { sub: 'jc-101', role: 'jobcenter' as const, org: '101' };
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const cases: [string, string | undefined][] = [
        ['no header', undefined],
        ['not a bearer token', 'Basic dXNlcjpwYXNz'],
        ['an empty bearer token', 'Bearer '],
        ['garbage', 'Bearer not.a.jwt'],
        ['a truncated token', `Bearer ${jobcenter.slice(0, -5)}`],
        ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', role: 'admin', exp: 9e9 })}.`],
        ['a bad signature', `Bearer ${await mintToken({ ...config, jwtSecret: 'x'.repeat(48) }, actor)}`],
        ['an expired token', `Bearer ${await mintToken(config, actor, -120)}`],
        ['another issuer', `Bearer ${await mintToken({ ...config, issuer: 'someone-else' }, actor)}`],
        ['another audience', `Bearer ${await mintToken({ ...config, audience: 'another-api' }, actor)}`],
        [
          'an unknown role',
          `Bearer ${await mintToken(config, { ...actor, role: 'superuser' as unknown as typeof actor.role })}`,
        ],
        ['a jobcenter without org', `Bearer ${await mintToken(config, { ...actor, org: '' })}`],
      ];
      for (const [name, header] of cases) {
        let req = h.http.post('/api/v1/referrals').set('content-type', 'application/json');
        if (header !== undefined) req = req.set('authorization', header);
        const res = await req.send(JSON.stringify(validReferral()));
        try {
          expectProblem(res, 401);
          expect(res.headers['www-authenticate']).toBe('Bearer');
        } catch (error) {
          throw new Error(`${name}: ${(error as Error).message}`);
        }
      }
      expectProblem(await h.http.get('/api/v1/referrals/00000000-0000-4000-8000-000000000000'), 401);
      expect(await counts()).toEqual(before);
    });

    it('a batch of 1001 items, an empty batch or items that are not a list → 400 naming `items`; nothing written', async () => {
      const before = await counts();
      const items = Array.from({ length: 1001 }, () => validReferral());
      expectFieldErrors(
        await send('post', '/api/v1/referrals/batch', { token: jobcenter, payload: { items } }),
        'items',
      );
      expectFieldErrors(
        await send('post', '/api/v1/referrals/batch', { token: jobcenter, payload: { items: [] } }),
        'items',
      );
      expectFieldErrors(
        await send('post', '/api/v1/referrals/batch', { token: jobcenter, payload: { items: validReferral() } }),
        'items',
      );
      expectFieldErrors(await send('post', '/api/v1/referrals/batch', { token: jobcenter, payload: {} }), 'items');
      expectFieldErrors(
        await send('post', '/api/v1/referrals/batch', {
          token: jobcenter,
          payload: { items: [validReferral()], extra: 1 },
        }),
        'extra',
      );
      // Items must at least be objects; a null, string or list item fails the whole batch.
      for (const bad of [null, 'KK-1', [validReferral()]]) {
        const res = await send('post', '/api/v1/referrals/batch', {
          token: jobcenter,
          payload: { items: [validReferral(), bad] },
        });
        expectFieldErrors(res, 'items');
      }
      expect(await counts()).toEqual(before);
    });

    it('a batch with bad items → 200 with a 4xx problem per bad item; only the good item is written', async () => {
      const before = await counts();
      const good = validReferral();
      const cases: [unknown, number, string?][] = [
        [good, 201],
        [{ ...validReferral(), hoursPerWeek: '12' }, 400, 'hoursPerWeek'],
        [{ ...validReferral(), citizen: { cpr: '3102901234', name: 'X' } }, 400, 'citizen.cpr'],
        [{ ...validReferral(), providerId: '12345679' }, 400, 'providerId'],
        [{ ...validReferral(), targetGroup: 'CASH' }, 400, 'targetGroup'],
        [{ ...validReferral(), plannedStart: '2026-02-30' }, 400, 'plannedStart'],
        [{ ...validReferral(), externalRef: 'KK\u00001' }, 400, 'externalRef'],
        [{ ...validReferral(), constructor: 'x' }, 400, 'constructor'],
        [{ ...validReferral(), citizen: undefined }, 400, 'citizen'],
        [ReferralBuilder.valid().forProvider(h.provider.id, h.provider.offerId).inMunicipality('147').build(), 403],
        [ReferralBuilder.valid().forProvider(makeValidCvr('8765432'), h.provider.offerId).build(), 422],
        [ReferralBuilder.valid().forProvider(h.provider.id, h.otherProvider.offerId).build(), 422],
        [{ ...validReferral(), externalRef: good.externalRef }, 409],
      ];
      const res = await send('post', '/api/v1/referrals/batch', {
        token: jobcenter,
        raw: JSON.stringify({ items: cases.map(([item]) => item) }),
      });
      expect(res.status).toBe(200);
      const results: { index: number; status: number; id?: string; problem?: Record<string, unknown> }[] =
        res.body.results;
      expect(results.map((r) => r.status)).toEqual(cases.map(([, status]) => status));
      results.forEach((result, index) => {
        expect(result.index).toBe(index);
        if (result.status === 201) return;
        expect(result.id).toBeUndefined();
        expect(result.problem).toEqual(
          expect.objectContaining({ type: expect.any(String), title: expect.any(String), status: result.status }),
        );
        const field = cases[index][2];
        if (field !== undefined) {
          expect((result.problem!.errors as FieldError[]).map((e) => e.field)).toContain(field);
        }
      });
      const after = await counts();
      expect(after).toEqual({
        referrals: before.referrals + 1,
        history: before.history + 1,
        outbox: before.outbox + 1,
      });
    });
  });

  describe('regressions: 500s and silent writes found while writing these tests', () => {
    const post = (payload: unknown) => send('post', '/api/v1/referrals', { token: jobcenter, payload });

    it.each([
      ['a NUL in externalRef (PostgreSQL text refuses it)', { externalRef: 'KK-\u0000-1' }, 'externalRef'],
      ['a NUL in the caseworker name (jsonb refuses it)', { caseworker: { name: 'Jens\u0000' } }, 'caseworker.name'],
      ['a NUL in a focus point (text[])', { focusPoints: ['\u0000'] }, 'focusPoints[0]'],
      ['a NUL in the citizen name', { citizen: { cpr: '0101901234', name: 'A\u0000' } }, 'citizen.name'],
      ['`constructor` as a property (dropped silently before)', { constructor: 1 }, 'constructor'],
      ['`toString` in citizen', { citizen: { cpr: '0101901234', name: 'A', toString: 'x' } }, 'citizen.toString'],
      ['`valueOf` in caseworker', { caseworker: { name: 'J', valueOf: 1 } }, 'caseworker.valueOf'],
      ['a planned start whose end is past year 9999 (RangeError)', { plannedStart: '9999-12-31' }, 'plannedStart'],
      ['a planned start in year 1', { plannedStart: '0001-01-01' }, 'plannedStart'],
    ])('%s → 400', async (_name, patch, field) => {
      const before = await counts();
      expectFieldErrors(await post({ ...validReferral(), ...patch }), field);
      expect(await counts()).toEqual(before);
    });

    it('a body nested thousands of levels deep → 400, also with an Idempotency-Key and in a batch', async () => {
      const before = await counts();
      const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
      const referral = JSON.stringify(validReferral());
      const raw = `${referral.slice(0, -1)},"extra":${deep(100_000)}}`;
      expectFieldErrors(await send('post', '/api/v1/referrals', { token: jobcenter, raw }), '');
      expectFieldErrors(
        await send('post', '/api/v1/referrals', { token: jobcenter, raw, idempotencyKey: 'deep-1' }),
        '',
      );
      expectFieldErrors(
        await send('post', '/api/v1/referrals/batch', { token: jobcenter, raw: `{"items":[${raw}]}` }),
        '',
      );
      expect(await counts()).toEqual(before);
    });

    it('a NUL in a transition comment → 400, the referral unchanged', async () => {
      const id = await createReferral();
      const before = { rows: await snapshot([id]), counts: await counts() };
      const res = await send('post', `/api/v1/referrals/${id}/reject`, {
        token: provider,
        payload: { reason: 'OTHER', comment: 'nej\u0000' },
      });
      expectFieldErrors(res, 'comment');
      expect(await snapshot([id])).toEqual(before.rows);
      expect(await counts()).toEqual(before.counts);
    });

    it.each(['2026-13-45', '2026-02-30', '2026-01-01T99:99Z', '2026-01-01T10:00:00+25:00'])(
      'GET /referrals?updatedSince=%s → 400 naming updatedSince',
      async (updatedSince) => {
        const res = await h.http
          .get('/api/v1/referrals')
          .query({ updatedSince })
          .set('authorization', `Bearer ${jobcenter}`);
        expectFieldErrors(res, 'updatedSince');
      },
    );

    it.each(['2026-01-01', '2026-01-01T10:00Z', '2026-01-01T10:00:00.123Z', '2026-01-01T10:00:00+02:00'])(
      'GET /referrals?updatedSince=%s still works',
      async (updatedSince) => {
        await h.http
          .get('/api/v1/referrals')
          .query({ updatedSince })
          .set('authorization', `Bearer ${jobcenter}`)
          .expect(200);
      },
    );
  });
});
