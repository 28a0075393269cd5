import { Catch, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { DomainError } from '@platform/domain-kernel';
import { toProblem } from '@platform/http';

/**
 * The GraphQL edge's one translation of errors (the REST edge has ProblemFilter): a DomainError becomes a GraphQL
 * error whose extensions carry the same code, status, problem type and field errors as the problem+json body.
 * Registered on each resolver class so it takes precedence over the HTTP-only global filter.
 */
@Catch()
export class GraphQLProblemFilter implements GqlExceptionFilter {
  catch(error: unknown, _host: ArgumentsHost): GraphQLError {
    if (error instanceof GraphQLError) return error;
    const problem = toProblem(error);
    const code =
      error instanceof DomainError ? error.code : problem.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    return new GraphQLError(problem.detail ?? problem.title, {
      extensions: {
        code,
        status: problem.status,
        type: problem.type,
        ...(problem.errors ? { errors: problem.errors } : {}),
      },
    });
  }
}
