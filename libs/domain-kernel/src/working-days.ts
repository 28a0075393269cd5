/**
 * Danish working days, for service levels such as "answer within 2 working days, start within 15" (DOMAIN.md):
 * Monday–Friday minus Danish public holidays and, by default, the days jobcenters and providers are customarily
 * closed.
 */
import { addDays, daysBetween, isoWeekday, localDateFromParts, localDateParts, type LocalDate } from './local-date';

export interface WorkingDayOptions {
  /**
   * Also treat Grundlovsdag (5 June), Juleaftensdag (24 December) and Nytårsaftensdag (31 December) as closed.
   * They are not public holidays by law, but most jobcenters and providers close, and a service-level clock that
   * counts them would blame a provider for a day nobody could answer. Default `true`.
   */
  readonly includeCustomaryClosingDays?: boolean;
}

export type HolidayKind = 'PUBLIC_HOLIDAY' | 'CUSTOMARY_CLOSING_DAY';

export interface DanishHoliday {
  readonly date: LocalDate;
  /** Danish name, as shown to users. */
  readonly name: string;
  readonly kind: HolidayKind;
}

// The computus below is the Gregorian one; Denmark has used the Gregorian calendar since 1700.
const FIRST_SUPPORTED_YEAR = 1700;
// Store Bededag was abolished as a public holiday from 2024 (act adopted by the Folketing in February 2023).
const LAST_YEAR_WITH_STORE_BEDEDAG = 2023;

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  assertSupportedYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return localDateFromParts(year, month, day);
}

function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > 9999) {
    throw new RangeError(`Danish holidays are computed for the years ${FIRST_SUPPORTED_YEAR}–9999, got ${year}`);
  }
}

function computeHolidays(year: number, includeCustomaryClosingDays: boolean): DanishHoliday[] {
  const easter = easterSunday(year);
  const fromEaster = (days: number, name: string): DanishHoliday => ({
    date: addDays(easter, days),
    name,
    kind: 'PUBLIC_HOLIDAY',
  });
  const fixed = (month: number, day: number, name: string, kind: HolidayKind): DanishHoliday => ({
    date: localDateFromParts(year, month, day),
    name,
    kind,
  });

  const holidays: DanishHoliday[] = [
    fixed(1, 1, 'Nytårsdag', 'PUBLIC_HOLIDAY'),
    fromEaster(-3, 'Skærtorsdag'),
    fromEaster(-2, 'Langfredag'),
    fromEaster(0, 'Påskedag'),
    fromEaster(1, '2. Påskedag'),
    fromEaster(39, 'Kristi Himmelfartsdag'),
    fromEaster(49, 'Pinsedag'),
    fromEaster(50, '2. Pinsedag'),
    fixed(12, 25, 'Juledag', 'PUBLIC_HOLIDAY'),
    fixed(12, 26, '2. Juledag', 'PUBLIC_HOLIDAY'),
  ];
  if (year <= LAST_YEAR_WITH_STORE_BEDEDAG) {
    // The fourth Friday after Easter Sunday: Easter + 5 is the first Friday after, so + 26 is the fourth.
    holidays.push(fromEaster(26, 'Store Bededag'));
  }
  if (includeCustomaryClosingDays) {
    holidays.push(
      fixed(6, 5, 'Grundlovsdag', 'CUSTOMARY_CLOSING_DAY'),
      fixed(12, 24, 'Juleaftensdag', 'CUSTOMARY_CLOSING_DAY'),
      fixed(12, 31, 'Nytårsaftensdag', 'CUSTOMARY_CLOSING_DAY'),
    );
  }
  // Fixed-width ISO strings sort chronologically. Two entries may share a date (Pinsedag fell on Grundlovsdag in
  // 2022); both are kept because both names are true.
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

interface YearCalendar {
  readonly list: readonly DanishHoliday[];
  readonly dates: ReadonlySet<LocalDate>;
}

// Working-day loops ask about the same few years thousands of times; the answer never changes, so keep it.
const calendars = new Map<string, YearCalendar>();

function calendarFor(year: number, options: WorkingDayOptions | undefined): YearCalendar {
  const includeCustomary = options?.includeCustomaryClosingDays ?? true;
  const key = `${year}:${includeCustomary}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    assertSupportedYear(year);
    const list = Object.freeze(computeHolidays(year, includeCustomary).map((h) => Object.freeze(h)));
    calendar = { list, dates: new Set(list.map((h) => h.date)) };
    calendars.set(key, calendar);
  }
  return calendar;
}

/** The year's Danish holidays (and, by default, customary closing days), in date order. */
export function danishHolidays(year: number, options?: WorkingDayOptions): readonly DanishHoliday[] {
  return calendarFor(year, options).list;
}

/** Monday–Friday and not a holiday (nor, by default, a customary closing day). */
export function isWorkingDay(date: LocalDate, options?: WorkingDayOptions): boolean {
  if (isoWeekday(date) > 5) return false;
  return !calendarFor(localDateParts(date).year, options).dates.has(date);
}

/**
 * The date `n` working days after `date`. Counting starts the day after, so a referral received on a Friday with
 * a 1-working-day answer deadline is due on Monday. `n = 0` returns `date` unchanged, working day or not.
 */
export function addWorkingDays(date: LocalDate, n: number, options?: WorkingDayOptions): LocalDate {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  // Validate up front: with n = 0 the loop below never looks at the date, and garbage must not pass through.
  localDateParts(date);
  let current = date;
  let remaining = n;
  while (remaining > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, options)) remaining--;
  }
  return current;
}

/**
 * Working days in the half-open interval (from, to]: the inverse of `addWorkingDays`, so
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`. When `to` is before `from` the result is negative.
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate, options?: WorkingDayOptions): number {
  const span = daysBetween(from, to);
  // `|| 0` so an empty backwards interval gives 0, not -0.
  if (span < 0) return -workingDaysBetween(to, from, options) || 0;
  let count = 0;
  let current = from;
  for (let i = 0; i < span; i++) {
    current = addDays(current, 1);
    if (isWorkingDay(current, options)) count++;
  }
  return count;
}
