import type { Role } from '@platform/domain-kernel';

/** Who is acting, as established from a verified token. `org` is a municipality code or a provider CVR. */
export interface Actor {
  sub: string;
  role: Role;
  org: string;
  name?: string;
  /**
   * How the actor is acting, set per call by `@CurrentActor()`: the REST route (`GET /api/v1/placements/:id`) or
   * the GraphQL field (`Query.placement`). The audit trail records it.
   */
  operation?: string;
}
