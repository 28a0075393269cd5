import fc from 'fast-check';
import { isValidCvr, isValidPNumber, makeValidCvr, parseCvr, parsePNumber } from './cvr';

describe('parseCvr', () => {
  // Real, public CVR numbers. What matters is that real numbers pass; the holders are named only for orientation.
  it.each([
    ['64942212', 'Københavns Kommune'],
    ['61126228', 'Danske Bank'],
    ['24256790', 'Novo Nordisk'],
    ['22756214', 'A.P. Møller - Mærsk'],
    ['61056416', 'Carlsberg'],
    ['29189846', 'checksum verified by hand: 4+63+6+40+36+24+8+6 = 187 = 17 × 11'],
  ])('accepts %s (%s)', (cvr) => {
    expect(parseCvr(cvr)).toEqual({ ok: true, value: cvr });
  });

  it.each([
    ['12345678', 'fails the modulus-11 check'], // weighted sum 114 = 10 × 11 + 4
    ['64942213', 'fails the modulus-11 check'], // last digit changed
    ['46942212', 'fails the modulus-11 check'], // first two digits swapped
    ['01234567', 'must not start with 0'],
    ['00000000', 'must not start with 0'],
    ['1234567', 'must be 8 digits'],
    ['123456789', 'must be 8 digits'],
    ['6494221a', 'must be 8 digits'],
    ['6494 2212', 'must be 8 digits'],
    ['DK64942212', 'must be 8 digits'],
    ['', 'must be 8 digits'],
  ])('refuses %j: %s', (input, reason) => {
    expect(parseCvr(input)).toEqual({ ok: false, reason });
  });

  it('refuses non-strings', () => {
    expect(parseCvr(64942212)).toEqual({ ok: false, reason: 'must be a string' });
    expect(isValidCvr(null)).toBe(false);
  });

  it('catches every single-digit typo', () => {
    // Modulus 11 with weights below 11 detects any one changed digit; check that our weights keep that promise.
    const valid = '64942212';
    for (let i = 0; i < 8; i++) {
      for (let d = 0; d <= 9; d++) {
        const typo = `${valid.slice(0, i)}${d}${valid.slice(i + 1)}`;
        if (typo !== valid) expect(isValidCvr(typo)).toBe(false);
      }
    }
  });
});

describe('makeValidCvr', () => {
  it('appends the check digit', () => {
    expect(makeValidCvr('6494221')).toBe('64942212');
    expect(makeValidCvr('2918984')).toBe('29189846');
  });

  it('adjusts the 7th digit when no check digit exists', () => {
    // 1000005: weighted sum 12, the check digit would have to be 10.
    expect(makeValidCvr('1000005')).toBe('10000068');
    expect(makeValidCvr('1000009').slice(0, 6)).toBe('100000');
  });

  it('refuses seeds that cannot become a CVR', () => {
    expect(() => makeValidCvr('0123456')).toThrow(RangeError);
    expect(() => makeValidCvr('123456')).toThrow(RangeError);
    expect(() => makeValidCvr('12345678')).toThrow(RangeError);
  });

  it('always yields a valid CVR that keeps at least the first six seed digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{6}$/), (seed) => {
        const cvr = makeValidCvr(seed);
        expect(isValidCvr(cvr)).toBe(true);
        expect(cvr.slice(0, 6)).toBe(seed.slice(0, 6));
        expect(makeValidCvr(seed)).toBe(cvr); // deterministic
      }),
    );
  });
});

describe('parsePNumber', () => {
  it('accepts 10 digits', () => {
    expect(parsePNumber('1003388394')).toEqual({ ok: true, value: '1003388394' });
    expect(isValidPNumber('1003388394')).toBe(true);
  });

  it.each(['100338839', '10033883945', '100338839x', '', '1003-388394'])('refuses %j', (input) => {
    expect(parsePNumber(input)).toEqual({ ok: false, reason: 'must be 10 digits' });
  });

  it('refuses non-strings', () => {
    expect(isValidPNumber(1003388394)).toBe(false);
  });
});
