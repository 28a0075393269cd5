import { dirname } from 'node:path';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import replyFrom from '@fastify/reply-from';
import fastifyStatic from '@fastify/static';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { JSONLogWriter, Logger } from '@graphql-hive/logger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { TokenVerifier, type Actor } from '@platform/auth';
import { ASYNCAPI_DOCUMENT } from '@platform/contracts';
import { DomainError } from '@platform/domain-kernel';
import {
  bodyTooDeep,
  jsonTextNestsDeeperThan,
  MAX_BODY_DEPTH,
  PROBLEM_CONTENT_TYPE,
  problemType,
  toProblem,
  validationFailed,
  type Problem,
} from '@platform/http';
import {
  recordRequest,
  contextFrom,
  graphqlOperations,
  JsonLogger,
  operationLabel,
  routeProcessWarnings,
  runHealthChecks,
  traceparentOf,
  type RequestContext,
} from '@platform/observability';
import { serviceUrls, trustProxyOf, type GatewayConfig } from './config';
import { graphqlLimitsPlugin } from './graphql-limits';
import { mergeOpenApi, RestRoutes, type OpenApiDocument } from './rest-routes';
import { subgraphsIn, supergraphFor } from './supergraph';

declare module 'fastify' {
  interface FastifyRequest {
    context: RequestContext;
    actor?: Actor;
    /** The route label of metrics and the access line: the OpenAPI template of a REST call. */
    routeLabel?: string;
    /** A GraphQL call's operation name, bounded (operationLabel). */
    operation?: string;
  }
}

export interface Gateway {
  server: FastifyInstance;
  /** Fetches the services' OpenAPI documents again (REST routes and the merged document). */
  refreshRestApi(): Promise<void>;
  close(): Promise<void>;
}

const SWAGGER_UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));

const isGraphQL = (url: string): boolean => url === '/graphql' || url.startsWith('/graphql?');
const isRest = (url: string): boolean => url.startsWith('/api/v1/');

const FIRST_OPERATION = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/** The operation a GraphQL request names (operationName, else the document's first named operation). */
function operationNameOf(request: FastifyRequest): unknown {
  const source = (request.method === 'GET' ? request.query : request.body) as
    { operationName?: unknown; query?: unknown } | undefined;
  if (source?.operationName) return source.operationName;
  return typeof source?.query === 'string' ? FIRST_OPERATION.exec(source.query)?.[1] : undefined;
}

/**
 * Operations that cost a service far more than one ordinary request, limited per tenant as well (ADR 0071): the CSV
 * exports (`GET …/*.csv`) and the batch writes (`POST …/batch`), by the naming convention of the REST paths.
 */
export const isExpensive = (method: string, url: string): boolean => {
  const path = url.split('?')[0];
  return (method === 'GET' && path.endsWith('.csv')) || (method === 'POST' && path.endsWith('/batch'));
};

/** The tenant an actor acts for (ADR 0052): its role and org; an admin, who has none, counts as itself. */
const tenantOf = (actor: Actor): string =>
  actor.role === 'admin' ? `admin:${actor.sub}` : `${actor.role}:${actor.org}`;

/**
 * Headers that belong to one connection (RFC 9110 7.6.1), not to the request: the gateway answered them itself
 * (`Expect: 100-continue` is its own 100 Continue; the body is read whole, so `Transfer-Encoding` is gone) and the
 * upstream client refuses several of them outright ("expect header not supported" was the 503 of issue 12).
 */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'http2-settings',
] as const;

function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 401) void reply.header('www-authenticate', 'Bearer');
  return reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

/** A GraphQL client gets its errors as a GraphQL response, with the same code as the REST problem. */
function sendGraphQLError(reply: FastifyReply, problem: Problem, code: string): FastifyReply {
  if (problem.status === 401) void reply.header('www-authenticate', 'Bearer');
  return reply
    .status(problem.status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ errors: [{ message: problem.detail ?? problem.title, extensions: { code, status: problem.status } }] });
}

