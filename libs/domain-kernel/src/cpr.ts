/**
 * Danish CPR number (personnummer), `DDMMYY-SSSS`. Personal data of the highest sensitivity: nothing here puts
 * the number, or the birth date read from it, into an error message, because error messages end up in logs.
 */
import { isValidLocalDate, type LocalDate } from './local-date';

declare const cprBrand: unique symbol;

/** A CPR number that passed `parseCpr`: always exactly 10 digits, no hyphen. */
export type Cpr = string & { readonly [cprBrand]: 'Cpr' };

export type CprResult =
  | { readonly ok: true; readonly value: Cpr; readonly birthDate: LocalDate }
  | { readonly ok: false; readonly reason: string };

// Only the two written forms in use: 10 digits, or a hyphen after the date part. No trimming or other separators:
// a boundary that silently repairs input hides bugs in the sending system.
const CPR_FORMAT = /^(\d{6})-?(\d{4})$/;

/**
 * The CPR office's century rule: the 7th digit together with YY tells the birth century. Without it, 010110-4xxx
 * could be 1910 or 2010, and 29 February could not be checked at all.
 */
function birthYear(yy: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900 + yy;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy; // 5–8
}

/**
 * Validates and normalises a CPR number. Deliberately no modulus-11 check: the CPR office has issued numbers that
 * fail it since 2007, so a checksum test would refuse real citizens.
 *
 * Not accepted: replacement numbers (erstatningspersonnumre, day + 60), which are not CPR numbers in the register.
 * No "not in the future" check either: that would make validation depend on the clock.
 */
export function parseCpr(input: unknown): CprResult {
  if (typeof input !== 'string') return { ok: false, reason: 'must be a string' };
  const match = CPR_FORMAT.exec(input);
  if (!match) {
    return { ok: false, reason: 'must be 10 digits, optionally with a hyphen after the sixth (DDMMYY-SSSS)' };
  }
  const value = `${match[1]}${match[2]}`;
  const year = birthYear(Number(value.slice(4, 6)), Number(value[6]));
  const birthDate = `${String(year)}-${value.slice(2, 4)}-${value.slice(0, 2)}`;
  if (!isValidLocalDate(birthDate)) return { ok: false, reason: 'DDMMYY is not a real date' };
  return { ok: true, value: value as Cpr, birthDate };
}

export function isValidCpr(input: unknown): boolean {
  return parseCpr(input).ok;
}

/**
 * `DDMMYY-xxxx` for screens and logs where the person must be recognisable but the number must not leak.
 * Input that is not even shaped like a CPR number is masked completely rather than echoed.
 */
export function maskCpr(input: unknown): string {
  const match = typeof input === 'string' ? CPR_FORMAT.exec(input) : null;
  return match ? `${match[1]}-xxxx` : 'xxxxxx-xxxx';
}
