import { Catch, Injectable, type ExceptionFilter } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { TokenVerifier, type Actor } from '@platform/auth';
import { DomainError } from '@platform/domain-kernel';
import { toProblem } from '@platform/http';

export interface GraphqlContext {
  req: { headers: Record<string, string | string[] | undefined> };
  actor?: Promise<Actor>;
  loaders?: Map<string, unknown>;
}

/**
 * The actor of a GraphQL request, verified like the REST guard does (the gateway forwards the caller's token;
 * the subgraph trusts nothing it did not verify). Once per request.
 */
@Injectable()
export class GraphqlAuth {
  constructor(private readonly verifier: TokenVerifier) {}

  actor(context: GraphqlContext): Promise<Actor> {
    context.actor ??= (async () => {
      const header = context.req.headers.authorization;
      const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
      if (!match) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
      return this.verifier.verify(match[1]);
    })();
    return context.actor;
  }
}

/** A DomainError as a GraphQL error: the problem's slug as `code`, its status and field errors as extensions. */
export function toGraphqlError(error: unknown): GraphQLError | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const problem = toProblem(error);
  const code = problem.type.replace('/problems/', '').toUpperCase().replace(/-/g, '_');
  return new GraphQLError(error.message, {
    extensions: { code, status: problem.status, ...(problem.errors ? { errors: problem.errors } : {}) },
  });
}

/**
 * Resolver-level filter: takes precedence over the global problem+json filter, which writes an HTTP reply that a
 * GraphQL resolver does not have. Returns the error for Apollo to put into `errors`.
 */
@Catch()
export class GraphqlErrorFilter implements ExceptionFilter {
  catch(error: unknown): unknown {
    return toGraphqlError(error) ?? error;
  }
}
