import { describe, expect, it } from '@jest/globals';
import { DomainError, makeValidCvr } from '@platform/domain-kernel';
import type { Actor } from './actor';
import { actorFromClaims } from './claims';
import {
  assertCourseAccess,
  assertNamesOwnTenant,
  decideCourseAccess,
  tenantScope,
  type CourseAccess,
  type TenancyDecision,
  type TenantOwner,
} from './tenancy';

const PROVIDER = makeValidCvr('4100001');
const OTHER_PROVIDER = makeValidCvr('4100002');
const owner: TenantOwner = { municipalityCode: '101', providerId: PROVIDER };

const actors = {
  'jobcenter own': { sub: 'j', role: 'jobcenter', org: '101' },
  'jobcenter other': { sub: 'j2', role: 'jobcenter', org: '147' },
  'provider own': { sub: 'p', role: 'provider', org: PROVIDER },
  'provider other': { sub: 'p2', role: 'provider', org: OTHER_PROVIDER },
  'analyst own municipality': { sub: 'a', role: 'analyst', org: '101' },
  admin: { sub: 'x', role: 'admin', org: '' },
} satisfies Record<string, Actor>;
type Who = keyof typeof actors;

const ok: TenancyDecision = { allowed: true };
const e403: TenancyDecision = { allowed: false, answer: 'FORBIDDEN' };
const e404: TenancyDecision = { allowed: false, answer: 'NOT_FOUND' };

// The whole rule set as one table: who × what → answer, for an existing resource and for a missing one.
const TABLE: Record<Who, Record<CourseAccess, [existing: TenancyDecision, missing: TenancyDecision]>> = {
  'jobcenter own': { read: [ok, e404], 'write-as-provider': [e403, e403], 'write-as-jobcenter': [ok, e404] },
  'jobcenter other': { read: [e404, e404], 'write-as-provider': [e403, e403], 'write-as-jobcenter': [e404, e404] },
  'provider own': { read: [ok, e404], 'write-as-provider': [ok, e404], 'write-as-jobcenter': [e403, e403] },
  'provider other': { read: [e404, e404], 'write-as-provider': [e404, e404], 'write-as-jobcenter': [e403, e403] },
  'analyst own municipality': {
    read: [e403, e403],
    'write-as-provider': [e403, e403],
    'write-as-jobcenter': [e403, e403],
  },
  admin: { read: [ok, e404], 'write-as-provider': [ok, e404], 'write-as-jobcenter': [ok, e404] },
};

const rows = Object.entries(TABLE).flatMap(([who, accesses]) =>
  Object.entries(accesses).map(([access, [existing, missing]]) => ({
    who: who as Who,
    access: access as CourseAccess,
    existing,
    missing,
  })),
);

describe('the tenancy rule set (API.md: 403 role not allowed, 404 another tenant)', () => {
  it.each(rows)('$who $access → $existing.allowed / $existing.answer', ({ who, access, existing, missing }) => {
    expect(decideCourseAccess(actors[who], access, owner)).toEqual(existing);
    expect(decideCourseAccess(actors[who], access, null)).toEqual(missing);
  });

  it('an owner not yet known (projection has only part of the course) is nobody’s tenant', () => {
    const unknown = { municipalityCode: null, providerId: null };
    expect(decideCourseAccess(actors['jobcenter own'], 'read', unknown)).toEqual(e404);
    expect(decideCourseAccess(actors['provider own'], 'read', unknown)).toEqual(e404);
  });

  it('assertCourseAccess throws the coded error and returns the resource when allowed', () => {
    const resource = { ...owner, id: 'r1' };
    expect(assertCourseAccess(actors['provider own'], 'read', resource, 'Referral', 'r1')).toBe(resource);
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as DomainError).code;
      }
      return 'none';
    };
    expect(code(() => assertCourseAccess(actors['provider other'], 'read', resource, 'Referral', 'r1'))).toBe(
      'NOT_FOUND',
    );
    expect(code(() => assertCourseAccess(actors['analyst own municipality'], 'read', null, 'Referral', 'r1'))).toBe(
      'FORBIDDEN',
    );
  });

  it('scopes lists: analysts see their municipality’s aggregates but no per-course list', () => {
    expect(tenantScope(actors.admin, 'courses')).toEqual({ kind: 'all' });
    expect(tenantScope(actors['jobcenter own'], 'courses')).toEqual({ kind: 'municipality', municipalityCode: '101' });
    expect(tenantScope(actors['provider own'], 'aggregates')).toEqual({ kind: 'provider', providerId: PROVIDER });
    expect(tenantScope(actors['analyst own municipality'], 'aggregates')).toEqual({
      kind: 'municipality',
      municipalityCode: '101',
    });
    expect(() => tenantScope(actors['analyst own municipality'], 'courses')).toThrow(DomainError);
  });
});

describe('a tenant named by the caller (body or filter)', () => {
  it.each([
    ['jobcenter own', 'municipalityCode', '101', 'ok'],
    ['jobcenter own', 'municipalityCode', '147', 'FORBIDDEN'],
    ['jobcenter own', 'providerId', OTHER_PROVIDER, 'ok'],
    ['analyst own municipality', 'municipalityCode', '147', 'FORBIDDEN'],
    ['provider own', 'providerId', OTHER_PROVIDER, 'FORBIDDEN'],
    ['provider own', 'municipalityCode', '147', 'ok'],
    ['admin', 'municipalityCode', '147', 'ok'],
  ] as const)('%s naming %s %s → %s', (who, field, value, expected) => {
    let got = 'ok';
    try {
      assertNamesOwnTenant(actors[who], field, value);
    } catch (error) {
      got = (error as DomainError).code;
    }
    expect(got).toBe(expected);
  });
});

describe('tenancy-relevant token claims', () => {
  const claims = (role: string, org?: unknown) => ({ sub: 's', role, org });
  it.each([
    ['jobcenter', '101'],
    ['analyst', '851'],
    ['provider', PROVIDER],
    ['admin', undefined],
    ['admin', 'anything'],
  ])('accepts %s with org %s', (role, org) => {
    expect(actorFromClaims(claims(role, org)).role).toBe(role);
  });

  it.each([
    ['jobcenter', ''],
    ['jobcenter', '999'],
    ['jobcenter', '0101'],
    ['jobcenter', PROVIDER],
    ['analyst', 'all'],
    ['analyst', '*'],
    ['jobcenter', '*'],
    ['jobcenter', '101 '],
    ['jobcenter', ' 101'],
    ['provider', '*'],
    ['provider', `${PROVIDER} `],
    ['provider', '12345678'],
    ['provider', '101'],
    ['provider', 12345674],
  ])('refuses %s with org %p as unauthenticated (never an empty tenant)', (role, org) => {
    let code = 'accepted';
    try {
      actorFromClaims(claims(role, org));
    } catch (error) {
      code = (error as DomainError).code;
    }
    expect(code).toBe('UNAUTHENTICATED');
  });
});
