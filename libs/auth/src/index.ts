export type { Actor } from './actor';
export { AuthGuard, CurrentActor, Public, requestOf, Roles } from './auth.guard';
export { actorFromClaims, authConfigFromEnv, mintToken, TokenVerifier, type AuthConfig } from './token';
