import fc from 'fast-check';
import {
  Kind,
  parse,
  type FieldDefinitionNode,
  type InputObjectTypeDefinitionNode,
  type InputValueDefinitionNode,
  type TypeNode,
} from 'graphql';
import { badDate, badUuid, type Body, type Path } from './bad-input';

/**
 * Bad inputs generated from the published documents themselves — the OpenAPI document for REST, the supergraph for
 * GraphQL — instead of hand-kept field lists (issue 13). Every operation is walked: its path, query and header
 * parameters and its body schema give the fields; each field's JSON type and declared constraints (format, pattern,
 * enum, minimum/maximum, maxLength, maxItems, required) give the mutations that make the input invalid. A bound the
 * document does not declare is not asserted, so the test gets stricter by itself when the document does.
 */

// ---------------------------------------------------------------------------------------------------------------
// The documents
// ---------------------------------------------------------------------------------------------------------------

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  example?: unknown;
}

export interface Parameter {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface MediaType {
  schema?: Schema;
}

export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; parameters?: Record<string, Parameter> };
}

const pointer = <T>(doc: OpenApiDocument, ref: string): T =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc) as T;

/** A schema with `$ref` and single-element `allOf` followed. */
export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    if (current.$ref) current = pointer<Schema>(doc, current.$ref);
    else if (current.allOf?.length === 1 && !current.type) current = { ...current.allOf[0], allOf: undefined };
    else return current;
  }
  return current;
}

export interface RestOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  /** A batch: the body's `items` are judged one by one and the 200 answers a `results` entry per item. */
  perItem: boolean;
  write: boolean;
}

/** Every operation of the document, with parameters and body schema resolved. */
export function operationsOf(doc: OpenApiDocument): RestOperation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => {
        const parameters = (operation.parameters ?? []).map((p) => (p.$ref ? pointer<Parameter>(doc, p.$ref) : p));
        const media = operation.requestBody?.content?.['application/json'];
        const body = media?.schema ? resolve(doc, media.schema) : undefined;
        const ok = operation.responses['200']?.content?.['application/json']?.schema;
        const results = ok ? resolve(doc, ok).properties?.results : undefined;
        return {
          operationId: operation.operationId,
          method: method.toUpperCase(),
          path,
          parameters,
          body,
          perItem: Boolean(results && body?.properties?.items),
          write: method !== 'get',
        };
      }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------------------------

/**
 * What the API must answer an input with: `invalid` — 400 problem+json whose errors name the field; `refused` —
 * some 4xx problem+json (a junk id in the path may be 404); `lenient` — anything but a 5xx (null for an optional
 * field means absent; an undeclared query parameter is ignored; a huge number the document does not bound).
 */
export type Expectation = 'invalid' | 'refused' | 'lenient';

export interface InputMutation {
  where: 'body' | 'query' | 'path' | 'header';
  /** In the body: the path of the value; otherwise `[name]`. */
  path: Path;
  op: 'set' | 'delete';
  value?: unknown;
  expect: Expectation;
  /** Which kind of bad input, for the summary and failure messages. */
  label: string;
  /** The error is reported for the request as a whole (`field: ""`), e.g. nesting too deep. */
  atRoot?: boolean;
}

const NUL_MARK = '\u0000';
const LONE = ['\ud800', '\udfff', 'a\udc00b', '\ud83d'];
const deep = (depth: number) => `<<nested ${depth} levels>>`;
const leaf = fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.boolean(), fc.constant(null));
const UNKNOWN_KEYS = [
  '__proto__',
  'prototype',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isAdmin',
  'id',
  'tenant',
  'org',
  '$where',
];

const jsonType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? 'number' : typeof value;

/** Values whose JSON type is not the schema's (`integer` also refuses fractions). */
function wrongTypes(type: string | undefined): fc.Arbitrary<unknown> | undefined {
  if (!type) return undefined;
  const want = type === 'integer' ? 'number' : type;
  const candidates = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom('12', 'true', 'NaN', '', '{}', '2026-12-01'),
    fc.string({ maxLength: 10 }),
    fc.boolean(),
    fc.array(leaf, { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), leaf, { maxKeys: 3 }),
    fc.constantFrom({ $gt: '' }, { $ne: null }, [null], [[]], {}),
  );
  const wrong = candidates.filter((value) => jsonType(value) !== want);
  if (type !== 'integer') return wrong;
  return fc.oneof(wrong, fc.constantFrom(1.5, 0.1, -2.25, 1e-7, 7.000001));
}

