// First: OpenTelemetry must patch http, fastify, graphql, pg and kafkajs before they load (ADR 0076).
import '@platform/observability/tracing';
import 'reflect-metadata';
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
  process.stdout.write(
    JSON.stringify({
      level: 'info',
      service: 'progression',
      msg: `listening on http://127.0.0.1:${config.PROGRESSION_PORT}`,
    }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`progression failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
