/**
 * Calendar dates ("local dates") as `YYYY-MM-DD` strings, the wire format of API.md.
 *
 * A referral's start date or a follow-up date is a day in Denmark, not an instant: carrying it as a JS `Date`
 * invites off-by-one bugs around midnight and daylight saving time. So dates stay strings end to end, and all
 * arithmetic here goes through a whole-day count in UTC, where every day has exactly 24 hours.
 */

/** A `YYYY-MM-DD` calendar date. Plain string so DTOs and database rows need no conversion; functions validate. */
export type LocalDate = string;

const MS_PER_DAY = 86_400_000;
const LOCAL_DATE_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;
// Year 0000 would need proleptic-calendar discussions nobody here needs; four digits keep string order = date order.
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

export interface LocalDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    case 1:
    case 3:
    case 5:
    case 7:
    case 8:
    case 10:
    case 12:
      return 31;
    default:
      throw new RangeError(`Month must be 1–12, got ${month}`);
  }
}

function isValidParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function tryParts(value: string): LocalDateParts | undefined {
  const match = LOCAL_DATE_FORMAT.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isValidParts(year, month, day) ? { year, month, day } : undefined;
}

/** Strict: exactly `YYYY-MM-DD` and a real calendar date (so `2026-02-29` and `2026-4-1` are refused). */
export function isValidLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && tryParts(value) !== undefined;
}

/** Splits a valid date into numbers; throws `RangeError` otherwise. */
export function localDateParts(value: LocalDate): LocalDateParts {
  const parts = tryParts(value);
  if (!parts) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(value)}`);
  return parts;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Builds a date from numbers; throws `RangeError` if they do not form a real calendar date. */
export function localDateFromParts(year: number, month: number, day: number): LocalDate {
  if (!isValidParts(year, month, day)) {
    throw new RangeError(`Not a real calendar date: year ${year}, month ${month}, day ${day}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Days since 1970-01-01. `setUTCFullYear` rather than `Date.UTC` because `Date.UTC` maps years 0–99 to 1900–1999.
 */
function toEpochDay({ year, month, day }: LocalDateParts): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Date arithmetic left the supported years ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return localDateFromParts(year, d.getUTCMonth() + 1, d.getUTCDate());
}

/** The date as a `Date` at 00:00 UTC, the inverse of `formatLocalDate`. Throws `RangeError` on invalid input. */
export function parseLocalDate(value: LocalDate): Date {
  return new Date(toEpochDay(localDateParts(value)) * MS_PER_DAY);
}

/**
 * The UTC calendar date of an instant. UTC on purpose: it is the inverse of `parseLocalDate`. For "today in
 * Denmark" use `todayInCopenhagen`, which is what a caseworker means by today.
 */
export function formatLocalDate(date: Date): LocalDate {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  return localDateFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function assertInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  assertInteger(days, 'days');
  return fromEpochDay(toEpochDay(localDateParts(date)) + days);
}

/**
 * Adds calendar months, clamping to the last day of a shorter month (2026-01-31 + 1 month = 2026-02-28), which is
 * how a "3 months after the course ended" follow-up date is read in practice. Not associative because of the
 * clamping: (Jan 31 + 1) + 1 = Mar 28, while Jan 31 + 2 = Mar 31; add the total in one call.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  assertInteger(months, 'months');
  const { year, month, day } = localDateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  if (newYear < MIN_YEAR || newYear > MAX_YEAR) {
    throw new RangeError(`Date arithmetic left the supported years ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return localDateFromParts(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** -1, 0 or 1; usable directly as an `Array.prototype.sort` comparator. */
export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  const da = toEpochDay(localDateParts(a));
  const db = toEpochDay(localDateParts(b));
  return da < db ? -1 : da > db ? 1 : 0;
}

/** Signed number of days from `from` to `to` (`to - from`): 2026-01-01 → 2026-01-02 is 1, the reverse is -1. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(localDateParts(to)) - toEpochDay(localDateParts(from));
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  const epochDay = toEpochDay(localDateParts(date));
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

let copenhagenFormatter: Intl.DateTimeFormat | undefined;

/**
 * Today's date on a wall clock in Denmark. Servers run in UTC, and between 00:00 and 01:00/02:00 Danish time the
 * UTC date is still yesterday: "not in the future" checks on a measurement date would then wrongly refuse today.
 * `now` is injectable so callers can test with a fixed clock.
 */
export function todayInCopenhagen(now: Date = new Date()): LocalDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid Date');
  // Building an Intl formatter is costly relative to using one; keep one per process.
  copenhagenFormatter ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  // formatToParts rather than format(): the exact string layout of a locale is not a stable contract.
  const parts = copenhagenFormatter.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
  return localDateFromParts(part('year'), part('month'), part('day'));
}

/**
 * The refusal of a date after today, naming the date it was compared with: business dates are Europe/Copenhagen
 * calendar dates (API.md), so just after 23:00 UTC "today" is already tomorrow's UTC date.
 */
export const notInTheFuture = (today: LocalDate): string =>
  `must not be in the future (today is ${today}, a Europe/Copenhagen date)`;
