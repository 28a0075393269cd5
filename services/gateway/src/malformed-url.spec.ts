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

  it('lets well-formed URLs through', () => {
    expect(malformedUrlParts('/api/v1/referrals?status=RECEIVED&cursor=a%2Fb&x=%C3%A6&flag')).toEqual([]);
  });
});