const nonMatching = (pattern: string): fc.Arbitrary<string> => {
  const regex = new RegExp(pattern);
  return fc
    .oneof(
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^\d{1,12}$/),
      fc.constantFrom(' 101', '101 ', '１０１', '10a', '-1', '0x65', '1e2'),
    )
    .filter((value) => value !== '' && !regex.test(value));
};

const wrongEnum = (values: readonly unknown[]) =>
  fc
    .oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(...values).map((v) => String(v).toLowerCase()),
      fc.constantFrom(...values).map((v) => ` ${String(v)}`),
      fc.constantFrom(...values).map((v) => `${String(v)}\u0000`),
      fc.constantFrom('UNKNOWN', 'OTHER_', '*', 'null', 'undefined'),
    )
    .filter((value) => value !== '' && !values.includes(value));

const outsideRange = (min?: number, max?: number) =>
  fc.oneof(
    ...(min !== undefined ? [fc.constantFrom(min - 1, min - 0.5, -1e9, -Number.MAX_VALUE).filter((v) => v < min)] : []),
    ...(max !== undefined
      ? [fc.constantFrom(max + 1, max + 0.5, 1e9, 1e21, Number.MAX_VALUE).filter((v) => v > max)]
      : []),
  );

const HUGE = fc.constantFrom(1e21, -1e21, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 + 2, 5e-324);

