// First: OpenTelemetry must patch http, fastify, graphql, pg and kafkajs before they load (ADR 0076).
import '@platform/observability/tracing';
import 'reflect-metadata';
import { JsonLogger, serveMetrics } from '@platform/observability';
import { installProcessFaultPolicy, loadConfig } from '@platform/http';
import { createKafka } from '@platform/messaging';
import { migrate } from '@platform/persistence';
import { createReportingApp } from './app';
import { ReportingConfig } from './config';
import { reportingDataSource } from './database';

async function main(): Promise<void> {
  // A dependency fault never ends the process; a programming error does (ADR 0051).
  installProcessFaultPolicy('reporting');
  const config = loadConfig(ReportingConfig);
  const dataSource = await reportingDataSource(config.DATABASE_URL).initialize();
  await migrate(dataSource);
  const app = await createReportingApp({ config, dataSource, kafka: createKafka('reporting') });
  await app.listen({ port: config.REPORTING_PORT, host: process.env.HOST ?? '127.0.0.1' });
  // Metrics on their own port, apart from the API (ADR 0075).
  await serveMetrics(config.REPORTING_METRICS_PORT);
  process.stdout.write(
    JSON.stringify({
      level: 'info',
      service: 'reporting',
      msg: `listening on http://127.0.0.1:${config.REPORTING_PORT} (GraphQL at /graphql)`,
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  new JsonLogger('reporting').event('error', 'failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});
