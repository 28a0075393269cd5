import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import {
  contextFrom,
  httpRequestDuration,
  JsonLogger,
  metricsRegistry,
  runHealthChecks,
  runWithContext,
  type HealthCheck,
} from '@platform/observability';
import { ProblemFilter } from './problem.filter';
import { StrictValidationPipe } from './validation';

export interface HttpAppOptions {
  service: string;
  title: string;
  description: string;
  version: string;
  /** Largest accepted body in bytes; larger requests get 413. */
  bodyLimit?: number;
  healthChecks: HealthCheck[];
  logger?: boolean;
}

/**
 * Builds a service's HTTP application the same way for every service: Fastify, request/trace context, JSON
 * logs, problem+json errors, strict validation, /health, /metrics and the OpenAPI document.
 */
export async function createHttpApp(module: Type<unknown> | DynamicModule, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024,
    genReqId: () => '',
  });
  const logger = new JsonLogger(options.service);
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: options.logger === false ? false : logger,
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();

  fastify.addHook('onRequest', (request, reply, done) => {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const context = contextFrom(header('x-request-id'), header('traceparent'));
    void reply.header('x-request-id', context.requestId);
    runWithContext(context, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  fastify.get('/health', async (_request, reply) => {
    const report = await runHealthChecks(options.healthChecks);
    return reply.status(report.status === 'ok' ? 200 : 503).send({ service: options.service, ...report });
  });
  fastify.get('/metrics', async (_request, reply) =>
    reply.header('content-type', metricsRegistry.contentType).send(await metricsRegistry.metrics()),
  );

  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  serveOpenApi(app, options);
  return app;
}

export function buildOpenApi(app: INestApplication, options: Pick<HttpAppOptions, 'title' | 'description' | 'version'>): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  return { ...document, openapi: '3.1.0' };
}

function serveOpenApi(app: INestApplication, options: HttpAppOptions): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApi(app, options), {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
}
