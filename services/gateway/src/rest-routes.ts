/** Minimal view of an OpenAPI 3.x document: what routing and merging need. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string; license?: { name: string; url?: string } };
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  tags?: { name: string; description?: string }[];
  [key: string]: unknown;
}

interface Route {
  service: string;
  /** The OpenAPI path template, e.g. `/api/v1/referrals/{id}`: the route label of metrics and access lines. */
  template: string;
  pattern: RegExp;
  /** Literal characters of the template: a literal segment beats a parameter where both match. */
  specificity: number;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/**
 * Which service owns which REST path, learnt from each service's own OpenAPI document, so a route added to a
 * service is routed without touching the gateway. `/api/v1/referrals/{id}/placements` belongs to placements while
 * `/api/v1/referrals/{id}` belongs to referrals: the most literal template wins.
 */
export class RestRoutes {
  private routes: Route[] = [];

  static from(documents: Record<string, OpenApiDocument>): RestRoutes {
    const table = new RestRoutes();
    for (const [service, document] of Object.entries(documents)) {
      for (const [template, operations] of Object.entries(document.paths ?? {})) {
        const methods = Object.keys(operations).filter((m) => HTTP_METHODS.has(m));
        if (methods.length === 0) continue;
        const source = template
          .split('/')
          .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
          .join('/');
        table.routes.push({
          service,
          template,
          pattern: new RegExp(`^${source}$`),
          specificity: template.replace(/\{[^}]+\}/g, '').length,
        });
      }
    }
    table.routes.sort((a, b) => b.specificity - a.specificity);
    return table;
  }

  /** The owning service of a path (without query string), or undefined. */
  serviceOf(path: string): string | undefined {
    return this.match(path)?.service;
  }

  /** The owning service and the path template a path (without query string) matches, or undefined. */
  match(path: string): { service: string; template: string } | undefined {
    const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
    const route = this.routes.find((candidate) => candidate.pattern.test(clean));
    return route && { service: route.service, template: route.template };
  }

  get size(): number {
    return this.routes.length;
  }
}

const PLATFORM_DESCRIPTION =
  'The REST API of every service behind one address. Authenticate with `Authorization: Bearer <JWT>`. ' +
  'Errors are application/problem+json (RFC 9457, one `Problem` schema); every POST accepts an Idempotency-Key ' +
  'header. GraphQL is at /graphql.\n\n' +
  'Business dates (`plannedStart`, `startDate`, `measuredAt`, "today" in every rule) are calendar dates in ' +
  'Europe/Copenhagen (`YYYY-MM-DD`); instants are ISO-8601 UTC.\n\n' +
  'One system to the client: after a 2xx from any service, a following call to another service never fails ' +
  'because that service has not yet seen the first write. While the platform cannot know yet (e.g. the broker ' +
  'is down) the answer is 503 `/problems/state-not-yet-known` (or `/problems/dependency-unavailable`) with ' +
  '`Retry-After`, never a 404/422 for something that may be valid.';

/** The gateway's own answer to a client over its rate limit, on every operation it routes. */
const TOO_MANY_REQUESTS = {
  description: 'Too many requests from this client; retry after `Retry-After` seconds.',
  headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } },
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** One OpenAPI document for the whole platform: every service's paths, schemas and tags. */
export function mergeOpenApi(documents: Record<string, OpenApiDocument>): OpenApiDocument {
  const merged: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'Jobplatform API',
      version: '1',
      description: PLATFORM_DESCRIPTION,
      license: { name: 'MIT', url: 'https://opensource.org/license/mit' },
    },
    servers: [{ url: '/' }],
    paths: {},
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    tags: [],
  };
  // By service name, not by the order the documents arrived in (the gateway fetches them concurrently): the same
  // services give the same document byte for byte, as the checked-in snapshot contracts/openapi.json expects.
  const ordered = Object.entries(documents).sort(([a], [b]) => a.localeCompare(b));
  for (const [service, document] of ordered) {
    for (const [template, item] of Object.entries(document.paths ?? {})) {
      const operations: Record<string, unknown> = {};
      for (const [method, operation] of Object.entries(item)) {
        operations[method] =
          HTTP_METHODS.has(method) && operation && typeof operation === 'object'
            ? withTooManyRequests(operation)
            : operation;
      }
      merged.paths![template] = operations;
    }
    for (const [kind, entries] of Object.entries(document.components ?? {})) {
      if (kind === 'securitySchemes' || !entries) continue;
      merged.components![kind] = { ...entries, ...(merged.components![kind] ?? {}) };
    }
    const tags = document.tags?.length ? document.tags : [{ name: service }];
    for (const tag of tags) if (!merged.tags!.some((t) => t.name === tag.name)) merged.tags!.push(tag);
  }
  return merged;
}

function withTooManyRequests(operation: { responses?: Record<string, unknown> }) {
  const responses = { ...operation.responses, '429': operation.responses?.['429'] ?? TOO_MANY_REQUESTS };
  return {
    ...operation,
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
  };
}