/** Mutations of one value (a body field, or a parameter as JSON would carry it) from its schema. */
function valueMutations(
  schema: Schema,
  where: InputMutation['where'],
  path: Path,
  options: { required: boolean; deletable: boolean },
): fc.WeightedArbitrary<InputMutation>[] {
  const out: fc.WeightedArbitrary<InputMutation>[] = [];
  const set = (label: string, expect: Expectation, values: fc.Arbitrary<unknown>, weight = 2, atRoot = false) =>
    out.push({
      weight,
      arbitrary: values.map((value): InputMutation => ({ where, path, op: 'set', value, expect, label, atRoot })),
    });
  const wrong = wrongTypes(schema.type);
  if (wrong) set('wrong type', 'invalid', wrong, 4);
  set(
    options.required ? 'null (required)' : 'null (optional)',
    options.required ? 'invalid' : 'lenient',
    fc.constant(null),
  );
  if (options.required && options.deletable) {
    out.push({ weight: 3, arbitrary: fc.constant({ where, path, op: 'delete', expect: 'invalid', label: 'missing' }) });
  }
  set('deep nesting', 'invalid', fc.integer({ min: 40, max: 3000 }).map(deep), 1, true);
  if (schema.type === 'string') {
    const isText = !schema.enum && !schema.format && !schema.pattern;
    if (schema.enum) set('wrong enum value', 'invalid', wrongEnum(schema.enum), 4);
    if (schema.format === 'uuid')
      set(
        'malformed id',
        'invalid',
        badUuid.filter((v) => v !== ''),
        4,
      );
    if (schema.format === 'date')
      set(
        'malformed date',
        'invalid',
        badDate.filter((v) => v !== ''),
        4,
      );
    if (schema.pattern) set('pattern mismatch', 'invalid', nonMatching(schema.pattern), 4);
    if (schema.maxLength !== undefined) {
      const max = schema.maxLength;
      set(
        'longer than maxLength',
        'invalid',
        fc.integer({ min: max + 1, max: max * 2 + 10 }).map((n) => 'x'.repeat(n)),
      );
    }
    const base = isText ? 'Tekst' : typeof schema.example === 'string' ? schema.example : 'x';
    set(
      'NUL character',
      'invalid',
      fc.tuple(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 })).map(([a, b]) => `${a}${NUL_MARK}${b}${base}`),
    );
    set(
      'lone surrogate',
      'invalid',
      fc.tuple(fc.constantFrom(...LONE), fc.boolean()).map(([s, before]) => (before ? `${s}${base}` : `${base}${s}`)),
    );
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    if (schema.minimum !== undefined || schema.maximum !== undefined) {
      set('out of range', 'invalid', outsideRange(schema.minimum, schema.maximum), 3);
    } else {
      set('huge number', 'lenient', HUGE, 1);
    }
  }
  if (schema.type === 'array' && schema.maxItems !== undefined) {
    const max = schema.maxItems;
    set(
      'more than maxItems',
      'invalid',
      fc.integer({ min: max + 1, max: max + 5 }).map((n) => `<<items ${n}>>`),
      1,
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Seeds: an input valid enough to reach validation
// ---------------------------------------------------------------------------------------------------------------

export interface Ids {
  /** A real id for a property or path segment name: `providerId`, `offerId`, `referralId`, `supersedes`, … */
  byName(name: string): string | undefined;
  today: string;
}

/** A value for a schema: its example, else the first enum value, else a plain value of its type. */
export function seedOf(doc: OpenApiDocument, raw: Schema, name: string, ids: Ids): unknown {
  const schema = resolve(doc, raw);
  const known = ids.byName(name);
  if (known !== undefined && schema.type === 'string') return known;
  if (schema.type === 'object' || schema.properties) {
    const body: Body = {};
    for (const [key, child] of Object.entries(schema.properties ?? {})) body[key] = seedOf(doc, child, key, ids);
    if (!schema.properties && schema.example && typeof schema.example === 'object') return { ...schema.example };
    return body;
  }
  if (schema.type === 'array') return schema.items ? [seedOf(doc, schema.items, name, ids)] : [];
  if (schema.enum) return schema.enum[0];
  if (schema.format === 'date') return ids.today;
  if (schema.example !== undefined) return schema.example;
  switch (schema.type) {
    case 'string':
      return 'Tekst';
    case 'integer':
      return schema.minimum ?? 1;
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** A REST request before it is sent: path and query parameters, headers and body. */
export interface RestInput {
  path: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface GeneratedInput {
  mutations: InputMutation[];
  expect: Expectation;
}

const SEVERITY: Record<Expectation, number> = { lenient: 0, refused: 1, invalid: 2 };
export const strictest = (mutations: InputMutation[]): Expectation =>
  mutations.reduce<Expectation>((e, m) => (SEVERITY[m.expect] > SEVERITY[e] ? m.expect : e), 'lenient');

/** The mutations of a body schema: each field, each object's unknown keys, the body itself. */
function bodyMutations(doc: OpenApiDocument, root: Schema, seed: unknown): fc.WeightedArbitrary<InputMutation>[] {
  const out: fc.WeightedArbitrary<InputMutation>[] = [];
  const walk = (raw: Schema, path: Path, required: boolean, deletable: boolean, value: unknown) => {
    const schema = resolve(doc, raw);
    if (path.length > 0) out.push(...valueMutations(schema, 'body', path, { required, deletable }));
    if (schema.type === 'object' || schema.properties) {
      const known = Object.keys(schema.properties ?? {});
      const additional = schema.additionalProperties;
      if (additional && typeof additional === 'object') {
        const wrong = wrongTypes(resolve(doc, additional).type);
        if (wrong) {
          out.push({
            weight: 3,
            arbitrary: fc.tuple(fc.constantFrom('step', 'x', 'dimension'), wrong).map(([key, v]): InputMutation => ({
              where: 'body',
              path: [...path, key],
              op: 'set',
              value: v,
              expect: 'invalid',
              label: 'wrong type of a map value',
            })),
          });
        }
      } else if (additional !== true) {
        out.push({
          weight: 3,
          arbitrary: fc
            .tuple(
              fc.oneof(
                fc.constantFrom(...UNKNOWN_KEYS),
                fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !k.includes(NUL_MARK)),
              ),
              fc.oneof(leaf, fc.array(leaf, { maxLength: 2 }), fc.constant({ isAdmin: true })),
            )
            .filter(([key]) => !known.includes(key))
            .map(([key, v]): InputMutation => ({
              where: 'body',
              path: [...path, key],
              op: 'set',
              value: v,
              // The JSON parser refuses `__proto__` (prototype poisoning) before any field is looked at: a 400 alone.
              expect: key === '__proto__' ? 'refused' : 'invalid',
              label: ['__proto__', 'prototype', 'constructor'].includes(key) ? `key ${key}` : 'unknown key',
            })),
        });
      }
      const requiredKeys = schema.required ?? [];
      for (const [key, child] of Object.entries(schema.properties ?? {})) {
        const childValue = (value as Body | undefined)?.[key];
        walk(child, [...path, key], requiredKeys.includes(key), true, childValue);
      }
    } else if (schema.type === 'array' && schema.items && Array.isArray(value) && value.length > 0) {
      walk(schema.items, [...path, 0], true, false, value[0]);
    }
  };
  walk(root, [], true, false, seed);
  out.push({
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(null, [], [{}], 'text', 42, true).map((v): InputMutation => ({
      where: 'body',
      path: [],
      op: 'set',
      value: v,
      expect: 'invalid',
      label: 'body not an object',
      atRoot: true,
    })),
  });
  return out;
}

/** Query parameter values (strings, as a URL carries them) that break the parameter's schema. */
function queryMutations(parameter: Parameter): fc.WeightedArbitrary<InputMutation>[] {
  const schema = parameter.schema ?? {};
  const path = [parameter.name];
  const out: fc.WeightedArbitrary<InputMutation>[] = [];
  const set = (label: string, expect: Expectation, values: fc.Arbitrary<unknown>, weight = 2) =>
    out.push({
      weight,
      arbitrary: values.map((value): InputMutation => ({ where: 'query', path, op: 'set', value, expect, label })),
    });
  const constrained =
    schema.enum || schema.format || schema.pattern || schema.type === 'integer' || schema.type === 'boolean';
  if (schema.enum) set('wrong enum value', 'invalid', wrongEnum(schema.enum), 4);
  if (schema.format === 'uuid')
    set(
      'malformed id',
      'invalid',
      badUuid.filter((v) => String(v).trim() !== ''),
      4,
    );
  if (schema.format === 'date')
    set(
      'malformed date',
      'invalid',
      badDate.filter((v) => String(v).trim() !== ''),
      4,
    );
  if (schema.pattern)
    set(
      'pattern mismatch',
      'invalid',
      nonMatching(schema.pattern).filter((v) => v.trim() !== ''),
      4,
    );
  if (schema.type === 'integer') {
    set('not an integer', 'invalid', fc.constantFrom('abc', '1.5', '1x', 'NaN', 'Infinity', '1,2', 'true', '[]'), 4);
    if (schema.maximum !== undefined) {
      const max = schema.maximum;
      set('out of range', 'invalid', fc.constantFrom(max + 1, max * 10, 1e12, 1e21).map(String), 2);
    }
    if (schema.minimum !== undefined) set('out of range', 'invalid', fc.constant(String(schema.minimum - 1)), 1);
    if (schema.maximum === undefined)
      set('huge number', 'lenient', fc.constantFrom('99999999999999999999', '1e308'), 1);
  }
  if (schema.type === 'boolean') set('not a boolean', 'invalid', fc.constantFrom('maybe', '2', 'tru', 'null', '{}'), 4);
  set('repeated parameter', constrained ? 'invalid' : 'lenient', fc.constantFrom(['a', 'b'], ['1', '2'], ['', '']), 2);
  set(
    'NUL character',
    'invalid',
    fc.string({ maxLength: 6 }).map((s) => `${s}\u0000`),
    2,
  );
  set('lone surrogate', constrained ? 'invalid' : 'lenient', fc.constantFrom(...LONE), 1);
  if (!constrained) set('junk text', 'lenient', fc.string({ maxLength: 40 }), 3);
  set('empty', 'lenient', fc.constant(''), 1);
  return out;
}

function pathMutations(parameter: Parameter): fc.WeightedArbitrary<InputMutation>[] {
  const schema = parameter.schema ?? {};
  const path = [parameter.name];
  const values =
    schema.format === 'uuid'
      ? badUuid.filter((v) => v.trim() !== '' && v !== '.' && v !== '..')
      : fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom('%00', 'x'.repeat(2000)));
  return [
    {
      weight: 4,
      arbitrary: values.map((value): InputMutation => ({
        where: 'path',
        path,
        op: 'set',
        value,
        // A malformed id is a 400 naming the parameter; another text is a code that does not exist (404).
        expect: schema.format === 'uuid' ? 'invalid' : 'refused',
        label: schema.format === 'uuid' ? 'malformed id' : 'unknown code',
      })),
    },
  ];
}

function headerMutations(parameter: Parameter): fc.WeightedArbitrary<InputMutation>[] {
  const schema = parameter.schema ?? {};
  if (schema.maxLength === undefined) return [];
  const max = schema.maxLength;
  return [
    {
      weight: 1,
      arbitrary: fc.integer({ min: max + 1, max: max + 2000 }).map((n): InputMutation => ({
        where: 'header',
        path: [parameter.name],
        op: 'set',
        value: 'k'.repeat(n),
        expect: 'invalid',
        label: 'header longer than maxLength',
      })),
    },
  ];
}

/**
 * The kinds an input is drawn from, without those the skip list removes entirely, each tagged with its (constant)
 * expectation: a kind whose every value is filtered out would make fast-check search forever.
 */
function usable(
  kinds: fc.WeightedArbitrary<InputMutation>[],
  skip: (mutation: InputMutation) => boolean,
): { all: fc.WeightedArbitrary<InputMutation>[]; invalid: fc.WeightedArbitrary<InputMutation>[] } {
  const all: (fc.WeightedArbitrary<InputMutation> & { expect: Expectation })[] = [];
  for (const kind of kinds) {
    const sample = fc.sample(kind.arbitrary, { numRuns: 30, seed: 1 });
    if (sample.every(skip)) continue;
    all.push({ ...kind, arbitrary: kind.arbitrary.filter((m) => !skip(m)), expect: sample[0].expect });
  }
  return { all, invalid: all.filter((k) => k.expect === 'invalid') };
}

export interface RestPlan {
  operation: RestOperation;
  seed: RestInput;
  inputs: GeneratedInput[];
}

/**
 * `count` generated inputs of an operation, each 1–3 mutations of the seed. An input of lenient mutations only
 * (which a correct API may accept) gets one more that is invalid when the operation has no path id to point at
 * nothing — so no generated input can legitimately write.
 */
export function planRest(
  doc: OpenApiDocument,
  operation: RestOperation,
  ids: Ids,
  count: number,
  seed: number,
  skip: (operation: RestOperation, mutation: InputMutation) => boolean = () => false,
): RestPlan {
  const input: RestInput = { path: {}, query: {}, headers: {} };
  const kinds: fc.WeightedArbitrary<InputMutation>[] = [];
  const segments = operation.path.split('/');
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') {
      const before = segments[segments.indexOf(`{${parameter.name}}`) - 1];
      input.path[parameter.name] =
        ids.byName(`${before}/${parameter.name}`) ??
        (typeof parameter.schema?.example === 'string' ? parameter.schema.example : 'x');
      kinds.push(...pathMutations(parameter));
    } else if (parameter.in === 'query') {
      kinds.push(...queryMutations(parameter));
    } else if (parameter.in === 'header') {
      kinds.push(...headerMutations(parameter));
    }
  }
  if (operation.body) {
    input.body = seedOf(doc, operation.body, '', ids);
    kinds.push(...bodyMutations(doc, operation.body, input.body));
  }
  // Undeclared query parameters: ignored by a read, never a 5xx.
  kinds.push({
    weight: operation.parameters.some((p) => p.in === 'query') || operation.body ? 1 : 6,
    arbitrary: fc
      .tuple(
        fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'filter', 'limit[]', 'a.b'),
          fc.string({ minLength: 1, maxLength: 10 }),
        ),
        fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('%00', '\u0000', '\ud800')),
      )
      .filter(([key]) => !operation.parameters.some((p) => p.name === key))
      .map(([key, value]): InputMutation => ({
        where: 'query',
        path: [key],
        op: 'set',
        value,
        expect: 'lenient',
        label: 'undeclared query parameter',
      })),
  });
  const { all: allowed, invalid: invalidKinds } = usable(kinds, (m) => skip(operation, m));
  const hasPathId = operation.parameters.some((p) => p.in === 'path' && p.schema?.format === 'uuid');
  const canBeInvalid = invalidKinds.length > 0;
  const arbitrary = fc
    .array(fc.oneof(...allowed), { minLength: 1, maxLength: 3 })
    .chain((mutations) =>
      operation.write && !hasPathId && canBeInvalid && strictest(mutations) === 'lenient'
        ? fc.oneof(...invalidKinds).map((extra) => [...mutations, extra])
        : fc.constant(mutations),
    )
    .map((mutations): GeneratedInput => ({ mutations, expect: strictest(mutations) }));
  return { operation, seed: input, inputs: fc.sample(arbitrary, { numRuns: count, seed }) };
}

