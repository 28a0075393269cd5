import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, type FieldError } from '@platform/domain-kernel';

/** Flattens class-validator's tree into `field.path: message` pairs (`citizen.cpr`, `items[3].hoursPerWeek`). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export const validationFailed = (errors: FieldError[]): DomainError =>
  new DomainError(
    'VALIDATION_FAILED',
    errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} fields are invalid`,
    { errors },
  );

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  validationError: { target: false, value: false },
} as const;

/** The global pipe: unknown fields refused, types enforced, errors reported per field. */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({ ...OPTIONS, exceptionFactory: (errors) => validationFailed(fieldErrors(errors)) });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // No body reads as an empty object, so required fields are reported one by one. A JSON body of null, a
    // number or an array is never a valid DTO; say so instead of crashing in transform.
    if (metadata.type === 'body' && value === undefined) value = {};
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw validationFailed([{ field: '', message: 'the body must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

/** Validates one plain value against a DTO class outside the pipe (batch items are judged one by one). */
export async function validateDto<T extends object>(cls: ClassConstructor<T>, value: unknown): Promise<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationFailed([{ field: '', message: 'must be a JSON object' }]);
  }
  const instance = plainToInstance(cls, value);
  const errors = await validate(instance, OPTIONS);
  if (errors.length > 0) throw validationFailed(fieldErrors(errors));
  return instance;
}
