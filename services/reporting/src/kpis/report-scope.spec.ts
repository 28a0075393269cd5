import type { Actor } from '@platform/auth';
import { DomainError } from '@platform/domain-kernel';
import { filterSql, scopeFilter } from './report-scope';

const actor = (role: Actor['role'], org = ''): Actor => ({ sub: 's', role, org });

describe('report tenancy', () => {
  it('lets an admin filter freely', () => {
    expect(scopeFilter(actor('admin'), { municipalityCode: '147' })).toEqual({ municipalityCode: '147' });
  });

  it.each(['analyst', 'jobcenter'] as const)('narrows a %s to its municipality and refuses another', (role) => {
    expect(scopeFilter(actor(role, '101'), { providerId: '12345678' })).toEqual({
      providerId: '12345678',
      municipalityCode: '101',
    });
    expect(scopeFilter(actor(role, '101'), { municipalityCode: '101' })).toEqual({ municipalityCode: '101' });
    expect(() => scopeFilter(actor(role, '101'), { municipalityCode: '147' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }) as DomainError,
    );
  });

  it('narrows a provider to its own courses in any municipality and refuses another provider', () => {
    expect(scopeFilter(actor('provider', '12345678'), { municipalityCode: '147' })).toEqual({
      municipalityCode: '147',
      providerId: '12345678',
    });
    expect(() => scopeFilter(actor('provider', '12345678'), { providerId: '87654321' })).toThrow(DomainError);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => scopeFilter(actor('admin'), { from: '2025-02-01', to: '2025-01-31' })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }) as DomainError,
    );
  });

  it('builds parameterised SQL, never interpolating values', () => {
    const { where, params } = filterSql(
      { municipalityCode: "101' OR 1=1", providerId: 'p', targetGroup: 'CASH_BENEFIT', from: '2025-01-01', to: null },
      2,
    );
    expect(where).toBe(
      'c.received_date IS NOT NULL AND c.municipality_code = $2 AND c.provider_id = $3 AND c.target_group = $4 AND c.received_date >= $5::date',
    );
    expect(params).toEqual(["101' OR 1=1", 'p', 'CASH_BENEFIT', '2025-01-01']);
  });
});