// ---------------------------------------------------------------------------------------------------------------
// Applying mutations
// ---------------------------------------------------------------------------------------------------------------

function parentOf(body: unknown, path: Path): Record<string, unknown> | undefined {
  let node = body;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
}

/** Applies the mutations to a copy of the seed; false for a mutation whose parent an earlier one replaced. */
export function applyAll(seed: RestInput, mutations: InputMutation[]): { input: RestInput; live: InputMutation[] } {
  const input = structuredClone(seed);
  const live: InputMutation[] = [];
  for (const mutation of mutations) {
    if (mutation.where === 'body') {
      if (mutation.path.length === 0) {
        input.body = structuredClone(mutation.value);
        for (let i = live.length - 1; i >= 0; i--) if (live[i].where === 'body') live.splice(i, 1);
        live.push(mutation);
        continue;
      }
      const parent = parentOf(input.body, mutation.path);
      if (!parent) continue;
      const key = String(mutation.path[mutation.path.length - 1]);
      if (mutation.op === 'delete') delete parent[key];
      // defineProperty, so that `__proto__` becomes an own key as JSON.parse makes it.
      else
        Object.defineProperty(parent, key, {
          // A copy: fast-check hands out the same constant objects to many inputs, and a later mutation writes into it.
          value: structuredClone(mutation.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    } else {
      const target = (mutation.where === 'header' ? input.headers : input[mutation.where]) as Record<string, unknown>;
      if (mutation.op === 'delete') delete target[String(mutation.path[0])];
      else target[String(mutation.path[0])] = structuredClone(mutation.value);
    }
    // A later mutation at the same place or above replaces an earlier one.
    for (let i = live.length - 1; i >= 0; i--) {
      const earlier = live[i];
      if (
        earlier.where === mutation.where &&
        mutation.path.length <= earlier.path.length &&
        mutation.path.every((key, index) => String(key) === String(earlier.path[index]))
      ) {
        live.splice(i, 1);
      }
    }
    live.push(mutation);
  }
  return { input, live };
}

/** The JSON text of a body, with `<<nested N levels>>` and `<<items N>>` markers expanded. */
export function serialiseBody(body: unknown, itemOf: () => unknown): string {
  return (JSON.stringify(body) ?? '')
    .replace(
      /"<<nested (\d+) levels>>"/g,
      (_m, depth: string) => `${'['.repeat(Number(depth))}1${']'.repeat(Number(depth))}`,
    )
    .replace(/"<<items (\d+)>>"/g, (_m, n: string) => JSON.stringify(Array.from({ length: Number(n) }, itemOf)));
}

// ---------------------------------------------------------------------------------------------------------------
// GraphQL: the supergraph's mutations
// ---------------------------------------------------------------------------------------------------------------

export interface GraphqlMutation {
  name: string;
  /** The REST route the description names (`POST /api/v1/referrals/{id}/accept`), if any. */
  route?: string;
  args: readonly InputValueDefinitionNode[];
}

export interface GraphqlDocument {
  mutations: GraphqlMutation[];
  inputs: Map<string, InputObjectTypeDefinitionNode>;
  enums: Map<string, string[]>;
}

export function readSupergraph(sdl: string): GraphqlDocument {
  const ast = parse(sdl);
  const inputs = new Map<string, InputObjectTypeDefinitionNode>();
  const enums = new Map<string, string[]>();
  let fields: readonly FieldDefinitionNode[] = [];
  for (const definition of ast.definitions) {
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) inputs.set(definition.name.value, definition);
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      enums.set(
        definition.name.value,
        (definition.values ?? []).map((v) => v.name.value),
      );
    }
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Mutation') {
      fields = definition.fields ?? [];
    }
  }
  return {
    inputs,
    enums,
    mutations: fields.map((field) => ({
      name: field.name.value,
      route: /\b(?:POST|PUT|PATCH|DELETE) (\/\S+)/.exec(field.description?.value ?? '')?.[1],
      args: field.arguments ?? [],
    })),
  };
}

