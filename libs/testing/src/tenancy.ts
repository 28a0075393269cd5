import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import {
  RESOLVER_NAME_METADATA,
  RESOLVER_PROPERTY_METADATA,
  RESOLVER_REFERENCE_METADATA,
  RESOLVER_TYPE_METADATA,
  TypeMetadataStorage,
} from '@nestjs/graphql';
import { expect, it } from '@jest/globals';
import type request from 'supertest';
import { decideCourseAccess, type Actor, type CourseAccess, type TenantOwner } from '@platform/auth';
import type { Role } from '@platform/domain-kernel';
import { tokenFor } from './builders';

/**
 * The driver of every service's table-driven tenancy test (ADR 0052, issue 11 item 5): each REST route and each
 * GraphQL field with a resolver is one row of a table; each row is called as every caller below, and the expected
 * answer is derived from the row's rule through the one tenancy rule set of libs/auth. The table is compared with
 * the routes and resolvers the Nest app registers, so a new route without a row fails the test.
 */

export const CALLERS = [
  'jobcenter own',
  'jobcenter other',
  'provider own',
  'provider other',
  'analyst',
  'admin',
  'no token',
] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * Who may call a row: a course access judged against the fixture's owner, a role set (no per-course data), or
 * anyone (`@Public()`, e.g. a reference resolver that only echoes the id it was given).
 */
export type AccessRule = { course: CourseAccess } | { roles: readonly Role[] } | { public: true };

export type RestExpectation = number | 'pass';

export interface RestRow {
  /** `METHOD /pattern` as the app registers it, e.g. `GET /api/v1/placements/:id`. */
  route: string;
  rule: AccessRule;
  /** The concrete URL to call (defaults to the pattern). */
  url?: string;
  body?: () => object;
  /** The status an admitted caller gets; without it, anything but 401/403/404 and 5xx passes (a write's 409/422). */
  ok?: number;
  /** Exceptions to the rule's answer, each with a reason in the table. */
  overrides?: Partial<Record<Caller, RestExpectation>>;
  /**
   * A batch route answers 200 with a status per item: the item's status follows this rule for the callers the
   * route admits (e.g. another provider's item is 404 inside a 200).
   */
  item?: { rule: AccessRule; status: (body: unknown) => number; overrides?: Partial<Record<Caller, RestExpectation>> };
}

/** `null`: no error and no data (null or an empty list), GraphQL's answer where REST says 404. */
export type GraphqlExpectation = 'pass' | 'null' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED';

export interface GraphqlRow {
  /** `Type.field` of the resolver, e.g. `Query.placement`, `Referral.measurements`. */
  field: string;
  rule: AccessRule;
  query: string;
  variables?: () => Record<string, unknown>;
  /** The value of the field in `data` (e.g. `data._entities[0].measurements`). */
  pick: (data: Record<string, unknown> | null | undefined) => unknown;
  /** Mutations answer another tenant with NOT_FOUND; reads answer null. */
  mutation?: boolean;
  /** A list scoped to the caller's own tenant: an admitted caller may get an empty one. */
  scopedList?: boolean;
  overrides?: Partial<Record<Caller, GraphqlExpectation>>;
}

export interface TenancyFixture {
  http: ReturnType<typeof request>;
  /** The owner of the fixture's course: municipality 101 and the service's own provider. */
  owner: { municipalityCode: string; providerId: string };
  otherProvider: string;
}

const OTHER_MUNICIPALITY = '147';

export function actorOf(caller: Caller, fixture: TenancyFixture): Actor | null {
  switch (caller) {
    case 'jobcenter own':
      return { sub: 'tenancy-jobcenter', role: 'jobcenter', org: fixture.owner.municipalityCode };
    case 'jobcenter other':
      return { sub: 'tenancy-jobcenter-other', role: 'jobcenter', org: OTHER_MUNICIPALITY };
    case 'provider own':
      return { sub: 'tenancy-provider', role: 'provider', org: fixture.owner.providerId };
    case 'provider other':
      return { sub: 'tenancy-provider-other', role: 'provider', org: fixture.otherProvider };
    case 'analyst':
      return { sub: 'tenancy-analyst', role: 'analyst', org: fixture.owner.municipalityCode };
    case 'admin':
      return { sub: 'tenancy-admin', role: 'admin', org: '' };
    case 'no token':
      return null;
  }
}

