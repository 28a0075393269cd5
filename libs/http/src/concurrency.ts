import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Catch,
  Injectable,
  UseFilters,
  UseInterceptors,
  applyDecorators,
  type ArgumentsHost,
  type CallHandler,
  type ExceptionFilter,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, map } from 'rxjs';
import { DomainError } from '@platform/domain-kernel';
import { validationFailed } from './validation';

/**
 * Optimistic concurrency over HTTP (API.md, ADR 0062). A versioned resource (referral, placement, change request) is
 * `{ id, version }` where `version` grows with every change of its stored state; its ETag is the strong validator
 * `"<id>:<version>"`. Reads carry it; `If-None-Match` with it answers 304; a write sent with `If-Match` runs only if
 * the resource, locked inside the write's transaction, still has the named version (else 412 and nothing changes).
 */
export interface Versioned {
  id: string;
  version: number;
}

export const etagOf = (resource: Versioned): string => `"${resource.id}:${resource.version}"`;

/**
 * The entity tags of an If-Match / If-None-Match field: `*`, or the list of tags (quoted, weak ones keep their
 * `W/`). Several fields are one list (RFC 9110 5.3). A malformed member matches nothing.
 */
export function parseEntityTags(field: string | string[] | undefined): '*' | string[] | undefined {
  if (field === undefined) return undefined;
  const text = (Array.isArray(field) ? field.join(',') : field).trim();
  if (text === '*') return '*';
  return [...text.matchAll(/\s*((?:W\/)?"[^"]*"|[^,\s]+)\s*(?:,|$)/g)].map((m) => m[1]);
}

/** Weak comparison (If-None-Match): the opaque tags are equal, `W/` ignored. */
const weakMatch = (tags: '*' | string[], etag: string): boolean =>
  tags === '*' || tags.some((tag) => tag.replace(/^W\//, '') === etag);

/** Strong comparison (If-Match): a weak tag never matches. */
const strongMatch = (tags: '*' | string[], etag: string): boolean => tags === '*' || tags.includes(etag);

/** The longest If-Match / If-None-Match accepted: room for 20 of our ETags (`"<uuid>:<version>"`, ~45 characters). */
export const MAX_ENTITY_TAGS_LENGTH = 1024;

const CONDITIONAL_HEADERS = { 'if-match': 'If-Match', 'if-none-match': 'If-None-Match' } as const;

function refuseLongEntityTags(request: FastifyRequest): void {
  for (const [header, field] of Object.entries(CONDITIONAL_HEADERS)) {
    const value = request.headers[header];
    const length = Array.isArray(value) ? value.join(',').length : (value?.length ?? 0);
    if (length > MAX_ENTITY_TAGS_LENGTH) {
      throw validationFailed([{ field, message: `must be at most ${MAX_ENTITY_TAGS_LENGTH} characters` }]);
    }
  }
}

interface Preconditions {
  ifMatch?: '*' | string[];
}

const preconditions = new AsyncLocalStorage<Preconditions>();

/**
 * Called by a write on the row it has locked (inside its transaction, after the tenancy check, before it changes
 * anything): refuses with 412 when the request's `If-Match` does not name the resource's current version. Without
 * an `If-Match` (or outside an HTTP request, e.g. GraphQL) it lets the write run.
 */
export function assertIfMatch(resource: Versioned, what = 'The resource'): void {
  const ifMatch = preconditions.getStore()?.ifMatch;
  if (ifMatch === undefined || strongMatch(ifMatch, etagOf(resource))) return;
  throw new DomainError(
    'PRECONDITION_FAILED',
    `${what} has changed since the version the request names (If-Match); its current ETag is ${etagOf(resource)}`,
    { currentETag: etagOf(resource) },
  );
}

/** A response body that is a versioned resource. */
const versionedBody = (body: unknown): Versioned | undefined => {
  const candidate = body as Partial<Versioned> | null;
  return candidate && typeof candidate.id === 'string' && typeof candidate.version === 'number'
    ? (candidate as Versioned)
    : undefined;
};

/** Thrown on a GET whose If-None-Match names the current version: answered 304 by NotModifiedFilter. */
export class NotModified extends Error {
  override readonly name = 'NotModified';

  constructor(readonly etag: string) {
    super('Not modified');
  }
}

@Catch(NotModified)
export class NotModifiedFilter implements ExceptionFilter {
  catch(error: NotModified, host: ArgumentsHost): void {
    void host.switchToHttp().getResponse<FastifyReply>().status(304).header('etag', error.etag).send();
  }
}

/**
 * Sets `ETag` on every answer whose body is a versioned resource (a read, or a write's new state), answers 304 to
 * a GET whose `If-None-Match` names it, and makes the request's `If-Match` visible to assertIfMatch in the handler.
 * Runs inside the idempotency interceptor, so a stored (and replayed) answer carries its ETag.
 */
@Injectable()
export class ConditionalRequestInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const read = request.method === 'GET' || request.method === 'HEAD';
    refuseLongEntityTags(request);
    const state: Preconditions = read ? {} : { ifMatch: parseEntityTags(request.headers['if-match']) };
    const answer = (body: unknown): unknown => {
      const resource = versionedBody(body);
      if (!resource) return body;
      const etag = etagOf(resource);
      void reply.header('etag', etag);
      const ifNoneMatch = read ? parseEntityTags(request.headers['if-none-match']) : undefined;
      if (ifNoneMatch !== undefined && weakMatch(ifNoneMatch, etag)) throw new NotModified(etag);
      return body;
    };
    return new Observable((subscriber) =>
      preconditions.run(state, () => next.handle().pipe(map(answer)).subscribe(subscriber)),
    );
  }
}

/** On a controller (or handler) of versioned resources: ETag, If-Match and If-None-Match as described above. */
export const ConditionalRequests = (): ClassDecorator & MethodDecorator =>
  applyDecorators(UseInterceptors(ConditionalRequestInterceptor), UseFilters(NotModifiedFilter));
