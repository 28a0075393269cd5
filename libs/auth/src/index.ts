export type { Actor } from './actor';
export { authenticate, AuthGuard, CurrentActor, operationOf, Public, Roles, type RequestWithActor } from './auth.guard';
export { AuthSettings } from './settings';
export { actorFromClaims, authConfigFromEnv, mintToken, TokenVerifier, type AuthConfig } from './token';
export {
  assertCourseAccess,
  assertNamesOwnTenant,
  assertRoleMay,
  decideCourseAccess,
  mayAccess,
  ROLES_FOR,
  scopeWhere,
  tenantScope,
  type CourseAccess,
  type TenancyDecision,
  type TenantOwner,
  type TenantScope,
} from './tenancy';
