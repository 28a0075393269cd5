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

interface RequestWithActor {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/**
 * The HTTP request behind a REST route or a GraphQL resolver (Nest's GraphQL drivers put it in the context as
 * `req`), so one guard and one `@CurrentActor()` serve both edges.
 */
export function requestOf<T>(context: ExecutionContext): T {
  if (context.getType<string>() === 'graphql') return (context.getArgs()[2] as { req: T }).req;
  return context.switchToHttp().getRequest<T>();
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
    const request = requestOf<RequestWithActor>(context);
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
    request.actor = await this.verifier.verify(match[1]);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.actor.role)) {
      throw new DomainError('FORBIDDEN', `Role ${request.actor.role} may not do this`);
    }
    return true;
  }
}

/** The verified actor of the current request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestOf<RequestWithActor>(context).actor;
  if (!actor) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
  return actor;
});
