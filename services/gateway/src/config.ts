import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { AuthSettings } from '@platform/auth';

const serviceUrl = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/** Everything the gateway reads from its environment, validated once at start-up. */
export class GatewayConfig extends AuthSettings {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT = 4000;

  /** Internal port of /metrics (Prometheus), apart from the public one: never routed by the gateway (ADR 0075). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_METRICS_PORT = 9400;

  /** Base URLs of the services; GraphQL at <url>/graphql, REST under <url>/api/v1, OpenAPI at <url>/api/openapi.json. */
  @IsUrl(serviceUrl)
  REFERRALS_URL = 'http://127.0.0.1:3001';

  @IsUrl(serviceUrl)
  PLACEMENTS_URL = 'http://127.0.0.1:3002';

  @IsUrl(serviceUrl)
  PROGRESSION_URL = 'http://127.0.0.1:3003';

  @IsUrl(serviceUrl)
  REPORTING_URL = 'http://127.0.0.1:3004';

  /** Comma-separated origins allowed by CORS; empty means no cross-origin browser access. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  /** Requests per authenticated client (its token's role, org and subject) per minute before 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Requests without a valid token (missing, malformed, expired, refused) per client address per minute before 429. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_ANONYMOUS_PER_MINUTE = 60;

  /** Exports (`GET …/*.csv`) and batch writes (`POST …/batch`) per tenant per minute before 429 (ADR 0071). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_EXPENSIVE_PER_MINUTE = 30;

  /**
   * Which proxies in front of the gateway are trusted to say who the client is (X-Forwarded-For): empty or `false`
   * for none (the address of the TCP peer, the default), a hop count (`1` behind one load balancer), or a
   * comma-separated list of proxy addresses/CIDRs (`10.0.0.0/8`). `true` trusts any sender of the header: never in
   * production, a client could pick its own address and escape the per-address limit.
   */
  @IsOptional()
  @Matches(/^(|true|false|\d+|[0-9a-fA-F:.\/]+(\s*,\s*[0-9a-fA-F:.\/]+)*)$/, {
    message: 'TRUST_PROXY must be empty, true, false, a hop count or a comma-separated list of addresses/CIDRs',
  })
  TRUST_PROXY = '';

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

/** Fastify's `trustProxy` from TRUST_PROXY: false, true, a hop count, or the trusted proxies' addresses/CIDRs. */
export function trustProxyOf(value: string): boolean | string[] | ((address: string, hop: number) => boolean) {
  const setting = value.trim();
  if (setting === '' || setting === 'false') return false;
  if (setting === 'true') return true;
  // The n proxies nearest to the gateway are trusted, whatever their address (Fastify's integer form).
  if (/^\d+$/.test(setting)) return (_address, hop) => hop < Number(setting);
  return setting.split(',').map((entry) => entry.trim());
}
