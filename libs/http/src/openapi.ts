import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { MAX_ENTITY_TAGS_LENGTH } from './concurrency';
import { DEPENDENCY_RETRY_AFTER_SECONDS } from './dependency-faults';
import { PROBLEM_CONTENT_TYPE } from './problem';

// The pieces every service's OpenAPI document shares, in one place: the RFC 9457 Problem schema, the
// Idempotency-Key parameter, the error responses and the decorators that declare them on an operation.

/** Statuses an operation may answer with a problem+json body. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 503;

const PROBLEM_REF = '#/components/schemas/Problem';
export const IDEMPOTENCY_KEY_REF = '#/components/parameters/IdempotencyKey';

const problemTypes = (...slugs: string[]) => slugs.map((slug) => `\`/problems/${slug}\``).join(', ');

/** What each status means on this platform (API.md, ADR 0050, 0051, 0053). */
export const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: `The request is not valid (${problemTypes('validation')}); \`errors\` names each field.`,
  401: `The bearer token is missing or invalid (${problemTypes('unauthenticated')}).`,
  403: `The caller's role may not do this (${problemTypes('forbidden')}).`,
  404: `Not found, or it belongs to another tenant (${problemTypes('not-found')}).`,
  409:
    `Conflict: an illegal state transition (${problemTypes('invalid-transition')}), a unique business key ` +
    `already used (${problemTypes('conflict')}) or the same Idempotency-Key still in progress ` +
    `(${problemTypes('idempotency-key-in-progress')}).`,
  412: 'The `If-Match` version is not the current one.',
  413: 'The body is larger than the accepted limit.',
  415: 'The body is not `application/json`.',
  422:
    `A referenced entity does not exist (${problemTypes('unknown-reference')}), a business rule refuses the ` +
    `request (${problemTypes('rule-violated')}), or the Idempotency-Key was used with another body ` +
    `(${problemTypes('idempotency-key-reused')}).`,
  429: 'Too many requests from this client; retry after `Retry-After` seconds.',
  503:
    `Not a final answer; retry after \`Retry-After\` seconds. A dependency is down ` +
    `(${problemTypes('dependency-unavailable')}), or the state this request depends on is not known here yet ` +
    `(${problemTypes('state-not-yet-known')}, read-your-writes: ADR 0053).`,
};

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer', minimum: 0, example: DEPENDENCY_RETRY_AFTER_SECONDS },
  },
};

/** The response object of a problem status: the shared Problem schema as application/problem+json. */
export function problemResponse(status: ProblemStatus): Record<string, unknown> {
  return {
    description: PROBLEM_DESCRIPTIONS[status],
    ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_REF } } },
  };
}

/**
 * Declares the problem responses an operation gives beyond the ones every operation of its kind gives (those are
 * added by `completeOpenApi`): e.g. `@ApiProblems(409, 422)` on a state transition.
 */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status],
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_REF } } },
      }),
    ),
  );
}

const ETAG_HEADER = {
  ETag: {
    description: 'The version of the resource answered: send it back as `If-Match` to write only if it is current.',
    schema: { type: 'string' as const, example: '"6f1c2f0e-2b1a-4c55-9d43-5a8f0d0b7a11:3"' },
  },
};

/**
 * A write that honours `If-Match` (optimistic concurrency, ADR 0062): the header, 412 on a stale version, and the
 * new version in the answer's ETag.
 */
export function ApiConditionalWrite(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      schema: { type: 'string', maxLength: MAX_ENTITY_TAGS_LENGTH },
      description: 'Write only if the resource is still at this version (its ETag); 412 otherwise.',
    }),
    ApiProblems(412),
  );
}

/** A read answered with an ETag, and 304 with no body to an `If-None-Match` that names the current version. */
export function ApiConditionalRead(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      schema: { type: 'string', maxLength: MAX_ENTITY_TAGS_LENGTH },
      description: 'Answer 304 with no body when the resource is still at one of these versions (ETags).',
    }),
    ApiResponse({ status: 304, description: 'The resource is unchanged since the version named in If-None-Match.' }),
  );
}

/** The ETag header of a versioned answer, for `@ApiOkResponse({ type, headers: ETAG })`. */
export const ETAG = ETAG_HEADER;

/** An operation named for what it does (`createReferral`), not for its controller method. */
export function ApiOp(operationId: string, summary: string, description?: string): MethodDecorator {
  return ApiOperation({ operationId, summary, ...(description ? { description } : {}) });
}

