import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';
import { DomainError } from '@platform/domain-kernel';
import {
  DEPENDENCY_RETRY_AFTER_SECONDS,
  dependencyUnavailableProblem,
  unavailableDependency,
} from './dependency-faults';
import { PROBLEM_CONTENT_TYPE, PROBLEM_OF, problemType, type Problem } from './problem';

const STATUS_SLUG: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

/** 'payload-too-large' → 'Payload too large'. */
const titleOf = (status: number): string => {
  const slug = STATUS_SLUG[status] ?? 'client-error';
  return slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, ' ');
};

/** Translates anything thrown on the HTTP path into problem+json, once. Never leaks a stack or SQL. */
export function toProblem(error: unknown): Problem {
  if (error instanceof Error && 'problem' in error && error.name === 'ReplayedProblem') {
    return (error as Error & { problem: Problem }).problem;
  }
  if (error instanceof DomainError) {
    const { status, slug, title } = PROBLEM_OF[error.code];
    return { type: problemType(slug), title, status, detail: error.message, ...error.details };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      const body = error.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return {
        type: problemType(STATUS_SLUG[status] ?? 'client-error'),
        // A bare HttpException (how Nest passes on Fastify's parser errors) would read as "Http".
        title:
          error.constructor === HttpException
            ? titleOf(status)
            : error.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
        status,
        detail: Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message,
      };
    }
  }
  // Fastify's own client errors: malformed JSON, body too large, unsupported media type, …
  const fastify = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const status = fastify.statusCode;
    const detail =
      fastify.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error instanceof SyntaxError && status === 400)
        ? 'The body is not valid JSON'
        : String(fastify.message);
    return { type: problemType(STATUS_SLUG[status] ?? 'client-error'), title: titleOf(status), status, detail };
  }
  // A database or broker that is down or cut the connection: 503, retry later (ADR 0051), not a 500.
  const dependency = unavailableDependency(error);
  if (dependency) return dependencyUnavailableProblem(dependency);
  return {
    type: problemType('internal'),
    title: 'Internal error',
    status: 500,
    detail: 'An unexpected error occurred',
  };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): GraphQLError | undefined {
    const problem = toProblem(error);
    if (problem.status === 503) this.logger.warn(`${problem.detail} (${String((error as Error)?.message)})`);
    else if (problem.status >= 500) this.logger.error(error instanceof Error ? error : String(error));
    // For a resolver, the filter's return value is the error GraphQL reports.
    if (host.getType<string>() === 'graphql') return toGraphQLError(problem);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (problem.status === 401) void reply.header('www-authenticate', 'Bearer');
    if (problem.status === 503) {
      const seconds = typeof problem.retryAfter === 'number' ? problem.retryAfter : DEPENDENCY_RETRY_AFTER_SECONDS;
      void reply.header('retry-after', String(seconds));
    }
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
    return undefined;
  }
}

const GRAPHQL_CODE: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'UNPROCESSABLE',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** The same problem as a GraphQL error: the message is the detail, extensions carry code, status and field errors. */
export function toGraphQLError(problem: Problem): GraphQLError {
  const { type, title, status, detail, ...rest } = problem;
  return new GraphQLError(detail ?? title, {
    extensions: { code: GRAPHQL_CODE[status] ?? 'BAD_REQUEST', status, type, title, ...rest },
  });
}
