// First: OpenTelemetry must patch http, fastify, graphql, pg and kafkajs before they load (ADR 0076).
import '@platform/observability/tracing';
import 'reflect-metadata';
import { JsonLogger, serveMetrics } from '@platform/observability';
import { installProcessFaultPolicy, loadConfig } from '@platform/http';
import { createKafka, ensureTopics } from '@platform/messaging';
import { ALL_TOPICS } from '@platform/contracts';
import { migrate } from '@platform/persistence';
import { createPlacementsApp } from './app';
import { PlacementsConfig } from './config';
import { placementsDataSource } from './database';

async function main(): Promise<void> {
  // A dependency fault never ends the process; a programming error does (ADR 0051).
  installProcessFaultPolicy('placements');
  const config = loadConfig(PlacementsConfig);
  const dataSource = await placementsDataSource(config.DATABASE_URL).initialize();
  // Migrations normally run as their own step; running them here too is harmless (each runs once).
  await migrate(dataSource);
  const kafka = createKafka('placements');
  // The consumer and the relay refuse to auto-create topics; make sure they exist.
  await ensureTopics(kafka, [...ALL_TOPICS]);
  const app = await createPlacementsApp({ config, dataSource, kafka });
  await app.listen({ port: config.PLACEMENTS_PORT, host: process.env.HOST ?? '127.0.0.1' });
  // Metrics on their own port, apart from the API (ADR 0075).
  await serveMetrics(config.PLACEMENTS_METRICS_PORT);
  process.stdout.write(
    JSON.stringify({
      level: 'info',
      service: 'placements',
      msg: `listening on http://127.0.0.1:${config.PLACEMENTS_PORT}`,
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  new JsonLogger('placements').event('error', 'failed to start', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});
