import fc from 'fast-check';
import { isValidCpr, maskCpr, parseCpr } from './cpr';
import { formatLocalDate } from './local-date';

function birthDateOf(input: string): string {
  const result = parseCpr(input);
  if (!result.ok) throw new Error(`expected ${input} to be valid, got: ${result.reason}`);
  return result.birthDate;
}

function reasonOf(input: unknown): string {
  const result = parseCpr(input);
  if (result.ok) throw new Error(`expected ${String(input)} to be refused`);
  return result.reason;
}

describe('parseCpr', () => {
  it('accepts both written forms and normalises to 10 digits', () => {
    const plain = parseCpr('0101901234');
    const hyphen = parseCpr('010190-1234');
    expect(plain).toEqual({ ok: true, value: '0101901234', birthDate: '1990-01-01' });
    expect(hyphen).toEqual(plain);
  });

  it('does not require modulus 11 (numbers issued since 2007 may fail it)', () => {
    // Weighted sum with 4,3,2,7,6,5,4,3,2,1 is 84, not a multiple of 11.
    expect(isValidCpr('0101901234')).toBe(true);
  });

  describe('century rule of the 7th digit', () => {
    it.each([
      ['0101000000', '1900-01-01'], // 0–3: always 1900s
      ['0101993999', '1999-01-01'],
      ['0101364000', '2036-01-01'], // 4: YY ≤ 36 → 2000s
      ['0101374000', '1937-01-01'], //    YY > 36 → 1900s
      ['0101369000', '2036-01-01'], // 9: same as 4
      ['0101379999', '1937-01-01'],
      ['0101575000', '2057-01-01'], // 5–8: YY ≤ 57 → 2000s
      ['0101585000', '1858-01-01'], //      YY > 57 → 1800s
      ['0101008000', '2000-01-01'],
      ['3112998999', '1899-12-31'],
    ])('%s is born %s', (cpr, expected) => {
      expect(birthDateOf(cpr)).toBe(expected);
    });
  });

  describe('29 February', () => {
    it.each([
      ['2902961234', '1996-02-29'], // leap year
      ['2902004234', '2000-02-29'], // 2000 is a leap year (divisible by 400)
      ['2902009234', '2000-02-29'],
      ['2902565234', '2056-02-29'],
      ['2902245234', '2024-02-29'],
    ])('accepts %s (%s)', (cpr, expected) => {
      expect(birthDateOf(cpr)).toBe(expected);
    });

    it.each([
      '2902971234', // 1997
      '2902001234', // 1900: digit 0–3 puts 00 in the 1900s, and 1900 is not a leap year
      '2902585234', // 1858
      '2902254234', // 2025
    ])('refuses %s', (cpr) => {
      expect(reasonOf(cpr)).toBe('DDMMYY is not a real date');
    });
  });

  it.each(['3204901234', '3104901234', '0013901234', '0001901234', '0100901234', '6101901234'])(
    'refuses impossible day or month in %s',
    (cpr) => {
      expect(reasonOf(cpr)).toBe('DDMMYY is not a real date');
    },
  );

  it.each([
    '',
    '010190123',
    '01019012345',
    '010190-123',
    '0101901-234',
    '010190 1234',
    '010190--1234',
    ' 0101901234',
    '0101901234 ',
    'O101901234',
    '01019O1234',
    '０１０１９０１２３４', // full-width digits
  ])('refuses the malformed %j', (input) => {
    expect(reasonOf(input)).toMatch(/must be 10 digits/);
  });

  it('refuses non-strings', () => {
    expect(reasonOf(101901234)).toBe('must be a string');
    expect(reasonOf(undefined)).toBe('must be a string');
  });

  it('never echoes the number in a reason', () => {
    for (const input of ['3204901234', '2902971234', '01019012345']) {
      const reason = reasonOf(input);
      expect(reason).not.toContain(input.slice(0, 6));
      expect(reason).not.toContain(input.slice(6));
    }
  });

  it('reads back the birth date for every real date 1858–2057 with a fitting 7th digit', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1858-01-01T00:00:00Z'), max: new Date('2057-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
        (date, tail) => {
          const iso = formatLocalDate(date);
          const year = Number(iso.slice(0, 4));
          // A 7th digit that, by the century rule, puts YY in this year's century (4 reaches only 2036).
          const seventh = year < 1900 ? '5' : year < 2000 ? '0' : year <= 2036 ? '4' : '5';
          const cpr = `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}${seventh}${tail}`;
          expect(birthDateOf(cpr)).toBe(iso);
        },
      ),
    );
  });
});

describe('maskCpr', () => {
  it('keeps the date part and hides the serial', () => {
    expect(maskCpr('0101901234')).toBe('010190-xxxx');
    expect(maskCpr('010190-1234')).toBe('010190-xxxx');
  });

  it('masks everything when the input is not shaped like a CPR number', () => {
    expect(maskCpr('01019012345')).toBe('xxxxxx-xxxx');
    expect(maskCpr('hello')).toBe('xxxxxx-xxxx');
    expect(maskCpr(undefined)).toBe('xxxxxx-xxxx');
  });
});