type Decision = 'allowed' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED';

function decide(rule: AccessRule, actor: Actor | null, owner: TenantOwner): Decision {
  if ('public' in rule) return 'allowed';
  if (!actor) return 'UNAUTHENTICATED';
  if ('roles' in rule) return rule.roles.includes(actor.role) ? 'allowed' : 'FORBIDDEN';
  const decision = decideCourseAccess(actor, rule.course, owner);
  return decision.allowed ? 'allowed' : decision.answer;
}

export function expectedRest(row: RestRow, caller: Caller, fixture: TenancyFixture): RestExpectation {
  const override = row.overrides?.[caller];
  if (override !== undefined) return override;
  const decision = decide(row.rule, actorOf(caller, fixture), fixture.owner);
  switch (decision) {
    case 'allowed':
      return row.ok ?? 'pass';
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
  }
}

export function expectedGraphql(row: GraphqlRow, caller: Caller, fixture: TenancyFixture): GraphqlExpectation {
  const override = row.overrides?.[caller];
  if (override !== undefined) return override;
  const decision = decide(row.rule, actorOf(caller, fixture), fixture.owner);
  switch (decision) {
    case 'allowed':
      return 'pass';
    case 'NOT_FOUND':
      return row.mutation ? 'NOT_FOUND' : 'null';
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return decision;
  }
}

/** Denied callers first: an admitted write may change the resource, a refusal never does. */
function callOrder<T>(expected: (caller: Caller) => T, admitted: (answer: T) => boolean): Caller[] {
  return [...CALLERS].sort((a, b) => Number(admitted(expected(a))) - Number(admitted(expected(b))));
}

async function headerFor(caller: Caller, fixture: TenancyFixture): Promise<Record<string, string>> {
  const actor = actorOf(caller, fixture);
  return actor ? { authorization: `Bearer ${await tokenFor(actor.role, actor.org, actor.sub)}` } : {};
}

export interface TenancyReport {
  cells: number;
  mismatches: string[];
}

/** An admitted caller passes with anything but 401/403/404 or a 5xx (a write may meet 409/422 after another's). */
const passes = (expected: RestExpectation, status: number): boolean =>
  expected === 'pass' ? ![401, 403, 404].includes(status) && status < 500 : status === expected;

export async function runRestTable(fixture: TenancyFixture, rows: readonly RestRow[]): Promise<TenancyReport> {
  const mismatches: string[] = [];
  let cells = 0;
  for (const row of rows) {
    const [method, pattern] = row.route.split(' ');
    const expected = (caller: Caller) => expectedRest(row, caller, fixture);
    for (const caller of callOrder(expected, (answer) => answer === 'pass' || answer < 300)) {
      const want = expected(caller);
      let call = fixture.http[method.toLowerCase() as 'get' | 'post'](row.url ?? pattern);
      for (const [name, value] of Object.entries(await headerFor(caller, fixture))) call = call.set(name, value);
      if (row.body) call = call.send(row.body());
      const res = await call;
      cells += 1;
      if (!passes(want, res.status)) {
        const detail = (res.body as { detail?: string } | undefined)?.detail ?? '';
        mismatches.push(`${row.route} as ${caller}: expected ${want}, got ${res.status} ${detail}`.trim());
      } else if (row.item && res.status === 200) {
        const itemWant = expectedRest({ route: row.route, ...row.item }, caller, fixture);
        const itemStatus = row.item.status(res.body);
        if (!passes(itemWant, itemStatus)) {
          mismatches.push(`${row.route} item as ${caller}: expected ${itemWant}, got ${itemStatus}`);
        }
      }
    }
  }
  return { cells, mismatches };
}

