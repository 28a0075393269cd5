import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DomainError } from '@platform/domain-kernel';
import type { Actor } from './actor';
import { actorFromClaims, assertTokenTimes, DEFAULT_TOKEN_POLICY, type TokenPolicy } from './claims';

export { actorFromClaims };

export interface AuthConfig {
  /** HS256 shared secret (development and tests). */
  jwtSecret?: string;
  /** JWKS endpoint of the identity provider (production). Takes precedence over the secret. */
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** AUTH_MAX_TOKEN_LIFETIME_SECONDS (default 24 h). */
  maxTokenLifetimeSeconds?: number;
  /** AUTH_CLOCK_SKEW_SECONDS (default 60). */
  clockSkewSeconds?: number;
}

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return {
    jwtSecret: env.AUTH_JWT_SECRET,
    jwksUrl: env.AUTH_JWKS_URL || undefined,
    issuer: env.AUTH_ISSUER ?? 'jobplatform-dev',
    audience: env.AUTH_AUDIENCE ?? 'jobplatform',
    maxTokenLifetimeSeconds: env.AUTH_MAX_TOKEN_LIFETIME_SECONDS
      ? Number(env.AUTH_MAX_TOKEN_LIFETIME_SECONDS)
      : undefined,
    clockSkewSeconds: env.AUTH_CLOCK_SKEW_SECONDS ? Number(env.AUTH_CLOCK_SKEW_SECONDS) : undefined,
  };
}

/** Verifies bearer tokens against the configured key material and maps the claims of API.md to an Actor. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly policy: TokenPolicy;

  constructor(private readonly config: AuthConfig) {
    this.policy = {
      maxLifetimeSeconds: config.maxTokenLifetimeSeconds ?? DEFAULT_TOKEN_POLICY.maxLifetimeSeconds,
      clockSkewSeconds: config.clockSkewSeconds ?? DEFAULT_TOKEN_POLICY.clockSkewSeconds,
    };
    if (config.jwksUrl) this.key = createRemoteJWKSet(new URL(config.jwksUrl));
    else if (config.jwtSecret) this.key = new TextEncoder().encode(config.jwtSecret);
    else throw new Error('Authentication needs AUTH_JWKS_URL or AUTH_JWT_SECRET');
  }

  /** Verified tokens until they expire: system clients send the same token for many requests. */
  private readonly verified = new Map<string, { actor: Actor; expiresAt: number }>();

  async verify(token: string): Promise<Actor> {
    const cached = this.verified.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.actor;
    let payload: JWTPayload;
    try {
      const options = {
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['exp'],
        clockTolerance: this.policy.clockSkewSeconds,
      };
      payload =
        this.key instanceof Uint8Array
          ? (await jwtVerify(token, this.key, { ...options, algorithms: ['HS256'] })).payload
          : (await jwtVerify(token, this.key, options)).payload;
    } catch (error) {
      throw new DomainError('UNAUTHENTICATED', `Invalid token: ${(error as Error).message}`);
    }
    assertTokenTimes(payload, this.policy);
    const actor = actorFromClaims(payload);
    if (this.verified.size >= 10_000) this.verified.clear();
    // Re-verified at least every minute, and never past the token's own expiry.
    this.verified.set(token, { actor, expiresAt: Math.min((payload.exp ?? 0) * 1000, Date.now() + 60_000) });
    return actor;
  }
}

/** Mints an HS256 token for development and tests (tools/token and the test builders use this). */
export async function mintToken(
  config: Pick<AuthConfig, 'jwtSecret' | 'issuer' | 'audience'>,
  actor: Omit<Actor, 'org'> & { org?: string },
  ttlSeconds = 3600,
): Promise<string> {
  if (!config.jwtSecret) throw new Error('mintToken needs AUTH_JWT_SECRET');
  return new SignJWT({ role: actor.role, org: actor.org, name: actor.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(actor.sub)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(config.jwtSecret));
}