const decodes = (text: string): boolean => {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * The parts of a URL whose percent-encoding is not UTF-8 (`%ED%A0%80`, a lone surrogate; `%FF`): the forwarding
 * client cannot decode them (it was a 500). Reported per query parameter, or for the path as a whole (`field: ""`).
 */
export function malformedUrlParts(url: string, template?: string): { field: string; message: string }[] {
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const query = at < 0 ? '' : url.slice(at + 1);
  const message = 'must be percent-encoded UTF-8';
  const errors = decodes(path) ? [] : [{ field: '', message: `the path ${message}` }];
  // A segment that begins or ends with '..' reads as a path traversal to the forwarding client (a bare 400 without
  // the field): named here by its template parameter (`id` of /api/v1/referrals/{id}).
  if (errors.length === 0) {
    const names = (template ?? '').split('/');
    path.split('/').forEach((segment, index) => {
      const decoded = decodeURIComponent(segment);
      if (!decoded.startsWith('..') && !decoded.endsWith('..')) return;
      const field = /^\{(\w+)\}$/.exec(names[index] ?? '')?.[1] ?? '';
      errors.push({ field, message: "must not begin or end with '..'" });
    });
  }
  for (const pair of query ? query.split('&') : []) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (!decodes(key) || !decodes(value)) errors.push({ field: decodes(key) ? decodeURIComponent(key) : '', message });
  }
  return errors;
}

/**
 * The one door: GraphQL over the static supergraph (Hive Gateway runtime, MIT), REST routed to the owning service,
 * the merged OpenAPI document, and the edge concerns: JWT verification, request ids and trace context, rate limits,
 * body limits, CORS, GraphQL operation limits, and a /health that reports every service.
 */
