/** Minimal view of an OpenAPI 3.x document: what routing and merging need. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  tags?: { name: string; description?: string }[];
  [key: string]: unknown;
}

interface Route {
  service: string;
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
    const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
    return this.routes.find((route) => route.pattern.test(clean))?.service;
  }

  get size(): number {
    return this.routes.length;
  }
}

/** One OpenAPI document for the whole platform: every service's paths, schemas and tags. */
export function mergeOpenApi(documents: Record<string, OpenApiDocument>): OpenApiDocument {
  const merged: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'Jobplatform API',
      version: '1',
      description:
        'The REST API of every service behind one address. Authenticate with `Authorization: Bearer <JWT>`. ' +
        'Errors are application/problem+json (RFC 9457); every POST accepts an Idempotency-Key header. ' +
        'GraphQL is at /graphql.',
    },
    servers: [{ url: '/' }],
    paths: {},
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ bearer: [] }],
    tags: [],
  };
  for (const [service, document] of Object.entries(documents)) {
    Object.assign(merged.paths!, document.paths ?? {});
    for (const [kind, entries] of Object.entries(document.components ?? {})) {
      if (kind === 'securitySchemes' || !entries) continue;
      merged.components![kind] = { ...entries, ...(merged.components![kind] ?? {}) };
    }
    const tags = document.tags?.length ? document.tags : [{ name: service }];
    for (const tag of tags) if (!merged.tags!.some((t) => t.name === tag.name)) merged.tags!.push(tag);
  }
  return merged;
}
