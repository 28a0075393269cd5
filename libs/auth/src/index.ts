export type { Actor } from './actor';
export { AuthGuard, CurrentActor, Public, Roles } from './auth.guard';
export { actorFromClaims, authConfigFromEnv, mintToken, TokenVerifier, type AuthConfig } from './token';
