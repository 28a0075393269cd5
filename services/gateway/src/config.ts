import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, ValidateIf } from 'class-validator';

const serviceUrl = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/** Everything the gateway reads from its environment, validated once at start-up. */
export class GatewayConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT = 4000;

  /** Base URLs of the services; GraphQL at <url>/graphql, REST under <url>/api/v1, OpenAPI at <url>/api/openapi.json. */
  @IsUrl(serviceUrl)
  REFERRALS_URL = 'http://127.0.0.1:3001';

  @IsUrl(serviceUrl)
  PLACEMENTS_URL = 'http://127.0.0.1:3002';

  @IsUrl(serviceUrl)
  PROGRESSION_URL = 'http://127.0.0.1:3003';

  @IsUrl(serviceUrl)
  REPORTING_URL = 'http://127.0.0.1:3004';

  @ValidateIf((c: GatewayConfig) => !c.AUTH_JWKS_URL)
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

  /** Comma-separated origins allowed by CORS; empty means no cross-origin browser access. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  /** Requests per client (token subject, else IP address) per minute before 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Largest accepted request body in bytes (413 above). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 2 * 1024 * 1024;

  /**
   * Most lexical tokens a GraphQL document may have; the parser stops at the first one over (QUERY_TOO_LARGE). Our
   * largest operation has about 60; a generous BI query a few hundred.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  GRAPHQL_MAX_TOKENS = 1000;

  /** Most aliases in an operation (fragments counted where spread); `QUERY_TOO_MANY_ALIASES` above. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  GRAPHQL_MAX_ALIASES = 30;

  /** Most directives in an operation (fragments counted where spread); `QUERY_TOO_MANY_DIRECTIVES` above. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  GRAPHQL_MAX_DIRECTIVES = 30;

  /** How often one response name may be selected in one selection set (`__typename` exempt); QUERY_FIELD_REPEATED. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  GRAPHQL_MAX_FIELD_REPEATS = 3;

  /** Deepest selection set a GraphQL operation may have. */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  /** Highest estimated cost of a GraphQL operation (graphql-armor: object fields 2, scalars 1, times 1.5 per level). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COST = 5000;

  /** Who may introspect the schema (`__schema`, `__type`): `all` roles (development) or `admin` only (production). */
  @IsIn(['all', 'admin'])
  GRAPHQL_INTROSPECTION: 'all' | 'admin' = 'all';
}

/** The services behind the gateway: the supergraph's subgraph names and their base URLs (no trailing slash). */
export function serviceUrls(config: GatewayConfig): Record<string, string> {
  const urls = {
    referrals: config.REFERRALS_URL,
    placements: config.PLACEMENTS_URL,
    progression: config.PROGRESSION_URL,
    reporting: config.REPORTING_URL,
  };
  return Object.fromEntries(Object.entries(urls).map(([name, url]) => [name, url.replace(/\/$/, '')]));
}
