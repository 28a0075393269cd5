import { isUUID } from 'class-validator';
import fc from 'fast-check';
import { expect } from '@jest/globals';
import type { Response } from 'supertest';
import { isMunicipalityCode, isValidCvr, isValidLocalDate, makeValidCvr } from '@platform/domain-kernel';

/**
 * The machinery of the generated bad-input tests every service runs (acceptance of the foundation issue): a body is
 * described by its fields (path, JSON type, required, values of the right type that are still invalid), fast-check
 * generates 1–3 mutations that each make it invalid, and the assertions check the 4xx problem+json names the field.
 */

export type Path = readonly (string | number)[];
export type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array';
export type Body = Record<string, unknown>;

export interface FieldSpec {
  path: Path;
  kind: Kind;
  required: boolean;
  /** Values of the right JSON type that are still invalid (bad CPR, unknown code, out of range, …). */
  invalid?: fc.Arbitrary<unknown>;
}

export interface Mutation {
  op: 'delete' | 'set';
  path: Path;
  value?: unknown;
  /** The error is reported for the body as a whole (`field: ""`), not for the path. */
  atRoot?: boolean;
}

/** An object of the body where unknown properties may be added, with the properties known there. */
export interface ObjectSpec {
  path: Path;
  known: readonly string[];
}

export const BODY_LIMIT = 2 * 1024 * 1024;
const MISSING = Symbol('missing');

/** `citizen.cpr`, `focusPoints[0]`: the spelling of the API's `errors[].field`. */
export const fieldOf = (path: Path): string =>
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
export function apply(body: Body, mutation: Mutation): boolean {
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
export const isLive = (body: Body, mutation: Mutation): boolean =>
  mutation.op === 'delete' ? valueAt(body, mutation.path) === MISSING : valueAt(body, mutation.path) === mutation.value;

/**
 * Whether an error field names the mutated path, a part of it, or the container it sits in; `prefix` is where the
 * mutated body sits in the request (e.g. `items[3]` of a batch).
 */
export function names(errorField: string, mutation: Mutation, prefix = ''): boolean {
  if (mutation.atRoot) return errorField === prefix;
  const field = fieldOf(mutation.path);
  const own = prefix && errorField.startsWith(`${prefix}.`) ? errorField.slice(prefix.length + 1) : errorField;
  if (own === '') return false;
  return (
    own === field ||
    own.startsWith(`${field}.`) ||
    own.startsWith(`${field}[`) ||
    field.startsWith(`${own}.`) ||
    field.startsWith(`${own}[`)
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
export const badCpr = fc.oneof(
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
export const badCvr = fc
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

export const badMunicipality = fc
  .oneof(fc.stringMatching(/^\d{1,4}$/), fc.string({ maxLength: 6 }), fc.constantFrom('0101', ' 101', '101 '))
  .filter((code) => !isMunicipalityCode(code));

export const badUuid = fc
  .oneof(
    fc.uuid().map((uuid) => uuid.slice(1)),
    fc.uuid().map((uuid) => `${uuid}0`),
    fc.uuid().map((uuid) => uuid.replace(/-/g, '')),
    fc.uuid().map((uuid) => `{${uuid}}`),
    fc.string({ maxLength: 40 }),
  )
  .filter((value) => !isUUID(value));

export const unknownCode = (codes: readonly string[]) =>
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
export const badDate = fc
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

export const tooLong = (max: number) => fc.integer({ min: max + 1, max: max + 3000 }).map((n) => 'x'.repeat(n));
// Filtered as a whole: fast-check orders -0 below 0, so `max: 0, maxExcluded` can draw -0, which is 0 to the API.
export const outside = (min: number, max: number) =>
  fc
    .oneof(
      fc.double({ max: min, maxExcluded: true, noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: max, minExcluded: true, noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -1, 1e9, min - 0.001, max + 0.001),
    )
    .filter((v) => v < min || v > max);
export const badStringList = (maxItems: number, maxLength: number) =>
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

// A body nested `depth` levels deep at a path. Kept as a marker string until the body is serialised, so that
// fast-check can print a counterexample without recursing through thousands of levels itself.
const deepMarker = (depth: number) => `<<nested ${depth} levels>>`;
export const serialise = (body: unknown): string =>
  JSON.stringify(body).replace(/"<<nested (\d+) levels>>"/g, (_m, depth: string) => {
    const n = Number(depth);
    return `${'['.repeat(n)}1${']'.repeat(n)}`;
  });

/** 1–3 mutations of a body described by `fields`; each alone makes the body invalid. */
export function mutations(fields: FieldSpec[], objects: ObjectSpec[], options: { tooLarge: boolean }) {
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

export function expectProblem(res: Response, status?: number): void {
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

export interface FieldError {
  field: string;
  message: string;
}

/** A 400 with `errors: [{ field, message }]`, at least one naming one of the given fields. */
export function expectFieldErrors(res: Response, ...fields: string[]): FieldError[] {
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