export const typeText = (type: TypeNode): string =>
  type.kind === Kind.NON_NULL_TYPE
    ? `${typeText(type.type)}!`
    : type.kind === Kind.LIST_TYPE
      ? `[${typeText(type.type)}]`
      : type.name.value;

const namedOf = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedOf(type.type));

/** A value of a GraphQL input type: every field of an input object, one element in a list. */
export function graphqlSeed(document: GraphqlDocument, type: TypeNode, name: string, ids: Ids): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return graphqlSeed(document, type.type, name, ids);
  if (type.kind === Kind.LIST_TYPE) return [graphqlSeed(document, type.type, name, ids)];
  const named = type.name.value;
  const input = document.inputs.get(named);
  if (input) {
    return Object.fromEntries(
      (input.fields ?? []).map((f) => [f.name.value, graphqlSeed(document, f.type, f.name.value, ids)]),
    );
  }
  const values = document.enums.get(named);
  if (values) return values[0];
  switch (named) {
    case 'ID':
      return ids.byName(name) ?? ids.byName('referralId');
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'Date':
      return ids.today;
    default:
      return ids.byName(name) ?? 'Tekst';
  }
}

function graphqlValueMutations(
  document: GraphqlDocument,
  type: TypeNode,
  path: Path,
  deletable: boolean,
): fc.WeightedArbitrary<InputMutation>[] {
  const required = type.kind === Kind.NON_NULL_TYPE;
  const inner = required ? (type as { type: TypeNode }).type : type;
  const named = namedOf(type);
  const out: fc.WeightedArbitrary<InputMutation>[] = [];
  const set = (label: string, expect: Expectation, values: fc.Arbitrary<unknown>, weight = 2, atRoot = false) =>
    out.push({
      weight,
      arbitrary: values.map((value): InputMutation => ({
        where: 'body',
        path,
        op: 'set',
        value,
        expect,
        label,
        atRoot,
      })),
    });
  set(required ? 'null (required)' : 'null (optional)', required ? 'invalid' : 'lenient', fc.constant(null));
  if (required && deletable) {
    out.push({
      weight: 3,
      arbitrary: fc.constant({ where: 'body', path, op: 'delete', expect: 'invalid', label: 'missing' }),
    });
  }
  // A single value coerces to a list of one: the wrong types of a list are those of its elements, or an object.
  const isList = inner.kind === Kind.LIST_TYPE;
  const input = document.inputs.get(named);
  const enumValues = document.enums.get(named);
  let wrong: fc.Arbitrary<unknown>;
  if (input) wrong = fc.constantFrom<unknown>('text', 42, true, [1, 2], ['x']);
  else if (enumValues) wrong = fc.oneof(wrongEnum(enumValues), fc.constantFrom<unknown>(1, true, {}, ['?']));
  else if (named === 'Int') wrong = fc.constantFrom<unknown>('1', 1.5, 2 ** 31, -(2 ** 31) - 1, 1e21, true, {}, [[]]);
  else if (named === 'Float') wrong = fc.constantFrom<unknown>('1', true, {}, [[]], 'NaN');
  else if (named === 'Boolean') wrong = fc.constantFrom<unknown>('true', 1, 0, {}, [[]]);
  else if (named === 'ID') wrong = fc.constantFrom<unknown>(true, 1.5, {}, [[]]);
  else wrong = fc.constantFrom<unknown>(12, true, 1.5, {}, [[]], { $gt: '' });
  if (isList && !input)
    wrong = fc.oneof(
      wrong.filter((v) => typeof v === 'object' && v !== null),
      fc.constant({ a: 1 }),
    );
  set('wrong type', 'invalid', wrong, 4);
  // Judged on the body's text before it is parsed (as over REST): the refusal names the body, not the field.
  set('deep nesting', 'invalid', fc.integer({ min: 40, max: 2000 }).map(deep), 1, true);
  if (named === 'String' || named === 'ID') {
    set(
      'NUL character',
      'invalid',
      fc.string({ maxLength: 6 }).map((s) => `${s}\u0000`),
    );
    set('lone surrogate', 'invalid', fc.constantFrom(...LONE));
  }
  if (named === 'ID')
    set(
      'malformed id',
      'invalid',
      badUuid.filter((v) => v !== ''),
      3,
    );
  if (named === 'Date') set('malformed date', 'invalid', badDate, 4);
  if (named === 'Float') set('huge number', 'lenient', HUGE, 1);
  if (input) {
    const known = (input.fields ?? []).map((f) => f.name.value);
    out.push({
      weight: 3,
      arbitrary: fc
        .tuple(fc.oneof(fc.constantFrom(...UNKNOWN_KEYS), fc.string({ minLength: 1, maxLength: 10 })), leaf)
        .filter(([key]) => !known.includes(key) && !key.includes('\u0000'))
        .map(([key, value]): InputMutation => ({
          where: 'body',
          path: [...(isList ? [...path, 0] : path), key],
          op: 'set',
          value,
          // The JSON parser refuses `__proto__` (prototype poisoning) before any field is looked at: a 400 alone.
          expect: key === '__proto__' ? 'refused' : 'invalid',
          label: ['__proto__', 'prototype', 'constructor'].includes(key) ? `key ${key}` : 'unknown key',
        })),
    });
    for (const field of input.fields ?? []) {
      out.push(
        ...graphqlValueMutations(document, field.type, [...(isList ? [...path, 0] : path), field.name.value], true),
      );
    }
  } else if (isList) {
    const element = (inner as { type: TypeNode }).type;
    if (!document.inputs.has(namedOf(element)))
      out.push(...graphqlValueMutations(document, element, [...path, 0], false));
  }
  return out;
}

