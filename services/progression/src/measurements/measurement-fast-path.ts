import { Assessor, isCode, isValidLocalDate } from '@platform/domain-kernel';
import { unsafeValues } from '@platform/http';
import type { BatchMeasurementItemDto } from './measurement.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const SCALE = /^[A-Z][A-Z0-9_]{1,49}$/;
const DIMENSION = /^[a-z][A-Za-z0-9]{0,49}$/;
const KEYS = new Set(['referralId', 'scale', 'scaleVersion', 'measuredAt', 'values', 'assessor', 'note', 'supersedes']);

const plainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

const optional = (value: unknown, test: (v: unknown) => boolean): boolean => value === undefined || test(value);

/**
 * The common case of a batch item, recognised without reflection: a well-formed item exactly as the API describes
 * it. Batches of a thousand spend most of their validation time in class-transformer and class-validator, so items
 * this accepts skip them; anything else — including every malformed item — goes through `validateDto`, which
 * reports the field errors. It must therefore never accept what the DTO refuses (a property test checks that), and
 * is deliberately stricter where that is simpler.
 */
export function isWellFormedItem(value: unknown): value is BatchMeasurementItemDto {
  if (!plainObject(value)) return false;
  for (const key of Object.keys(value)) if (!KEYS.has(key)) return false;
  const { referralId, scale, scaleVersion, measuredAt, values, assessor, note, supersedes } = value;
  return (
    typeof referralId === 'string' &&
    UUID.test(referralId) &&
    typeof scale === 'string' &&
    SCALE.test(scale) &&
    optional(scaleVersion, (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 10_000) &&
    typeof measuredAt === 'string' &&
    isValidLocalDate(measuredAt) &&
    measuredAt >= '2000-01-01' &&
    measuredAt <= '2099-12-31' &&
    plainObject(values) &&
    levelMap(values) &&
    isCode(Assessor, assessor) &&
    optional(note, (v) => typeof v === 'string' && v.length <= 2000 && unsafeValues(v).length === 0) &&
    optional(supersedes, (v) => typeof v === 'string' && UUID.test(v))
  );
}

function levelMap(values: Record<string, unknown>): boolean {
  const entries = Object.entries(values);
  return (
    entries.length <= 30 &&
    entries.every(
      ([key, level]) =>
        DIMENSION.test(key) &&
        !(key in Object.prototype) &&
        typeof level === 'number' &&
        Number.isInteger(level) &&
        Math.abs(level) <= 1000,
    )
  );
}