/** Said once in every document and on every business date field. */
export const COPENHAGEN_DATES =
  'Business dates (`plannedStart`, `startDate`, `measuredAt`, "today" in every rule) are calendar dates in ' +
  'Europe/Copenhagen (`YYYY-MM-DD`); instants are ISO-8601 UTC.';

/** Description of a business date field: `what` plus the time zone it is a date in. */
export const copenhagenDate = (what: string): string => `${what} A Europe/Copenhagen calendar date.`;

export const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details, sent as application/problem+json.',
  required: ['type', 'title', 'status'],
  properties: {
    type: {
      type: 'string',
      description: 'The problem type, e.g. `/problems/validation`.',
      example: '/problems/validation',
    },
    title: { type: 'string', description: 'A short summary of the problem type.' },
    status: { type: 'integer', description: 'The HTTP status.', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'What went wrong with this request.' },
    errors: {
      type: 'array',
      description: 'For validation problems: one entry per offending field.',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', description: 'Dotted path of the field, e.g. `citizen.cpr`.' },
          message: { type: 'string' },
        },
      },
    },
  },
  additionalProperties: true,
};

export const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Same key and same body replay the first response (same status and body); the same key with another body ' +
    'is 422. Keys are kept at least 24 hours.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

type Operation = {
  parameters?: { in?: string; $ref?: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  security?: unknown[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * What the platform does for every operation, written into the document once instead of on every controller:
 * the Idempotency-Key parameter on every POST, bearer security, and the problems that the edge itself gives
 * (400 for invalid input, 401/403 from the auth guard, 404 for an unknown id in the path, 413/415 for a body,
 * 503 when a dependency is down). Operation-specific problems come from `@ApiProblems`.
 */
export function completeOpenApi(document: OpenAPIObject): OpenAPIObject {
  const components = document.components ?? {};
  components.schemas = { ...components.schemas, Problem: PROBLEM_SCHEMA as never };
  const hasPost = Object.values(document.paths ?? {}).some((path) => path.post);
  if (hasPost) components.parameters = { ...components.parameters, IdempotencyKey: IDEMPOTENCY_KEY_PARAMETER as never };
  for (const path of Object.values(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = path[method] as Operation | undefined;
      if (!operation) continue;
      const parameters = operation.parameters ?? [];
      if (method === 'post' && !parameters.some((p) => p.$ref === IDEMPOTENCY_KEY_REF)) {
        parameters.push({ $ref: IDEMPOTENCY_KEY_REF });
      }
      operation.parameters = parameters;
      operation.security ??= [{ bearer: [] }];
      const responses = (operation.responses ??= {});
      const add = (status: ProblemStatus) => (responses[String(status)] ??= problemResponse(status));
      if (parameters.some((p) => p.in === 'path' || p.in === 'query') || operation.requestBody) add(400);
      if (operation.security.length > 0) {
        add(401);
        add(403);
      }
      if (parameters.some((p) => p.in === 'path')) add(404);
      if (operation.requestBody) {
        add(413);
        add(415);
      }
      add(503);
      operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  for (const schema of Object.values(components.schemas ?? {})) toJsonSchemaNull(schema);
  return { ...document, components };
}

/**
 * OpenAPI 3.1 says "may be null" the JSON Schema way (`type: [..., 'null']`); @nestjs/swagger writes 3.0's
 * `nullable: true`. Rewritten in place, throughout a schema.
 */
export function toJsonSchemaNull(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) toJsonSchemaNull(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.nullable === true) {
    delete schema.nullable;
    if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
  }
  for (const value of Object.values(schema)) toJsonSchemaNull(value);
}

/** The `Location` header of a 201: where the created resource is read. */
export const LOCATION = {
  Location: { description: 'The URL of the created resource.', schema: { type: 'string' } },
};

/** One item's result in a batch: its index, its own status and either the created id or its problem. */
export class BatchItemResult {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Position of the item in the request' })
  index: number;

  @ApiProperty({ type: 'integer', example: 201, description: 'What the item alone would have been answered' })
  status: number;

  @ApiPropertyOptional({ format: 'uuid' })
  id?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The Problem of a refused item' })
  problem?: Record<string, unknown>;
}

export class BatchResultsResponse {
  @ApiProperty({ type: [BatchItemResult] })
  results: BatchItemResult[];
}
