import { parse, type OperationDefinitionNode } from 'graphql';
import { advisoryLockId, idempotencyScope, requestHash, singleMutationField } from './idempotency';

const operation = (source: string) => ({ operation: parse(source).definitions[0] as OperationDefinitionNode });

describe('Idempotency-Key helpers', () => {
  it('scopes a key to the caller: the same key from two callers is two keys', () => {
    expect(idempotencyScope({ org: '101', sub: 'a' })).toBe('101|a');
    expect(idempotencyScope({ org: '101', sub: 'b' })).not.toBe(idempotencyScope({ org: '101', sub: 'a' }));
    expect(idempotencyScope(undefined)).toBe('|');
  });

  it('hashes method, URL and body: the same request is the same hash, anything else another', () => {
    const hash = requestHash('POST', '/api/v1/referrals', { a: 1 });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash('POST', '/api/v1/referrals', { a: 1 })).toBe(hash);
    expect(requestHash('POST', '/api/v1/referrals', { a: 2 })).not.toBe(hash);
    expect(requestHash('POST', '/api/v1/offers', { a: 1 })).not.toBe(hash);
    expect(requestHash('POST', '/x', undefined)).toBe(requestHash('POST', '/x', null));
  });

  it('derives a signed 64-bit advisory lock id per table, scope and key', () => {
    const id = advisoryLockId('"referrals"."idempotency_key"', '101|a', 'k1');
    expect(BigInt(id)).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(BigInt(id)).toBeLessThan(2n ** 63n);
    expect(advisoryLockId('"referrals"."idempotency_key"', '101|a', 'k1')).toBe(id);
    expect(advisoryLockId('"placements"."idempotency_key"', '101|a', 'k1')).not.toBe(id);
    expect(advisoryLockId('"referrals"."idempotency_key"', '101|a', 'k2')).not.toBe(id);
  });

  it('covers a GraphQL request only when it runs one mutation field', () => {
    expect(singleMutationField(operation('mutation { acceptReferral(id: "1") { id } }'))).toBe(true);
    expect(
      singleMutationField(
        operation('mutation { a: acceptReferral(id: "1") { id } b: acceptReferral(id: "2") { id } }'),
      ),
    ).toBe(false);
    expect(singleMutationField(operation('query { referral(id: "1") { id } }'))).toBe(false);
  });
});
