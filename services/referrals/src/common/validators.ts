import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidCvr, isValidLocalDate, isMunicipalityCode, parseCpr } from '@platform/domain-kernel';

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

/** Shared field rules of the public API, so every DTO says the same thing about the same kind of value. */
export const IsLocalDate = rule('isLocalDate', isValidLocalDate, '$property must be a real date as YYYY-MM-DD');
export const IsCvr = rule('isCvr', isValidCvr, '$property must be a valid CVR number (8 digits, modulus 11)');
export const IsMunicipalityCode = rule(
  'isMunicipalityCode',
  isMunicipalityCode,
  '$property must be a Danish municipality code (3 digits, e.g. 101)',
);
export const IsCpr = rule(
  'isCpr',
  (value) => typeof value === 'string' && parseCpr(value).ok,
  '$property must be a valid CPR number (10 digits DDMMYYSSSS with a real birth date)',
);
