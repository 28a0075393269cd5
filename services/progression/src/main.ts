// First: OpenTelemetry must patch http, fastify, graphql, pg and kafkajs before they load (ADR 0076).
import '@platform/observability/tracing';
import 'reflect-metadata';
import { JsonLogger, serveMetrics } from '@platform/observability';
import { installProcessFaultPolicy, loadConfig } from '@platform/http';
import { createKafka } from '@platform/messaging';
import { migrate } from '@platform/persistence';
import { createProgressionApp } from './app';
import { ProgressionConfig } from './config';
import { progressionDataSource } from './database';

async function main(): Promise<void> {
  // A dependency fault never ends the process; a programming error does (ADR 0051).
  installProcessFaultPolicy('progression');
  const config = loadConfig(ProgressionConfig);
  const dataSource = await progressionDataSource(config.DATABASE_URL).initialize();
  // Migrations normally run as their own step (npm start, the k8s Job); running them here too is harmless.
  await migrate(dataSource);
  const app = await createProgressionApp({ config, dataSource, kafka: createKafka('progression') });
  await app.listen({ port: config.PROGRESSION_PORT, host: process.env.HOST ?? '127.0.0.1' });
  // Metrics on their own port, apart from the API (ADR 0075).
  await serveMetrics(config.PROGRESSION_METRICS_PORT);
  process.stdout.write(
    JSON.stringify({
      level: 'info',
      service: 'progression',
      msg: `listening on http://127.0.0.1:${config.PROGRESSION_PORT}`,
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  new JsonLogger('progression').event('error', 'failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});
