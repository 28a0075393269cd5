import type { DomainErrorCode, FieldError } from '@platform/domain-kernel';

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Each domain error code maps to exactly one status and problem type. */
export const PROBLEM_OF: Record<DomainErrorCode, { status: number; slug: string; title: string }> = {
  VALIDATION_FAILED: { status: 400, slug: 'validation', title: 'The request is not valid' },
  UNAUTHENTICATED: { status: 401, slug: 'unauthenticated', title: 'Authentication is required' },
  FORBIDDEN: { status: 403, slug: 'forbidden', title: 'Not allowed for this role' },
  NOT_FOUND: { status: 404, slug: 'not-found', title: 'Not found' },
  UNKNOWN_REFERENCE: { status: 422, slug: 'unknown-reference', title: 'A referenced entity does not exist' },
  INVALID_TRANSITION: { status: 409, slug: 'invalid-transition', title: 'The transition is not allowed' },
  CONFLICT: { status: 409, slug: 'conflict', title: 'Conflict with an existing resource' },
  IDEMPOTENCY_MISMATCH: {
    status: 422,
    slug: 'idempotency-key-reused',
    title: 'The Idempotency-Key was used with a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    slug: 'idempotency-key-in-progress',
    title: 'A request with this Idempotency-Key is still being processed',
  },
  RULE_VIOLATED: { status: 422, slug: 'rule-violated', title: 'A business rule refuses the request' },
  // Read-your-writes: the service has not yet seen what another service already acknowledged (broker down or far
  // behind). Never a final answer: retry after `Retry-After` seconds.
  STATE_NOT_YET_KNOWN: {
    status: 503,
    slug: 'state-not-yet-known',
    title: 'The state this request depends on is not known here yet',
  },
  // Optimistic concurrency (ADR 0062): If-Match names a version the resource no longer has. Nothing was changed.
  PRECONDITION_FAILED: {
    status: 412,
    slug: 'precondition-failed',
    title: 'The resource has changed since the version the request names',
  },
};

export const problemType = (slug: string): string => `/problems/${slug}`;
