import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidLocalDate, type LocalDate } from '@platform/domain-kernel';

function rule(name: string, test: (value: unknown) => boolean, message: string) {
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

export const IsLocalDate = rule('isLocalDate', isValidLocalDate, '$property must be a real date as YYYY-MM-DD');

/** A real date from `min` to `max`; only judges real dates (pair it with `IsLocalDate`). */
export const IsLocalDateBetween = (min: LocalDate, max: LocalDate, options?: ValidationOptions) =>
  rule(
    'isLocalDateBetween',
    (value) => !isValidLocalDate(value) || (value >= min && value <= max),
    `$property must be from ${min} to ${max}`,
  )(options);

/** `{ "<dimension>": <integer level>, … }`: the shape of measurement values; the scale judges the content. */
export const IsLevelMap = rule(
  'isLevelMap',
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length <= 30 &&
    Object.entries(value as Record<string, unknown>).every(
      ([key, level]) =>
        /^[a-z][A-Za-z0-9]{0,49}$/.test(key) &&
        typeof level === 'number' &&
        Number.isInteger(level) &&
        Math.abs(level) <= 1000,
    ),
  '$property must be an object of dimension codes to integer levels, e.g. { "step": 7 }',
);
