// First: OpenTelemetry must patch http, fastify, graphql, pg and kafkajs before they load (ADR 0076).
import '@platform/observability/tracing';
import 'reflect-metadata';
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
  process.stdout.write(
    JSON.stringify({
      level: 'info',
      service: 'reporting',
      msg: `listening on http://127.0.0.1:${config.REPORTING_PORT} (GraphQL at /graphql)`,
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`reporting failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