export interface GraphqlPlan {
  mutation: GraphqlMutation;
  query: string;
  seed: Record<string, unknown>;
  inputs: GeneratedInput[];
}

/** `count` generated variable sets of a mutation; mutation paths start with the variable's name. */
export function planGraphql(
  document: GraphqlDocument,
  mutation: GraphqlMutation,
  ids: Ids,
  count: number,
  seed: number,
  skip: (mutation: GraphqlMutation, input: InputMutation) => boolean = () => false,
): GraphqlPlan {
  const variables = mutation.args.map((a) => `$${a.name.value}: ${typeText(a.type)}`).join(', ');
  const args = mutation.args.map((a) => `${a.name.value}: $${a.name.value}`).join(', ');
  const query = `mutation(${variables}) { ${mutation.name}(${args}) { __typename } }`;
  const routeIds = (name: string) => {
    if (!mutation.route) return ids.byName(name);
    const segments = mutation.route.split('/');
    const at = segments.indexOf('{id}') >= 0 ? segments.indexOf('{id}') : segments.findIndex((s) => s.startsWith('{'));
    if (at < 0) return ids.byName(name);
    return name === 'id' || name === 'referralId'
      ? ids.byName(`${segments[at - 1]}/${segments[at].slice(1, -1)}`)
      : ids.byName(name);
  };
  const scoped: Ids = { today: ids.today, byName: (name) => routeIds(name) ?? ids.byName(name) };
  const values: Record<string, unknown> = {};
  const kinds: fc.WeightedArbitrary<InputMutation>[] = [];
  for (const arg of mutation.args) {
    values[arg.name.value] = graphqlSeed(document, arg.type, arg.name.value, scoped);
    kinds.push(...graphqlValueMutations(document, arg.type, [arg.name.value], true));
  }
  const { all: allowed, invalid: invalidKinds } = usable(kinds, (m) => skip(mutation, m));
  const hasId = mutation.args.some((a) => namedOf(a.type) === 'ID');
  const arbitrary = fc
    .array(fc.oneof(...allowed), { minLength: 1, maxLength: 3 })
    .chain((mutations) =>
      !hasId && strictest(mutations) === 'lenient'
        ? fc.oneof(...invalidKinds).map((extra) => [...mutations, extra])
        : fc.constant(mutations),
    )
    .map((mutations): GeneratedInput => ({ mutations, expect: strictest(mutations) }));
  return { mutation, query, seed: values, inputs: fc.sample(arbitrary, { numRuns: count, seed }) };
}
