/**
 * CVR number (company registration, 8 digits) and P-number (production unit, 10 digits). Providers are identified
 * by CVR, employers by CVR and optionally P-number (DOMAIN.md).
 *
 * The demo catalogue and test data use made-up CVRs that nevertheless pass the checksum, so validation stays strict
 * everywhere and demos do not need an exception; `makeValidCvr` produces such numbers.
 */

declare const cvrBrand: unique symbol;
declare const pNumberBrand: unique symbol;

/** An 8-digit CVR number that passed the modulus-11 check. */
export type Cvr = string & { readonly [cvrBrand]: 'Cvr' };
/** A 10-digit P-number. */
export type PNumber = string & { readonly [pNumberBrand]: 'PNumber' };

export type CvrResult = { readonly ok: true; readonly value: Cvr } | { readonly ok: false; readonly reason: string };
export type PNumberResult =
  { readonly ok: true; readonly value: PNumber } | { readonly ok: false; readonly reason: string };

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

function weightedSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * CVR_WEIGHTS[i];
  return sum;
}

export function parseCvr(input: unknown): CvrResult {
  if (typeof input !== 'string') return { ok: false, reason: 'must be a string' };
  if (!/^\d{8}$/.test(input)) return { ok: false, reason: 'must be 8 digits' };
  if (input.startsWith('0')) return { ok: false, reason: 'must not start with 0' };
  if (weightedSum(input) % 11 !== 0) return { ok: false, reason: 'fails the modulus-11 check' };
  return { ok: true, value: input as Cvr };
}

export function isValidCvr(input: unknown): input is Cvr {
  return parseCvr(input).ok;
}

/**
 * A checksum-valid CVR built from 7 seed digits, for test-data builders and the demo catalogue.
 *
 * Normally the seed is kept and a check digit appended. For about one seed in eleven no check digit exists (it
 * would have to be 10); then the 7th seed digit is raised by one (9 wraps to 0), which always fixes it because any
 * change of that digit moves the weighted sum by a non-multiple of 11. The first six seed digits always survive.
 * Deterministic, so the same seed always gives the same CVR.
 */
export function makeValidCvr(seed7digits: string): Cvr {
  if (!/^[1-9]\d{6}$/.test(seed7digits)) {
    throw new RangeError('makeValidCvr needs 7 digits not starting with 0');
  }
  let seed = seed7digits;
  for (let attempt = 0; attempt < 2; attempt++) {
    const check = (11 - (weightedSum(seed) % 11)) % 11;
    if (check < 10) return `${seed}${check}` as Cvr;
    seed = `${seed.slice(0, 6)}${(Number(seed[6]) + 1) % 10}`;
  }
  // Unreachable, see above; kept so a broken edit fails loudly instead of returning an invalid number.
  throw new Error(`makeValidCvr could not complete seed ${seed7digits}`);
}

/**
 * P-numbers are checked for shape only. The register assigns them and this platform does not rely on a check-digit
 * rule for them: refusing on a wrongly assumed rule would turn away a real workplace.
 */
export function parsePNumber(input: unknown): PNumberResult {
  if (typeof input !== 'string') return { ok: false, reason: 'must be a string' };
  if (!/^\d{10}$/.test(input)) return { ok: false, reason: 'must be 10 digits' };
  return { ok: true, value: input as PNumber };
}

export function isValidPNumber(input: unknown): input is PNumber {
  return parsePNumber(input).ok;
}
