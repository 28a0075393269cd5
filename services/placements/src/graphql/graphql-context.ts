import type { FastifyRequest } from 'fastify';
import type { Actor } from '@platform/auth';
import type { TokenVerifier } from '@platform/auth';
import { DomainError } from '@platform/domain-kernel';

export interface GraphQLContext {
  req: FastifyRequest;
  /** Resolves the verified actor of the request, or fails with UNAUTHENTICATED. */
  actor(): Promise<Actor>;
}

/** Verifies the bearer token the gateway forwards (services trust no header they did not verify). */
export function graphqlContext(verifier: TokenVerifier, req: FastifyRequest): GraphQLContext {
  let verified: Promise<Actor> | undefined;
  return {
    req,
    actor() {
      verified ??= (async () => {
        const header = req.headers.authorization;
        const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
        if (!match) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
        return verifier.verify(match[1]);
      })();
      return verified;
    },
  };
}
