import fc from 'fast-check';
import {
  addDays,
  addMonths,
  compareLocalDates,
  daysBetween,
  formatLocalDate,
  isoWeekday,
  isValidLocalDate,
  parseLocalDate,
  todayInCopenhagen,
} from './local-date';

/** Any real date in 1900–2100, as a LocalDate string. */
const localDateArb = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map(formatLocalDate);

describe('isValidLocalDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])('accepts %s', (s) =>
    expect(isValidLocalDate(s)).toBe(true),
  );

  it.each([
    '2026-02-29', // 2026 is not a leap year
    '1900-02-29', // century, not divisible by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-01',
    '2026-01-1',
    '26-01-01',
    '2026/01/01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '0000-01-01',
    '',
  ])('refuses %j', (s) => expect(isValidLocalDate(s)).toBe(false));

  it('refuses non-strings', () => {
    expect(isValidLocalDate(new Date())).toBe(false);
    expect(isValidLocalDate(20260101)).toBe(false);
    expect(isValidLocalDate(null)).toBe(false);
  });
});

describe('parseLocalDate / formatLocalDate', () => {
  it('parses to midnight UTC', () => {
    expect(parseLocalDate('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
  });

  it('formats by the UTC date, whatever the time of day', () => {
    expect(formatLocalDate(new Date('2026-03-29T23:59:59.999Z'))).toBe('2026-03-29');
    expect(formatLocalDate(new Date('0099-05-01T00:00:00Z'))).toBe('0099-05-01');
  });

  it('throws on invalid input', () => {
    expect(() => parseLocalDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatLocalDate(new Date('nope'))).toThrow(RangeError);
  });

  it('round-trips any date', () => {
    fc.assert(fc.property(localDateArb, (d) => formatLocalDate(parseLocalDate(d)) === d));
  });
});

describe('addDays / daysBetween / compareLocalDates', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // across the DST change in Denmark: no hour lost
  });

  it('counts signed days', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-01-02', '2026-01-01')).toBe(-1);
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(0);
  });

  it('compares', () => {
    expect(compareLocalDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareLocalDates('2026-01-02', '2026-01-01')).toBe(1);
    expect(compareLocalDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(['2026-03-01', '2025-12-31', '2026-01-15'].sort(compareLocalDates)).toEqual([
      '2025-12-31',
      '2026-01-15',
      '2026-03-01',
    ]);
  });

  it('refuses non-integer days and invalid dates', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('is consistent: daysBetween(d, addDays(d, n)) === n and addDays is reversible', () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: -20_000, max: 20_000 }), (d, n) => {
        const e = addDays(d, n);
        return daysBetween(d, e) === n && addDays(e, -n) === d && compareLocalDates(d, e) === -Math.sign(n);
      }),
    );
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', 3, '2026-04-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-10-31', 12, '2027-10-31'],
    ['2026-01-15', -13, '2024-12-15'],
    ['2026-05-20', 0, '2026-05-20'],
  ] as const)('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('never leaves the target month', () => {
    fc.assert(
      fc.property(localDateArb, fc.integer({ min: -240, max: 240 }), (d, n) => {
        const [y, m] = d.split('-').map(Number) as [number, number];
        const index = y * 12 + (m - 1) + n;
        const expected = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
        return addMonths(d, n).slice(0, 7) === expected;
      }),
    );
  });
});

describe('isoWeekday', () => {
  it('numbers Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-01-01')).toBe(4); // Thursday
    expect(isoWeekday('2026-04-05')).toBe(7); // Easter Sunday
    expect(isoWeekday('2026-04-06')).toBe(1);
    expect(isoWeekday('1969-12-31')).toBe(3); // before the epoch
  });
});

describe('todayInCopenhagen', () => {
  it.each([
    ['2026-01-15T22:59:59Z', '2026-01-15'], // CET, UTC+1
    ['2026-01-15T23:00:00Z', '2026-01-16'],
    ['2026-06-30T21:59:59Z', '2026-06-30'], // CEST, UTC+2
    ['2026-06-30T22:30:00Z', '2026-07-01'],
    ['2026-12-31T23:30:00Z', '2027-01-01'],
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the night DST starts
  ])('at %s it is %s in Denmark', (instant, expected) => {
    expect(todayInCopenhagen(new Date(instant))).toBe(expected);
  });

  it('defaults to now and returns a valid date', () => {
    expect(isValidLocalDate(todayInCopenhagen())).toBe(true);
  });
});
