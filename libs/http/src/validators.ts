// Validation decorators for the DOMAIN.md value types, shared by every service's DTOs.
import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import {
  DomainError,
  isValidCvr,
  isValidLocalDate,
  isMunicipalityCode,
  parseCpr,
  type LocalDate,
} from '@platform/domain-kernel';

/** A class-validator decorator from a predicate; for rules of one service, e.g. the shape of measurement values. */
export function validationRule(name: string, test: (value: unknown) => boolean, message: string) {
  return (options?: ValidationOptions) =>
    (target: object, propertyName: string): void =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName,
        options: { message, ...options },
        validator: { validate: test },
      });
}

/**
 * A shared rule that also says in the OpenAPI document what it accepts (format, pattern), so the contract and the
 * validation cannot disagree. What the property's own `@ApiProperty` (written above the rule) says wins; a rule applied to each item of an
 * array describes the array's items.
 */
function documentedRule(
  rule: (options?: ValidationOptions) => (target: object, propertyName: string) => void,
  schema: { format?: string; pattern?: string },
) {
  return (options?: ValidationOptions) =>
    (target: object, propertyName: string): void => {
      rule(options)(target, propertyName);
      // Applied before the property's own @ApiProperty (decorators run bottom-up), which then overrides what it sets.
      // A rule on each element of an array describes the array's items.
      ApiProperty(options?.each ? { type: 'array', items: { type: 'string', ...schema } } : schema)(
        target,
        propertyName,
      );
    };
}

/** The OpenAPI patterns of the shared value types (the validators also check dates and check digits). */
export const OPENAPI_PATTERNS = {
  cpr: '^[0-9]{6}-?[0-9]{4}$',
  cvr: '^[0-9]{8}$',
  municipalityCode: '^[0-9]{3}$',
} as const;

/** Shared field rules of the public API, so every DTO says the same thing about the same kind of value. */
export const IsLocalDate = documentedRule(
  validationRule('isLocalDate', isValidLocalDate, '$property must be a real date as YYYY-MM-DD'),
  { format: 'date' },
);
export const IsCvr = documentedRule(
  validationRule('isCvr', isValidCvr, '$property must be a valid CVR number (8 digits, modulus 11)'),
  { pattern: OPENAPI_PATTERNS.cvr },
);
export const IsMunicipalityCode = documentedRule(
  validationRule(
    'isMunicipalityCode',
    isMunicipalityCode,
    '$property must be a Danish municipality code (3 digits, e.g. 101)',
  ),
  { pattern: OPENAPI_PATTERNS.municipalityCode },
);
export const IsCpr = documentedRule(
  validationRule(
    'isCpr',
    (value) => typeof value === 'string' && parseCpr(value).ok,
    '$property must be a valid CPR number (10 digits DDMMYYSSSS with a real birth date)',
  ),
  { pattern: OPENAPI_PATTERNS.cpr },
);

/**
 * A real date from `min` to `max`. Only judges real dates (pair it with `IsLocalDate`), so a malformed value gets
 * one message. Keeps date arithmetic on the value (a planned end = start + weeks) inside the supported years.
 */
export const IsLocalDateBetween = (min: LocalDate, max: LocalDate, options?: ValidationOptions) =>
  validationRule(
    'isLocalDateBetween',
    (value) => !isValidLocalDate(value) || (value >= min && value <= max),
    `$property must be from ${min} to ${max}`,
  )(options);

const INSTANT = /^(\d{4}-\d{2}-\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/** `YYYY-MM-DD` or an ISO-8601 instant with a real date, a real time of day and an offset. */
export const IsDateOrInstant = documentedRule(
  validationRule(
    'isDateOrInstant',
    (value) => {
      const match = typeof value === 'string' ? INSTANT.exec(value) : null;
      if (!match || !isValidLocalDate(match[1])) return false;
      const [hours, minutes, seconds, offsetHours, offsetMinutes] = [3, 4, 6, 9, 10].map((i) => Number(match[i] ?? 0));
      return hours <= 23 && minutes <= 59 && seconds <= 59 && offsetHours <= 23 && offsetMinutes <= 59;
    },
    '$property must be an ISO-8601 date or instant',
  ),
  { pattern: INSTANT.source },
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id argument that is not a UUID is a 400-class error (as REST's IsUUID params), never a database error. */
export function assertUuid(id: string, field: string): string {
  if (!UUID.test(id)) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be a UUID`, {
      errors: [{ field, message: 'must be a UUID' }],
    });
  }
  return id;
}

/**
 * At most two decimals (hours like 7.5, percentages like 62.25). Judges numbers only (pair it with `IsNumber`).
 * class-validator's own `maxDecimalPlaces` throws on numbers printed in exponent form (5e-324), which was a 500.
 */
export const HasAtMostTwoDecimals = validationRule(
  'hasAtMostTwoDecimals',
  (value) => typeof value !== 'number' || !Number.isFinite(value) || Math.round(value * 100) / 100 === value,
  '$property must have at most two decimals',
);
