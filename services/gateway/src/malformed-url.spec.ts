import { malformedUrlParts } from './gateway';

describe('URLs the gateway cannot forward', () => {
  it('names the query parameter whose percent-encoding is not UTF-8 (a lone surrogate, a stray byte)', () => {
    expect(malformedUrlParts('/api/v1/offers?providerId=%ED%A0%80&x=1')).toEqual([
      { field: 'providerId', message: 'must be percent-encoded UTF-8' },
    ]);
    expect(malformedUrlParts('/api/v1/scales?%FF=1')).toEqual([
      { field: '', message: 'must be percent-encoded UTF-8' },
    ]);
    expect(malformedUrlParts('/api/v1/scales/%ED%A0%80')).toEqual([
      { field: '', message: 'the path must be percent-encoded UTF-8' },
    ]);
  });

  it('names the path parameter that begins or ends with .. (the forwarding client refuses it as a traversal)', () => {
    expect(malformedUrlParts('/api/v1/referrals/..gpa./reject', '/api/v1/referrals/{id}/reject')).toEqual([
      { field: 'id', message: "must not begin or end with '..'" },
    ]);
    expect(malformedUrlParts('/api/v1/scales/x%2E%2E', '/api/v1/scales/{code}')).toEqual([
      { field: 'code', message: "must not begin or end with '..'" },
    ]);
    expect(malformedUrlParts('/api/v1/scales/a..b', '/api/v1/scales/{code}')).toEqual([]);
  });

  it('lets well-formed URLs through', () => {
    expect(malformedUrlParts('/api/v1/referrals?status=RECEIVED&cursor=a%2Fb&x=%C3%A6&flag')).toEqual([]);
  });
});
