import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, ValidateIf } from 'class-validator';

/**
 * The token settings every process validates at start-up (gateway and services alike): each config class extends
 * this one, so the rules of ADR 0071 are written once.
 */
export class AuthSettings {
  @ValidateIf((c: AuthSettings) => !c.AUTH_JWKS_URL)
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters (or set AUTH_JWKS_URL)' })
  AUTH_JWT_SECRET?: string;

  @IsOptional()
  @IsUrl({ require_tld: false })
  AUTH_JWKS_URL?: string;

  @IsString()
  @MinLength(1)
  AUTH_ISSUER: string;

  @IsString()
  @MinLength(1)
  AUTH_AUDIENCE: string;

  /** Longest accepted token lifetime (exp − iat, or exp − now without iat), seconds; longer tokens are 401 (ADR 0071). */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  AUTH_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

  /** Tolerated clock difference to the token issuer for exp, nbf and iat, seconds (ADR 0071). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600)
  AUTH_CLOCK_SKEW_SECONDS = 60;
}
