import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  recordRequest,
  contextFrom,
  JsonLogger,
  routeProcessWarnings,
  runHealthChecks,
  runWithContext,
  type HealthCheck,
  type RequestContext,
} from '@platform/observability';
import { consumersHealthCheck } from './dependency-faults';
import { documentValidationBounds } from './limits';
import { COPENHAGEN_DATES, completeOpenApi } from './openapi';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { ProblemFilter, toProblem } from './problem.filter';
import { bodyTooDeep, MAX_BODY_DEPTH, nestsDeeperThan, StrictValidationPipe } from './validation';

export interface HttpAppOptions {
  service: string;
  title: string;
  description: string;
  version: string;
  /** The document's tags (one per controller group), each with what it covers. */
  tags?: { name: string; description: string }[];
  /** Largest accepted body in bytes; larger requests get 413. */
  bodyLimit?: number;
  healthChecks: HealthCheck[];
  logger?: boolean;
}

/**
 * Builds a service's HTTP application the same way for every service: Fastify, request/trace context, JSON
 * logs with one access line per request, problem+json errors, strict validation, /health and the OpenAPI document.
 * Metrics are not served here but on the internal port (`serveMetrics`, ADR 0075).
 */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024,
    genReqId: () => '',
    // The router answers a malformed URL (400) or an over-long path parameter (414) before Nest sees the request;
    // answer those as problem+json too.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const problem = toProblem(error);
      void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
    },
  });
  const logger = new JsonLogger(options.service);
  routeProcessWarnings(logger);
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: options.logger === false ? false : logger,
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const contexts = new WeakMap<FastifyRequest, RequestContext>();

  fastify.addHook('onRequest', (request, reply, done) => {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const context = contextFrom(header('x-request-id'), header('traceparent'));
    contexts.set(request, context);
    void reply.header('x-request-id', context.requestId);
    runWithContext(context, done);
  });
  // Before guards, interceptors and pipes, all of which walk the body recursively: a body nested thousands of
  // levels deep would overflow the stack there and end in a 500.
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
      done(bodyTooDeep());
    } else {
      done();
    }
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const context = contexts.get(request);
    const actor = (request as { actor?: { role: string; org: string } }).actor;
    recordRequest(options.logger !== false && context ? logger : undefined, {
      method: request.method,
      route: routeTemplate(request.routeOptions.url),
      status: reply.statusCode,
      durationMs: reply.elapsedTime,
      requestId: context?.requestId ?? '',
      traceId: context?.traceId ?? '',
      role: actor?.role,
      org: actor?.org,
    });
    done();
  });
  // Liveness: the process answers. Readiness (/health) also checks the dependencies; a failing database must take
  // the instance out of the load balancer, not restart it.
  fastify.get('/health/live', (_request, reply) => reply.send({ service: options.service, status: 'ok' }));
  // Readiness names the dependency that is down (ADR 0051); the supervised Kafka consumers count as one.
  const readiness = [...options.healthChecks, consumersHealthCheck];
  fastify.get('/health', async (_request, reply) => {
    const report = await runHealthChecks(readiness);
    return reply.status(report.status === 'ok' ? 200 : 503).send({ service: options.service, ...report });
  });

  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  serveOpenApi(app, options);
  return app;
}

export function buildOpenApi(
  app: INestApplication,
  options: Pick<HttpAppOptions, 'title' | 'description' | 'version' | 'tags'>,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(`${options.description}\n\n${COPENHAGEN_DATES}`)
    .setVersion(options.version)
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addServer('/')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer');
  for (const tag of options.tags ?? []) builder.addTag(tag.name, tag.description);
  documentValidationBounds();
  const document = SwaggerModule.createDocument(app, builder.build());
  return completeOpenApi({ ...document, openapi: '3.1.0' });
}

function serveOpenApi(app: INestApplication, options: HttpAppOptions): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApi(app, options), {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
}

/** Fastify's `/api/v1/referrals/:id` as the OpenAPI template `/api/v1/referrals/{id}`, as the gateway labels it. */
export function routeTemplate(url: string | undefined): string {
  return url ? url.replace(/:(\w+)/g, '{$1}') : 'unmatched';
}