export async function createGateway(config: GatewayConfig, options: { logger?: boolean } = {}): Promise<Gateway> {
  const logger = new JsonLogger('gateway');
  routeProcessWarnings(logger);
  const urls = serviceUrls(config);
  const supergraph = supergraphFor(urls);
  const services = subgraphsIn(supergraph);
  const verifier = new TokenVerifier({
    jwtSecret: config.AUTH_JWT_SECRET,
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    maxTokenLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    clockSkewSeconds: config.AUTH_CLOCK_SKEW_SECONDS,
  });

  const server = Fastify({
    bodyLimit: config.BODY_LIMIT_BYTES,
    genReqId: () => '',
    trustProxy: trustProxyOf(config.TRUST_PROXY),
  });
  // `Expect: 100-continue`: the 100 goes out only for a body that may be sent; a declared length over the limit gets
  // its 413 (from the hook below) first, so the client never uploads it.
  server.server.on('checkContinue', (request, response) => {
    if (Number(request.headers['content-length'] ?? 0) <= config.BODY_LIMIT_BYTES) response.writeContinue();
    else response.shouldKeepAlive = false;
    server.server.emit('request', request, response);
  });

  // A JSON body is judged for nesting on its text, before it is parsed (a 2 MB body of brackets costs V8's JSON.parse
  // most of a second); GraphQL bodies here, REST bodies where they are read below (ADR 0070).
  const parseJson = server.getDefaultJsonParser('error', 'error');
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonTextNestsDeeperThan(body, MAX_BODY_DEPTH)) done(bodyTooDeep(), undefined);
    else void parseJson(request, body as string, done);
  });

  server.decorateRequest('context', null as unknown as RequestContext);
  server.addHook('onRequest', async (request, reply) => {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    request.context = contextFrom(header('x-request-id'), header('traceparent'));
    void reply.header('x-request-id', request.context.requestId);
  });
  server.addHook('onResponse', async (request, reply) => {
    recordRequest(options.logger === false ? undefined : logger, {
      method: request.method,
      route: request.routeLabel ?? request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      durationMs: reply.elapsedTime,
      requestId: request.context.requestId,
      traceId: request.context.traceId,
      role: request.actor?.role,
      org: request.actor?.org,
      operation: request.operation,
    });
  });
  server.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) logger.error(error);
    if (isGraphQL(request.url))
      return sendGraphQLError(reply, problem, problem.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST');
    return sendProblem(reply, problem);
  });
  server.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      toProblem(new DomainError('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`)),
    ),
  );

  const origins = config.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  await server.register(cors, {
    origin: origins.length > 0 ? origins : false,
    exposedHeaders: ['x-request-id', 'location', 'retry-after', 'etag'],
    allowedHeaders: [
      'authorization',
      'content-type',
      'idempotency-key',
      'if-match',
      'if-none-match',
      'x-request-id',
      'traceparent',
    ],
  });

  // Rate limits (ADR 0071), counted in this replica's memory. Each is checked where its key is known, before the body
  // is read: a client without a valid token by its address (on its own, lower limit) before it is told 401; an
  // authenticated client by its token; an expensive operation also by the client's tenant.
  await server.register(rateLimit, { global: false, timeWindow: 60_000 });
  const limits = {
    anonymous: {
      check: server.createRateLimit({ max: config.RATE_LIMIT_ANONYMOUS_PER_MINUTE }),
      what: 'requests without a valid token per minute per client address',
    },
    client: {
      check: server.createRateLimit({
        max: config.RATE_LIMIT_PER_MINUTE,
        keyGenerator: (request) => `${request.actor!.role}:${request.actor!.org}:${request.actor!.sub}`,
      }),
      what: 'requests per minute per client',
    },
    expensive: {
      check: server.createRateLimit({
        max: config.RATE_LIMIT_EXPENSIVE_PER_MINUTE,
        keyGenerator: (request) => tenantOf(request.actor!),
      }),
      what: 'exports and batch writes per minute per tenant',
    },
  };
  /** Counts the request against a limit; over it, answers 429 with Retry-After and returns true. */
  const overLimit = async (
    limit: (typeof limits)[keyof typeof limits],
    request: FastifyRequest,
    reply: FastifyReply,
    graphql: boolean,
  ): Promise<boolean> => {
    const result = await limit.check(request);
    if (result.isAllowed) return false;
    if (limit === limits.client) {
      void reply.header('x-ratelimit-limit', String(result.max));
      void reply.header('x-ratelimit-remaining', String(result.remaining));
      void reply.header('x-ratelimit-reset', String(result.ttlInSeconds));
    }
    if (!result.isExceeded) return false;
    void reply.header('retry-after', String(result.ttlInSeconds));
    const problem: Problem = {
      type: problemType('too-many-requests'),
      title: 'Too many requests',
      status: 429,
      detail: `At most ${result.max} ${limit.what}; retry after ${result.ttlInSeconds} s`,
    };
    if (graphql) sendGraphQLError(reply, problem, 'TOO_MANY_REQUESTS');
    else sendProblem(reply, problem);
    return true;
  };

  // Authentication at the edge: the token is verified here (and again by the service it reaches).
  server.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS') return;
    const graphql = isGraphQL(request.url);
    if (!graphql && !isRest(request.url)) return;
    // The GraphiQL page itself is public; operations are not.
    if (graphql && request.method === 'GET' && !request.url.includes('query=')) return;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    try {
      if (!match) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
      request.actor = await verifier.verify(match[1]);
    } catch (error) {
      if (await overLimit(limits.anonymous, request, reply, graphql)) return reply;
      const problem = toProblem(error);
      return graphql ? sendGraphQLError(reply, problem, 'UNAUTHENTICATED') : sendProblem(reply, problem);
    }
    if (await overLimit(limits.client, request, reply, graphql)) return reply;
    if (isExpensive(request.method, request.url) && (await overLimit(limits.expensive, request, reply, graphql)))
      return reply;
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > config.BODY_LIMIT_BYTES) {
      const problem: Problem = {
        type: '/problems/payload-too-large',
        title: 'Payload too large',
        status: 413,
        detail: `The body must not exceed ${config.BODY_LIMIT_BYTES} bytes`,
      };
      return graphql ? sendGraphQLError(reply, problem, 'PAYLOAD_TOO_LARGE') : sendProblem(reply, problem);
    }
  });

  // GraphQL: the static supergraph, never introspected from the services.
  const runtime = createGatewayRuntime<{ req: FastifyRequest; reply: FastifyReply }>({
    supergraph,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Jobplatform GraphQL' },
    // Upstream failures as JSON lines, like every other log of the platform.
    logging: options.logger === false ? false : new Logger({ level: 'warn', writers: [new JSONLogWriter()] }),
    maskedErrors: true,
    upstreamTimeout: 30_000,
    propagateHeaders: {
      fromClientToSubgraphs: ({ context }) => {
        // Typed as always present, but absent for the gateway's own requests (none are made here).
        const request: FastifyRequest | undefined = context.req;
        if (!request) return {};
        const key = request.headers['idempotency-key'];
        return {
          authorization: request.headers.authorization ?? null,
          // A keyed mutation is replayed by the subgraph that runs it (ADR 0050); queries ignore the key.
          'idempotency-key': (Array.isArray(key) ? key[0] : key) ?? null,
          'x-request-id': request.context.requestId,
          traceparent: traceparentOf(request.context),
        };
      },
    },
    // Limits judged before parsing and validation grow, and introspection per role (ADR 0070).
    plugins: () => [graphqlLimitsPlugin(config)],
  });
  server.route({
    url: '/graphql',
    method: ['GET', 'POST'],
    handler: async (request, reply) => {
      request.operation = operationLabel(operationNameOf(request));
      const response = await runtime.handleNodeRequestAndResponse(request, reply, { req: request, reply });
      response.headers.forEach((value, key) => void reply.header(key, value));
      void reply.status(response.status);
      // The whole body as text: GraphQL answers are small, and piping a web stream costs more than it saves.
      const text = await response.text();
      if (request.method === 'POST' || request.url.includes('query=')) {
        const failed = response.status >= 400 || /^\s*\{\s*"errors"/.test(text) || text.includes('"errors":[');
        graphqlOperations.inc({ operation: request.operation, outcome: failed ? 'error' : 'ok' });
      }
      return reply.send(text);
    },
  });

  // REST: each path goes to the service whose OpenAPI document declares it. The body is read whole first, within
  // BODY_LIMIT_BYTES however it is framed (Content-Length or chunked): Fastify answers 413 for an excess and 400 for
  // a body cut short, so a service never sees an over-limit body and never refuses one half-way through its upload
  // (which reached the client as a 503 from the cut connection). Hop-by-hop headers stay at this hop (ADR 0062).
  let routes = new RestRoutes();
  let openApi = mergeOpenApi({});
  await server.register(replyFrom, { undici: { connections: 128, pipelining: 1 } });
  // eslint-disable-next-line @typescript-eslint/require-await -- Fastify plugins are async functions
  await server.register(async (rest) => {
    rest.removeAllContentTypeParsers();
    rest.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: config.BODY_LIMIT_BYTES },
      (request, body: Buffer, done) =>
        /\bjson\b/i.test(request.headers['content-type'] ?? '') && jsonTextNestsDeeperThan(body, MAX_BODY_DEPTH)
          ? done(bodyTooDeep(), undefined)
          : done(null, body),
    );
    rest.all('/api/v1/*', (request, reply) => {
      const matched = routes.match(request.url.split('?')[0]);
      request.routeLabel = matched?.template ?? 'unmatched';
      const service = matched?.service;
      if (!service) {
        return sendProblem(
          reply,
          toProblem(new DomainError('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`)),
        );
      }
      const malformed = malformedUrlParts(request.url, matched.template);
      if (malformed.length > 0) return sendProblem(reply, toProblem(validationFailed(malformed)));
      const body = Buffer.isBuffer(request.body) ? request.body : undefined;
      return reply.from(`${urls[service]}${request.url}`, {
        // The body as read (reply-from sets its Content-Length); without one, none is announced.
        ...(body ? { body, contentType: request.headers['content-type'] ?? 'application/octet-stream' } : {}),
        rewriteRequestHeaders: (_original, headers) => {
          const forwarded: typeof headers = {
            ...headers,
            'x-request-id': request.context.requestId,
            traceparent: traceparentOf(request.context),
          };
          for (const name of HOP_BY_HOP) delete forwarded[name];
          if (!body) delete forwarded['content-length'];
          return forwarded;
        },
        onError: (_failed, { error }) => {
          // A request the upstream client refuses to build is the client's (e.g. a header it cannot forward): 400.
          const cause = (error as { cause?: { code?: string } }).cause?.code;
          if (cause === 'UND_ERR_INVALID_ARG' || cause === 'UND_ERR_NOT_SUPPORTED') {
            void sendProblem(reply, {
              type: '/problems/bad-request',
              title: 'Bad request',
              status: 400,
              detail: 'The request cannot be forwarded as sent',
            });
            return;
          }
          logger.event('warn', 'service unreachable', { service, error: error.message });
          void sendProblem(reply, {
            type: '/problems/service-unavailable',
            title: 'Service unavailable',
            status: 503,
            detail: `The ${service} service is not reachable; try again shortly`,
          });
        },
      });
    });
  });

  async function refreshRestApi(): Promise<void> {
    const documents: Record<string, OpenApiDocument> = {};
    await Promise.all(
      services.map(async (service) => {
        try {
          const response = await fetch(`${urls[service]}/api/openapi.json`, {
            signal: AbortSignal.timeout(3000),
          });
          if (response.ok) documents[service] = (await response.json()) as OpenApiDocument;
        } catch {
          // not up yet: the next refresh picks it up
        }
      }),
    );
    // Keep what was learnt from a service that is briefly unreachable.
    const known = new Set(Object.keys(documents));
    for (const [service, document] of Object.entries(lastDocuments))
      if (!known.has(service)) documents[service] = document;
    lastDocuments = documents;
    routes = RestRoutes.from(documents);
    openApi = mergeOpenApi(documents);
  }
  let lastDocuments: Record<string, OpenApiDocument> = {};
  await refreshRestApi();
  const refresher = setInterval(() => void refreshRestApi(), 30_000);
  refresher.unref();

  server.get('/api/openapi.json', () => Promise.resolve(openApi));
  // The Kafka event contract (AsyncAPI 3.0, generated from proto/; ADR 0061), public like the OpenAPI document.
  server.get('/api/asyncapi.json', () => Promise.resolve(ASYNCAPI_DOCUMENT));
  await server.register(fastifyStatic, { root: SWAGGER_UI_DIR, prefix: '/api/docs/assets/', index: false });
  server.get('/api/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(SWAGGER_PAGE));

  server.get('/health/live', (_request, reply) => reply.send({ service: 'gateway', status: 'ok' }));
  server.get('/health', async (_request, reply) => {
    const report = await runHealthChecks(
      services.map((service) => ({
        name: service,
        check: async () => {
          const response = await fetch(`${urls[service]}/health`, {
            signal: AbortSignal.timeout(2000),
          });
          if (!response.ok) throw new Error(`${service} reports ${response.status}`);
        },
      })),
    );
    return reply.status(report.status === 'ok' ? 200 : 503).send({ service: 'gateway', ...report });
  });

  return {
    server,
    refreshRestApi,
    async close() {
      clearInterval(refresher);
      await server.close();
      await runtime.dispose();
    },
  };
}

const SWAGGER_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Jobplatform API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });
  </script>
</body>
</html>
`;
