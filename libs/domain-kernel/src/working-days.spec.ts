import fc from 'fast-check';
import { addDays, formatLocalDate, isoWeekday } from './local-date';
import { addWorkingDays, danishHolidays, easterSunday, isWorkingDay, workingDaysBetween } from './working-days';

const WITHOUT_CUSTOMARY = { includeCustomaryClosingDays: false } as const;

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('%i: %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1700, max: 9999 }), (year) => {
        const easter = easterSunday(year);
        const monthDay = easter.slice(5);
        return isoWeekday(easter) === 7 && monthDay >= '03-22' && monthDay <= '04-25';
      }),
    );
  });

  it('refuses years outside the Gregorian calendar in Denmark', () => {
    expect(() => easterSunday(1699)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('danishHolidays', () => {
  it('gives 2026 in date order, customary closing days included by default', () => {
    expect(danishHolidays(2026).map((h) => [h.date, h.name, h.kind])).toEqual([
      ['2026-01-01', 'Nytårsdag', 'PUBLIC_HOLIDAY'],
      ['2026-04-02', 'Skærtorsdag', 'PUBLIC_HOLIDAY'],
      ['2026-04-03', 'Langfredag', 'PUBLIC_HOLIDAY'],
      ['2026-04-05', 'Påskedag', 'PUBLIC_HOLIDAY'],
      ['2026-04-06', '2. Påskedag', 'PUBLIC_HOLIDAY'],
      ['2026-05-14', 'Kristi Himmelfartsdag', 'PUBLIC_HOLIDAY'],
      ['2026-05-24', 'Pinsedag', 'PUBLIC_HOLIDAY'],
      ['2026-05-25', '2. Pinsedag', 'PUBLIC_HOLIDAY'],
      ['2026-06-05', 'Grundlovsdag', 'CUSTOMARY_CLOSING_DAY'],
      ['2026-12-24', 'Juleaftensdag', 'CUSTOMARY_CLOSING_DAY'],
      ['2026-12-25', 'Juledag', 'PUBLIC_HOLIDAY'],
      ['2026-12-26', '2. Juledag', 'PUBLIC_HOLIDAY'],
      ['2026-12-31', 'Nytårsaftensdag', 'CUSTOMARY_CLOSING_DAY'],
    ]);
  });

  it('leaves out the customary closing days on request', () => {
    const names = danishHolidays(2026, WITHOUT_CUSTOMARY).map((h) => h.name);
    expect(names).toHaveLength(10);
    expect(names).not.toContain('Grundlovsdag');
    expect(names).not.toContain('Juleaftensdag');
    expect(names).not.toContain('Nytårsaftensdag');
  });

  it('has Store Bededag up to and including 2023, and not from 2024', () => {
    expect(danishHolidays(2023)).toContainEqual({ date: '2023-05-05', name: 'Store Bededag', kind: 'PUBLIC_HOLIDAY' });
    expect(danishHolidays(2019).find((h) => h.name === 'Store Bededag')?.date).toBe('2019-05-17');
    expect(danishHolidays(2024).map((h) => h.name)).not.toContain('Store Bededag');
    expect(danishHolidays(2030).map((h) => h.name)).not.toContain('Store Bededag');
    expect(isWorkingDay('2023-05-05')).toBe(false);
    expect(isWorkingDay('2024-04-26')).toBe(true); // would have been Store Bededag
  });

  it('keeps both names when two days coincide (Pinsedag on Grundlovsdag in 2022)', () => {
    const june5 = danishHolidays(2022).filter((h) => h.date === '2022-06-05');
    expect(june5.map((h) => h.name).sort()).toEqual(['Grundlovsdag', 'Pinsedag']);
  });

  it('cannot be changed by a caller', () => {
    const list = danishHolidays(2026) as unknown as { date: string }[];
    expect(() => list.push({ date: '2026-07-01' })).toThrow(TypeError);
    expect(danishHolidays(2026)).toHaveLength(13);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-04-01', true], // Wednesday before Easter
    ['2026-04-02', false], // Skærtorsdag
    ['2026-04-06', false], // 2. Påskedag
    ['2026-04-07', true],
    ['2026-05-14', false], // Kristi Himmelfartsdag
    ['2026-05-15', true], // the Friday after: many close, but it is no holiday
    ['2026-06-05', false], // Grundlovsdag, a Friday, closed by default
    ['2026-12-24', false],
    ['2026-12-31', false],
    ['2026-01-03', false], // Saturday
    ['2026-01-04', false], // Sunday
    ['2026-01-05', true],
  ])('%s → %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('treats the customary closing days as working days when asked to', () => {
    expect(isWorkingDay('2026-06-05', WITHOUT_CUSTOMARY)).toBe(true);
    expect(isWorkingDay('2026-12-24', WITHOUT_CUSTOMARY)).toBe(true);
    expect(isWorkingDay('2026-12-25', WITHOUT_CUSTOMARY)).toBe(false);
  });

  it('refuses invalid dates', () => {
    expect(() => isWorkingDay('2026-02-29')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('returns the same date for n = 0, even on a weekend', () => {
    expect(addWorkingDays('2026-04-04', 0)).toBe('2026-04-04');
  });

  it('starts counting the next day: Friday + 1 is Monday', () => {
    expect(addWorkingDays('2026-01-09', 1)).toBe('2026-01-12');
    expect(addWorkingDays('2026-01-10', 1)).toBe('2026-01-12'); // from a Saturday
  });

  it('skips Easter 2026', () => {
    // Thu 2 April to Mon 6 April are closed (Skærtorsdag, Langfredag, weekend, 2. Påskedag).
    expect(addWorkingDays('2026-04-01', 1)).toBe('2026-04-07');
    expect(addWorkingDays('2026-03-31', 2)).toBe('2026-04-07');
    expect(addWorkingDays('2026-03-30', 15)).toBe('2026-04-23');
  });

  it('skips Christmas and New Year 2026/27', () => {
    // Closed: 24 (customary), 25, 26–27 (weekend), 31 (customary), 1 Jan, 2–3 Jan (weekend).
    expect(addWorkingDays('2026-12-23', 1)).toBe('2026-12-28');
    expect(addWorkingDays('2026-12-23', 4)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-23', 1, WITHOUT_CUSTOMARY)).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-23', 4, WITHOUT_CUSTOMARY)).toBe('2026-12-30');
  });

  it('refuses negative or fractional n', () => {
    expect(() => addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('not-a-date', 0)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the half-open interval (from, to]', () => {
    expect(workingDaysBetween('2026-12-23', '2027-01-04')).toBe(4);
    expect(workingDaysBetween('2027-01-04', '2026-12-23')).toBe(-4);
    expect(workingDaysBetween('2026-04-01', '2026-04-01')).toBe(0);
    expect(workingDaysBetween('2026-04-01', '2026-04-06')).toBe(0);
    expect(workingDaysBetween('2026-04-06', '2026-04-01')).toBe(0); // +0, not -0, which would surprise a serializer
    expect(workingDaysBetween('2026-01-05', '2026-01-12')).toBe(5);
    // 2026: 261 weekdays, minus 7 holidays on weekdays (Påskedag, Pinsedag and 2. Juledag fall on a weekend),
    // minus 3 customary closing days = 251.
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(251);
    expect(workingDaysBetween('2025-12-31', '2026-12-31', WITHOUT_CUSTOMARY)).toBe(254);
  });
});

describe('working days (properties)', () => {
  const dateArb = fc
    .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
    .map(formatLocalDate);
  const optionsArb = fc.constantFrom(undefined, WITHOUT_CUSTOMARY, { includeCustomaryClosingDays: true });

  it('addWorkingDays lands on a working day, and workingDaysBetween is its inverse', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 80 }), optionsArb, (d, n, options) => {
        const result = addWorkingDays(d, n, options);
        if (n > 0) expect(isWorkingDay(result, options)).toBe(true);
        expect(workingDaysBetween(d, result, options)).toBe(n);
        expect(workingDaysBetween(result, d, options)).toBe(n === 0 ? 0 : -n);
      }),
    );
  });

  it('addWorkingDays(d, n) is the earliest such day: the day before it is still short of n', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 80 }), (d, n) => {
        const result = addWorkingDays(d, n);
        expect(workingDaysBetween(d, addDays(result, -1))).toBe(n - 1);
      }),
    );
  });
});
