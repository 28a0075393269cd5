import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, type Role } from '@platform/domain-kernel';
import type { Actor } from './actor';
import { TokenVerifier } from './token';

const PUBLIC = 'auth:public';
const ROLES_KEY = 'auth:roles';

/** Marks a route that needs no token (health, metrics, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Restricts a route to the given roles; without it any authenticated role may call. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface RequestWithActor {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/** The HTTP request behind a REST call or a GraphQL operation (whose context is `{ req }`). */
export function requestOf(context: ExecutionContext): RequestWithActor {
  if (context.getType<string>() === 'graphql') {
    // Resolvers get (root, args, context, info); entity reference resolvers (reference, context, info).
    const graphqlContext = [2, 1]
      .map((index) => context.getArgByIndex<{ req?: RequestWithActor } | undefined>(index))
      .find((arg) => arg?.req !== undefined);
    if (!graphqlContext?.req) throw new DomainError('UNAUTHENTICATED', 'No request behind this GraphQL operation');
    return graphqlContext.req;
  }
  return context.switchToHttp().getRequest<RequestWithActor>();
}

/** The verified actor of a request's bearer token (for paths guards do not reach, such as entity references). */
export async function authenticate(verifier: TokenVerifier, request: RequestWithActor): Promise<Actor> {
  if (request.actor) return request.actor;
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
  request.actor = await verifier.verify(match[1]);
  return request.actor;
}

/** Global guard: every route needs a verified bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = requestOf(context);
    request.actor = await authenticate(this.verifier, request);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw new DomainError('FORBIDDEN', `Role ${request.actor.role} may not do this`);
    }
    return true;
  }
}

/**
 * The entry point being called: `GET /api/v1/referrals/:id` (method and route pattern, never the ids of a URL) or
 * `Query.referral` / `Referral.measurements` (the GraphQL field).
 */
export function operationOf(context: ExecutionContext): string {
  if (context.getType<string>() === 'graphql') {
    const info = context.getArgByIndex<{ parentType?: { name: string }; fieldName?: string } | undefined>(3);
    return info?.fieldName ? `${info.parentType?.name ?? 'GraphQL'}.${info.fieldName}` : 'GraphQL';
  }
  const request = context.switchToHttp().getRequest<{ method?: string; routeOptions?: { url?: string } }>();
  return `${request.method ?? 'HTTP'} ${request.routeOptions?.url ?? 'unmatched'}`;
}

/** The verified actor of the current request, with the operation it is calling (for the audit trail). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf(context).actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
  // A copy per call: the verified actor is shared by all fields of a GraphQL request and by the token cache.
  return { ...actor, operation: operationOf(context) };
});
