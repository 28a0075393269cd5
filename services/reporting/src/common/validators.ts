import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isMunicipalityCode, isValidCvr, isValidLocalDate } from '@platform/domain-kernel';

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

// The same field rules and messages as the referrals API (services/referrals/src/common/validators.ts).
export const IsLocalDate = rule('isLocalDate', isValidLocalDate, '$property must be a real date as YYYY-MM-DD');
export const IsCvr = rule('isCvr', isValidCvr, '$property must be a valid CVR number (8 digits, modulus 11)');
export const IsMunicipalityCode = rule(
  'isMunicipalityCode',
  isMunicipalityCode,
  '$property must be a Danish municipality code (3 digits, e.g. 101)',
);