export async function runGraphqlTable(fixture: TenancyFixture, rows: readonly GraphqlRow[]): Promise<TenancyReport> {
  const mismatches: string[] = [];
  let cells = 0;
  for (const row of rows) {
    const expected = (caller: Caller) => expectedGraphql(row, caller, fixture);
    for (const caller of callOrder(expected, (answer) => answer === 'pass')) {
      const want = expected(caller);
      let call = fixture.http.post('/graphql');
      for (const [name, value] of Object.entries(await headerFor(caller, fixture))) call = call.set(name, value);
      const res = await call.send({ query: row.query, variables: row.variables?.() ?? {} });
      cells += 1;
      const body = res.body as {
        data?: Record<string, unknown> | null;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? e.message);
      const value = row.pick(body.data);
      const empty = value === null || value === undefined || (Array.isArray(value) && value.length === 0);
      const denial = codes.find((code) => ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'].includes(code));
      let passes: boolean;
      switch (want) {
        case 'pass':
          passes = denial === undefined && (row.mutation === true || row.scopedList === true || !empty);
          break;
        case 'null':
          passes = codes.length === 0 && empty;
          break;
        case 'FORBIDDEN':
        case 'NOT_FOUND':
        case 'UNAUTHENTICATED':
          passes = codes.includes(want) && empty;
          break;
      }
      if (!passes) {
        mismatches.push(
          `${row.field} as ${caller}: expected ${want}, got ${codes.join(',') || (empty ? 'null' : 'data')}`,
        );
      }
    }
  }
  return { cells, mismatches };
}

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every route of the app's controllers, as `METHOD /pattern` (the Fastify-level health/metrics/docs excluded). */
export function registeredRoutes(app: INestApplication): string[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const base = Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      for (const b of [base ?? ''].flat()) {
        for (const p of [path].flat()) routes.push(`${METHODS[method] ?? String(method)} ${joinPath(b, p)}`);
      }
    }
  }
  return routes.sort();
}

/**
 * Every GraphQL entry point the app's resolvers register: `Query.x`, `Mutation.x`, `Type.field` for a
 * @ResolveField and `Type.__resolveReference` for a federation reference resolver.
 */
export function registeredFields(app: INestApplication): string[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const fields: string[] = [];
  for (const wrapper of discovery.getProviders()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype || typeof metatype !== 'function') continue;
    const typeName = resolverTypeName(Reflect.getMetadata(RESOLVER_TYPE_METADATA, metatype));
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const operation = Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) as string | undefined;
      const fieldName = (Reflect.getMetadata(RESOLVER_NAME_METADATA, handler) as string | undefined) ?? name;
      if (operation) fields.push(`${operation}.${fieldName}`);
      else if (Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, handler)) fields.push(`${typeName}.${fieldName}`);
      else if (Reflect.getMetadata(RESOLVER_REFERENCE_METADATA, handler)) fields.push(`${typeName}.__resolveReference`);
    }
  }
  return fields.sort();
}

function resolverTypeName(type: unknown): string {
  if (typeof type === 'string') return type;
  if (typeof type === 'function') {
    const target =
      (type as () => unknown).length === 0 && !('prototype' in type && type.prototype)
        ? (type as () => unknown)()
        : type;
    const metadata = TypeMetadataStorage.getObjectTypeMetadataByTarget(target as never);
    return metadata?.name ?? (target as { name?: string }).name ?? 'Unknown';
  }
  return 'Unknown';
}

/**
 * The three checks every service's tenancy table makes, declared once: the table covers every route and resolver
 * the app registers (a new one without a row fails), and every cell answers as the rule set says.
 */
export function itFollowsTheTenancyTable(
  table: () => { app: INestApplication; fixture: TenancyFixture; rest: RestRow[]; graphql: GraphqlRow[] },
): void {
  it('has a row for every route and resolver the app registers', () => {
    const { app, rest, graphql } = table();
    expect(rest.map((row) => row.route).sort()).toEqual(registeredRoutes(app));
    expect(graphql.map((row) => row.field).sort()).toEqual(registeredFields(app));
  });

  it('answers every GraphQL field as the tenancy rule says (null where REST says 404)', async () => {
    const { fixture, graphql } = table();
    const report = await runGraphqlTable(fixture, graphql);
    expect(report.mismatches).toEqual([]);
    expect(report.cells).toBe(graphql.length * CALLERS.length);
  });

  it('answers every REST route as the tenancy rule says', async () => {
    const { fixture, rest } = table();
    const report = await runRestTable(fixture, rest);
    expect(report.mismatches).toEqual([]);
    expect(report.cells).toBe(rest.length * CALLERS.length);
  });
}
