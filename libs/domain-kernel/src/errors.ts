/**
 * Coded domain errors. Domain and use-case code throws these; the HTTP and GraphQL edges translate them once
 * (libs/http problem filter), so no service code ever builds an HTTP response for a business rule.
 */
export const DOMAIN_ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNKNOWN_REFERENCE',
  'INVALID_TRANSITION',
  'CONFLICT',
  'IDEMPOTENCY_MISMATCH',
  'IDEMPOTENCY_IN_PROGRESS',
  'RULE_VIOLATED',
  'STATE_NOT_YET_KNOWN',
  'PRECONDITION_FAILED',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string): DomainError =>
  new DomainError('NOT_FOUND', `${what} ${id} was not found`);

export const invalidField = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { errors: [{ field, message }] });
